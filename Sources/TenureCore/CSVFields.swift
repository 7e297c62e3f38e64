/// Reads the fields of one CSV record.
public enum CSVFields {
    /// The record's fields, or nil when its quoting is broken.
    public static func parse(_ bytes: [UInt8]) -> [[UInt8]]? {
        var fields: [[UInt8]] = []
        var field: [UInt8] = []
        var index = 0
        var quoted = false
        var wasQuoted = false
        while index < bytes.count {
            let byte = bytes[index]
            if quoted {
                if byte == 0x22 {
                    if index + 1 < bytes.count && bytes[index + 1] == 0x22 {
                        field.append(0x22)
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(byte)
                }
            } else if byte == 0x2C {
                fields.append(field)
                field = []
                wasQuoted = false
            } else if byte == 0x22 {
                // A quote may only open a field.
                guard field.isEmpty && !wasQuoted else { return nil }
                quoted = true
                wasQuoted = true
            } else {
                if wasQuoted { return nil }
                field.append(byte)
            }
            index += 1
        }
        if quoted { return nil }
        fields.append(field)
        return fields
    }
}
