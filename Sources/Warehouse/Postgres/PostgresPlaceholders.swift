/// Rewrites `?` placeholders into PostgreSQL's `$1, $2, …`.
///
/// Only a `?` in plain SQL is a placeholder. Skipped, with PostgreSQL's lexical rules:
/// `'…'` strings (`''` escapes), `E'…'` strings (backslash escapes), `"…"` identifiers,
/// `$tag$…$tag$` dollar-quoted strings, `-- …` line comments and nested `/* … */` comments.
/// All delimiters are ASCII, so scanning UTF-8 bytes is exact for any text.
enum PostgresPlaceholders {
    /// The rewritten SQL and the number of placeholders found.
    static func rewrite(_ sql: String) -> (sql: String, count: Int) {
        let input = Array(sql.utf8)
        guard input.contains(UInt8(ascii: "?")) else { return (sql, 0) }
        var output: [UInt8] = []
        output.reserveCapacity(input.count + 16)
        var count = 0
        var index = 0
        let end = input.count

        func copy(through last: Int) {
            let stop = min(last, end - 1)
            if index <= stop { output.append(contentsOf: input[index...stop]) }
            index = stop + 1
        }

        while index < end {
            let byte = input[index]
            switch byte {
            case UInt8(ascii: "?"):
                count += 1
                output.append(UInt8(ascii: "$"))
                output.append(contentsOf: String(count).utf8)
                index += 1

            case UInt8(ascii: "'"):
                let escapes = index > 0 && (input[index - 1] == UInt8(ascii: "E") || input[index - 1] == UInt8(ascii: "e"))
                    && (index < 2 || !isIdentifierByte(input[index - 2]))
                copy(through: closingQuote(input, from: index, quote: UInt8(ascii: "'"), backslashEscapes: escapes))

            case UInt8(ascii: "\""):
                copy(through: closingQuote(input, from: index, quote: UInt8(ascii: "\""), backslashEscapes: false))

            case UInt8(ascii: "-") where index + 1 < end && input[index + 1] == UInt8(ascii: "-"):
                var last = index + 2
                while last < end && input[last] != UInt8(ascii: "\n") { last += 1 }
                copy(through: last)

            case UInt8(ascii: "/") where index + 1 < end && input[index + 1] == UInt8(ascii: "*"):
                copy(through: closingBlockComment(input, from: index))

            case UInt8(ascii: "$") where index == 0 || !isIdentifierByte(input[index - 1]):
                if let tagEnd = dollarTagEnd(input, from: index) {
                    let tag = input[index...tagEnd]
                    copy(through: closingDollarQuote(input, after: tagEnd, tag: tag))
                } else {
                    output.append(byte)
                    index += 1
                }

            default:
                output.append(byte)
                index += 1
            }
        }
        return (String(decoding: output, as: UTF8.self), count)
    }

    /// The index of the quote closing the literal opened at `start` (or the last index).
    private static func closingQuote(_ input: [UInt8], from start: Int, quote: UInt8, backslashEscapes: Bool) -> Int {
        var index = start + 1
        while index < input.count {
            let byte = input[index]
            if backslashEscapes && byte == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            if byte == quote {
                // A doubled quote is an escaped quote, not the end.
                if index + 1 < input.count && input[index + 1] == quote {
                    index += 2
                    continue
                }
                return index
            }
            index += 1
        }
        return input.count - 1
    }

    /// The index of the `/` ending the (possibly nested) comment opened at `start`.
    private static func closingBlockComment(_ input: [UInt8], from start: Int) -> Int {
        var depth = 0
        var index = start
        while index + 1 < input.count {
            if input[index] == UInt8(ascii: "/") && input[index + 1] == UInt8(ascii: "*") {
                depth += 1
                index += 2
            } else if input[index] == UInt8(ascii: "*") && input[index + 1] == UInt8(ascii: "/") {
                depth -= 1
                index += 2
                if depth == 0 { return index - 1 }
            } else {
                index += 1
            }
        }
        return input.count - 1
    }

    /// When a dollar-quote tag (`$$` or `$name$`) starts at `start`, the index of its closing `$`.
    /// `$1` is a parameter, not a tag: tags cannot start with a digit.
    private static func dollarTagEnd(_ input: [UInt8], from start: Int) -> Int? {
        var index = start + 1
        if index < input.count, isDigit(input[index]) { return nil }
        while index < input.count {
            let byte = input[index]
            if byte == UInt8(ascii: "$") { return index }
            guard isIdentifierByte(byte) else { return nil }
            index += 1
        }
        return nil
    }

    /// The index of the last `$` of the tag closing a dollar-quoted string.
    private static func closingDollarQuote(_ input: [UInt8], after tagEnd: Int, tag: ArraySlice<UInt8>) -> Int {
        var index = tagEnd + 1
        while index + tag.count <= input.count {
            if input[index] == UInt8(ascii: "$") && input[index..<(index + tag.count)].elementsEqual(tag) {
                return index + tag.count - 1
            }
            index += 1
        }
        return input.count - 1
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// Letters, digits, `_` and any non-ASCII byte (PostgreSQL allows those in identifiers).
    private static func isIdentifierByte(_ byte: UInt8) -> Bool {
        isDigit(byte) || byte == UInt8(ascii: "_") || byte >= 0x80
            || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }
}
