/// Renders field values as JSON text, in field order, as the source APIs print them.
///
/// Output goes straight into a byte buffer: the generator writes gigabytes, and building
/// intermediate `String`s dominated its run time.
enum JSONText {
    /// Appends `value` as JSON to `out`.
    static func append(_ value: FieldValue, to out: inout [UInt8]) {
        switch value {
        case .string(let text): appendString(text, to: &out)
        case .int(let number): out.append(contentsOf: String(number).utf8)
        case .amount(let number): out.append(contentsOf: number.amountText.utf8)
        case .number(let number): out.append(contentsOf: String(number).utf8)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .null: out.append(contentsOf: "null".utf8)
        case .object(let fields): appendObject(fields, to: &out)
        case .rows(let rows):
            out.append(UInt8(ascii: "["))
            for (index, row) in rows.enumerated() {
                if index > 0 { out.append(contentsOf: ", ".utf8) }
                appendObject(row, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
    }

    /// Appends an object with its fields in order.
    static func appendObject(_ fields: Record, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        for (index, (key, value)) in fields.enumerated() {
            if index > 0 { out.append(contentsOf: ", ".utf8) }
            appendString(key, to: &out)
            out.append(contentsOf: ": ".utf8)
            append(value, to: &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    /// Appends a JSON string literal with the escapes RFC 8259 requires.
    static func appendString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        // Almost every string needs no escaping: copy those in one go.
        let plain = text.withUTF8 { bytes in
            for byte in bytes where byte < 0x20 || byte == 0x22 || byte == 0x5C { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if plain {
            out.append(UInt8(ascii: "\""))
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// An object's JSON text on its own.
    static func object(_ fields: Record) -> String {
        var out: [UInt8] = []
        appendObject(fields, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
