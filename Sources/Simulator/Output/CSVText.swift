/// Renders values as RFC 4180 CSV fields, as a spreadsheet export writes them.
enum CSVText {
    /// Appends a field's cell: nested values become their JSON text, null an empty cell.
    static func appendCell(_ value: FieldValue, to out: inout [UInt8]) {
        switch value {
        case .string(let text): appendCell(text, to: &out)
        case .int(let number): out.append(contentsOf: String(number).utf8)
        case .amount(let number): out.append(contentsOf: number.amountText.utf8)
        case .number(let number): out.append(contentsOf: String(number).utf8)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .null: break
        case .object, .rows:
            var json: [UInt8] = []
            JSONText.append(value, to: &json)
            appendCell(String(decoding: json, as: UTF8.self), to: &out)
        }
    }

    /// Appends one text cell, quoted when it holds a separator, a quote, a line break or edge spaces.
    static func appendCell(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            var needsQuotes = bytes.first == 0x20 || bytes.last == 0x20
            if !needsQuotes {
                for byte in bytes where byte == 0x2C || byte == 0x22 || byte == 0x0A || byte == 0x0D {
                    needsQuotes = true
                    break
                }
            }
            guard needsQuotes else {
                out.append(contentsOf: bytes)
                return
            }
            out.append(0x22)
            for byte in bytes {
                if byte == 0x22 { out.append(0x22) }
                out.append(byte)
            }
            out.append(0x22)
        }
    }

    /// Appends one line of text cells.
    static func appendLine(_ cells: [String], to out: inout [UInt8]) {
        for (index, cell) in cells.enumerated() {
            if index > 0 { out.append(0x2C) }
            appendCell(cell, to: &out)
        }
        out.append(0x0A)
    }
}
