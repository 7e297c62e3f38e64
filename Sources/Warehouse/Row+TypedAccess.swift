/// Typed reads that smooth over how engines return the same data (e.g. `SUM` of integers is
/// an integer in SQLite and a numeric in PostgreSQL). Each returns nil for NULL, for a missing
/// column, and for a value that does not convert.
extension Row {
    /// The column as text; numbers are rendered in their usual decimal form, blobs are nil.
    public func string(_ column: String) -> String? {
        switch self[column] {
        case .text(let text): text
        case .integer(let value): String(value)
        case .real(let value): String(value)
        case .null, .blob, nil: nil
        }
    }

    /// The column as an integer; reals must be whole, text must parse.
    public func int(_ column: String) -> Int? {
        switch self[column] {
        case .integer(let value): Int(exactly: value)
        case .real(let value): Int(exactly: value)
        case .text(let text): Int(text)
        case .null, .blob, nil: nil
        }
    }

    /// The column as a double; integers convert, text must parse.
    public func double(_ column: String) -> Double? {
        switch self[column] {
        case .real(let value): value
        case .integer(let value): Double(value)
        case .text(let text): Double(text)
        case .null, .blob, nil: nil
        }
    }

    /// The column as a boolean: non-zero numbers are true; text accepts `true/false/t/f/1/0`.
    public func bool(_ column: String) -> Bool? {
        switch self[column] {
        case .integer(let value): value != 0
        case .real(let value): value != 0
        case .text(let text):
            switch text.lowercased() {
            case "true", "t", "1": true
            case "false", "f", "0": false
            default: nil
            }
        case .null, .blob, nil: nil
        }
    }

    /// The column as bytes; text gives its UTF-8.
    public func blob(_ column: String) -> [UInt8]? {
        switch self[column] {
        case .blob(let bytes): bytes
        case .text(let text): Array(text.utf8)
        case .null, .integer, .real, nil: nil
        }
    }
}
