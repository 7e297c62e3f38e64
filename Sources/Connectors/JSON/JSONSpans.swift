import Foundation

/// Where the parts of one JSON value lie in its bytes, found without decoding it.
///
/// The emulators answer with the very bytes the simulated bank generated (a projection keeps each
/// chosen member's bytes), and the ERPNext connector nests child rows into their invoice the same
/// way, so a record reaches bronze identical however it travelled.
public enum JSONSpans {
    /// The members of the object `bytes` holds: each name and the byte range of its value; nil
    /// when `bytes` is not one well-formed JSON object.
    public static func members(of bytes: [UInt8]) -> [(name: String, value: Range<Int>)]? {
        var scanner = Scanner(bytes)
        scanner.skipSpace()
        guard scanner.take(0x7B) else { return nil }
        var members: [(name: String, value: Range<Int>)] = []
        scanner.skipSpace()
        if scanner.take(0x7D) { return scanner.atEnd ? members : nil }
        repeat {
            scanner.skipSpace()
            let nameStart = scanner.index
            guard scanner.peek == 0x22, scanner.skipValue(), let name = decodeString(bytes[nameStart..<scanner.index]) else { return nil }
            scanner.skipSpace()
            guard scanner.take(0x3A) else { return nil }
            scanner.skipSpace()
            let valueStart = scanner.index
            guard scanner.skipValue() else { return nil }
            members.append((name, valueStart..<scanner.index))
            scanner.skipSpace()
        } while scanner.take(0x2C)
        guard scanner.take(0x7D) else { return nil }
        return scanner.atEnd ? members : nil
    }

    /// The byte ranges of the elements of the array `bytes` holds; nil when it is not one
    /// well-formed JSON array.
    public static func elements(of bytes: [UInt8]) -> [Range<Int>]? {
        var scanner = Scanner(bytes)
        scanner.skipSpace()
        guard scanner.take(0x5B) else { return nil }
        var elements: [Range<Int>] = []
        scanner.skipSpace()
        if scanner.take(0x5D) { return scanner.atEnd ? elements : nil }
        repeat {
            scanner.skipSpace()
            let start = scanner.index
            guard scanner.skipValue() else { return nil }
            elements.append(start..<scanner.index)
            scanner.skipSpace()
        } while scanner.take(0x2C)
        guard scanner.take(0x5D) else { return nil }
        return scanner.atEnd ? elements : nil
    }

    /// The object `bytes` holds with only the members `keep` accepts, each member's bytes as they were.
    public static func object(_ bytes: [UInt8], keeping keep: (String) -> Bool) -> [UInt8]? {
        guard let members = members(of: bytes) else { return nil }
        var out: [UInt8] = [0x7B]
        for member in members where keep(member.name) {
            if out.count > 1 { out += [0x2C, 0x20] }
            out += jsonString(member.name)
            out += [0x3A, 0x20]
            out += bytes[member.value]
        }
        return out + [0x7D]
    }

    /// `document` with `rows` added as its member `field` (an ERPNext child table), every byte of
    /// both kept as they are.
    public static func nesting(_ rows: [[UInt8]], as field: String, into document: [UInt8]) -> [UInt8] {
        guard let close = document.lastIndex(of: 0x7D) else { return document }
        var out = Array(document[..<close])
        if !(members(of: document)?.isEmpty ?? true) { out += [0x2C, 0x20] }
        out += jsonString(field) + [0x3A, 0x20, 0x5B]
        for (index, row) in rows.enumerated() {
            if index > 0 { out += [0x2C, 0x20] }
            out += row
        }
        return out + [0x5D, 0x7D]
    }

    /// The text of a member's value when it is a JSON string, number or boolean; nil for null,
    /// objects and arrays.
    public static func scalarText(_ bytes: ArraySlice<UInt8>) -> String? {
        guard let first = bytes.first else { return nil }
        if first == 0x22 { return decodeString(bytes) }
        if first == 0x6E || first == 0x7B || first == 0x5B { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `text` as a JSON string literal.
    public static func jsonString(_ text: String) -> [UInt8] {
        var out: [UInt8] = [0x22]
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += [0x5C, 0x22]
            case "\\": out += [0x5C, 0x5C]
            case "\n": out += [0x5C, 0x6E]
            case "\r": out += [0x5C, 0x72]
            case "\t": out += [0x5C, 0x74]
            case _ where scalar.value < 0x20: out += Array(String(format: "\\u%04x", scalar.value).utf8)
            default: out += Array(String(scalar).utf8)
            }
        }
        return out + [0x22]
    }

    private static func decodeString(_ bytes: ArraySlice<UInt8>) -> String? {
        guard bytes.count >= 2 else { return nil }
        let inner = bytes.dropFirst().dropLast()
        if !inner.contains(0x5C) { return String(decoding: inner, as: UTF8.self) }
        return (try? JSONSerialization.jsonObject(with: Data(bytes), options: .fragmentsAllowed)) as? String
    }

    /// A cursor over JSON bytes that steps over whole values.
    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var peek: UInt8? { index < bytes.count ? bytes[index] : nil }
        var atEnd: Bool { var copy = self; copy.skipSpace(); return copy.index == bytes.count }

        mutating func skipSpace() {
            while let byte = peek, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { index += 1 }
        }

        mutating func take(_ byte: UInt8) -> Bool {
            guard peek == byte else { return false }
            index += 1
            return true
        }

        /// Steps over one value: a string, a container (tracking nesting and strings inside), or a literal.
        mutating func skipValue() -> Bool {
            guard let first = peek else { return false }
            switch first {
            case 0x22:
                return skipString()
            case 0x7B, 0x5B:
                var depth = 0
                while let byte = peek {
                    switch byte {
                    case 0x22: guard skipString() else { return false }; continue
                    case 0x7B, 0x5B: depth += 1
                    case 0x7D, 0x5D:
                        depth -= 1
                        if depth == 0 { index += 1; return true }
                    default: break
                    }
                    index += 1
                }
                return false
            default:
                let start = index
                while let byte = peek, byte != 0x2C, byte != 0x7D, byte != 0x5D, byte != 0x20, byte != 0x0A, byte != 0x0D, byte != 0x09 { index += 1 }
                return index > start
            }
        }

        mutating func skipString() -> Bool {
            index += 1
            while let byte = peek {
                index += 1
                if byte == 0x5C { index += 1 } else if byte == 0x22 { return true }
            }
            return false
        }
    }
}
