/// A strict, allocation-light JSON reader for one flat record: it returns each field's text
/// without building a tree, which keeps landing millions of records fast.
struct JSONFieldParser {
    private let bytes: [UInt8]
    private var index = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    private func problem(_ what: String) -> RecordProblem {
        RecordProblem(reason: "malformed JSON: \(what) at byte \(index)")
    }

    private mutating func skipSpace() {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 { index += 1 }
    }

    private mutating func expect(_ byte: UInt8, _ what: String) throws(RecordProblem) {
        skipSpace()
        guard index < bytes.count, bytes[index] == byte else { throw problem("expected \(what)") }
        index += 1
    }

    private mutating func expectEnd() throws(RecordProblem) {
        skipSpace()
        guard index == bytes.count else { throw problem("unexpected text after the value") }
    }

    /// A JSON object's fields; nested values keep their JSON text.
    mutating func parseObject() throws(RecordProblem) -> [(name: String, value: String?)] {
        skipSpace()
        guard index < bytes.count, bytes[index] == 0x7B else {
            throw RecordProblem(reason: "wrong shape: a record must be a JSON object")
        }
        let fields = try objectFields()
        try expectEnd()
        return fields
    }

    private mutating func objectFields() throws(RecordProblem) -> [(name: String, value: String?)] {
        try expect(0x7B, "{")
        var fields: [(name: String, value: String?)] = []
        skipSpace()
        if index < bytes.count, bytes[index] == 0x7D {
            index += 1
            return fields
        }
        while true {
            skipSpace()
            guard index < bytes.count, bytes[index] == 0x22 else { throw problem("expected a field name") }
            let name = try string()
            try expect(0x3A, ":")
            fields.append((name, try valueText()))
            skipSpace()
            guard index < bytes.count else { throw problem("unterminated object") }
            if bytes[index] == 0x2C { index += 1; continue }
            if bytes[index] == 0x7D { index += 1; return fields }
            throw problem("expected , or }")
        }
    }

    /// An array of objects (child rows).
    mutating func parseArrayOfObjects() throws(RecordProblem) -> [[(name: String, value: String?)]] {
        try expect(0x5B, "[")
        var rows: [[(name: String, value: String?)]] = []
        try elements { (parser: inout JSONFieldParser) throws(RecordProblem) in rows.append(try parser.objectFields()) }
        try expectEnd()
        return rows
    }

    /// An array of strings (a sheet row); numbers and booleans are taken as their text.
    mutating func parseArrayOfStrings() throws(RecordProblem) -> [String] {
        skipSpace()
        guard index < bytes.count, bytes[index] == 0x5B else { throw RecordProblem(reason: "wrong shape: a sheet row must be a JSON array") }
        index += 1
        var cells: [String] = []
        try elements { (parser: inout JSONFieldParser) throws(RecordProblem) in
            parser.skipSpace()
            guard parser.index < parser.bytes.count, parser.bytes[parser.index] != 0x7B, parser.bytes[parser.index] != 0x5B else {
                throw RecordProblem(reason: "wrong shape: a sheet cell must be a string")
            }
            cells.append(try parser.valueText() ?? "")
        }
        try expectEnd()
        return cells
    }

    /// Reads an array's elements with `element`, after its opening bracket, through its closing one.
    private mutating func elements(_ element: (inout JSONFieldParser) throws(RecordProblem) -> Void) throws(RecordProblem) {
        skipSpace()
        if index < bytes.count, bytes[index] == 0x5D {
            index += 1
            return
        }
        while true {
            try element(&self)
            skipSpace()
            guard index < bytes.count else { throw problem("unterminated array") }
            if bytes[index] == 0x2C { index += 1; continue }
            if bytes[index] == 0x5D { index += 1; return }
            throw problem("expected , or ]")
        }
    }

    /// A value as text: strings unescaped, null as nil, other scalars and nested values verbatim.
    private mutating func valueText() throws(RecordProblem) -> String? {
        skipSpace()
        guard index < bytes.count else { throw problem("missing value") }
        switch bytes[index] {
        case 0x22: return try string()
        case 0x7B, 0x5B:
            let start = index
            try skipNested()
            return String(decoding: bytes[start..<index], as: UTF8.self)
        case 0x6E: try literal("null"); return nil
        case 0x74: try literal("true"); return "true"
        case 0x66: try literal("false"); return "false"
        default: return try number()
        }
    }

    private mutating func literal(_ word: String) throws(RecordProblem) {
        for byte in word.utf8 {
            guard index < bytes.count, bytes[index] == byte else { throw problem("invalid literal") }
            index += 1
        }
    }

    private mutating func number() throws(RecordProblem) -> String {
        let start = index
        if index < bytes.count, bytes[index] == 0x2D { index += 1 }
        var digits = 0
        while index < bytes.count, (0x30...0x39).contains(bytes[index]) || bytes[index] == 0x2E || bytes[index] == 0x65
            || bytes[index] == 0x45 || bytes[index] == 0x2B || (bytes[index] == 0x2D && index > start) {
            if (0x30...0x39).contains(bytes[index]) { digits += 1 }
            index += 1
        }
        guard digits > 0 else { throw problem("invalid value") }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard Double(text) != nil else { throw problem("invalid number") }
        return text
    }

    /// Skips a nested object or array, checking its grammar.
    private mutating func skipNested() throws(RecordProblem) {
        if bytes[index] == 0x7B {
            _ = try objectFields()
            return
        }
        index += 1
        try elements { (parser: inout JSONFieldParser) throws(RecordProblem) in _ = try parser.valueText() }
    }

    /// A string value, unescaped; the index is on its opening quote.
    private mutating func string() throws(RecordProblem) -> String {
        index += 1
        let start = index
        while index < bytes.count, bytes[index] != 0x22, bytes[index] != 0x5C {
            guard bytes[index] >= 0x20 else { throw problem("control character in a string") }
            index += 1
        }
        guard index < bytes.count else { throw problem("unterminated string") }
        if bytes[index] == 0x22 {
            defer { index += 1 }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }
        var out = Array(bytes[start..<index])
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x22 {
                index += 1
                return String(decoding: out, as: UTF8.self)
            }
            guard byte >= 0x20 else { throw problem("control character in a string") }
            if byte != 0x5C {
                out.append(byte)
                index += 1
                continue
            }
            index += 1
            guard index < bytes.count else { break }
            switch bytes[index] {
            case 0x22: out.append(0x22)
            case 0x5C: out.append(0x5C)
            case 0x2F: out.append(0x2F)
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0C)
            case 0x6E: out.append(0x0A)
            case 0x72: out.append(0x0D)
            case 0x74: out.append(0x09)
            case 0x75:
                var scalar = try hex4()
                if (0xD800...0xDBFF).contains(scalar) {
                    guard index + 2 < bytes.count, bytes[index + 1] == 0x5C, bytes[index + 2] == 0x75 else { throw problem("lone surrogate") }
                    index += 2
                    let low = try hex4()
                    guard (0xDC00...0xDFFF).contains(low) else { throw problem("invalid surrogate pair") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let unicode = Unicode.Scalar(scalar) else { throw problem("invalid \\u escape") }
                out.append(contentsOf: Array(String(unicode).utf8))
            default: throw problem("invalid escape")
            }
            index += 1
        }
        throw problem("unterminated string")
    }

    /// The four hex digits after `\u`; leaves the index on the last one.
    private mutating func hex4() throws(RecordProblem) -> UInt32 {
        guard index + 4 < bytes.count else { throw problem("short \\u escape") }
        var value: UInt32 = 0
        for offset in 1...4 {
            let byte = bytes[index + offset]
            let digit: UInt32
            switch byte {
            case 0x30...0x39: digit = UInt32(byte - 0x30)
            case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
            default: throw problem("invalid \\u escape")
            }
            value = value << 4 | digit
        }
        index += 4
        return value
    }
}
