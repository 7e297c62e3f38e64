import PostgresNIO

/// Writes rows in the text format of `COPY … FROM STDIN`: tab between values, newline after
/// each row, `\N` for NULL, and backslash escapes for backslash, tab, newline and carriage
/// return. The server parses each value as its column's type, exactly like a literal.
enum PostgresCopyEncoder {
    private static let tab = UInt8(ascii: "\t")
    private static let newline = UInt8(ascii: "\n")
    private static let backslash = UInt8(ascii: "\\")
    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Appends one row, its values separated by tabs, ended by a newline.
    static func appendRow(_ row: [SQLValue], to buffer: inout ByteBuffer) {
        for (index, value) in row.enumerated() {
            if index > 0 { buffer.writeInteger(tab) }
            append(value, to: &buffer)
        }
        buffer.writeInteger(newline)
    }

    private static func append(_ value: SQLValue, to buffer: inout ByteBuffer) {
        switch value {
        case .null:
            buffer.writeStaticString("\\N")
        case .integer(let integer):
            buffer.writeString(String(integer))
        case .real(let real):
            if real.isNaN {
                buffer.writeStaticString("NaN")
            } else if real.isInfinite {
                buffer.writeStaticString(real < 0 ? "-Infinity" : "Infinity")
            } else {
                // Swift prints the shortest text that reads back to the same Double.
                buffer.writeString(String(real))
            }
        case .text(var text):
            text.withUTF8 { appendEscaped($0, to: &buffer) }
        case .blob(let bytes):
            // bytea's hex input `\x…`, its backslash escaped for COPY.
            buffer.writeStaticString("\\\\x")
            buffer.reserveCapacity(minimumWritableBytes: bytes.count * 2)
            for byte in bytes {
                buffer.writeInteger(hexDigits[Int(byte >> 4)])
                buffer.writeInteger(hexDigits[Int(byte & 0x0F)])
            }
        }
    }

    /// Copies `utf8` in runs, escaping the four bytes COPY treats specially.
    private static func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>, to buffer: inout ByteBuffer) {
        var runStart = 0
        for index in 0..<utf8.count {
            let escaped: UInt8
            switch utf8[index] {
            case backslash: escaped = backslash
            case tab: escaped = UInt8(ascii: "t")
            case newline: escaped = UInt8(ascii: "n")
            case UInt8(ascii: "\r"): escaped = UInt8(ascii: "r")
            default: continue
            }
            if runStart < index { buffer.writeBytes(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: utf8[runStart..<index]))) }
            buffer.writeInteger(backslash)
            buffer.writeInteger(escaped)
            runStart = index + 1
        }
        if runStart < utf8.count { buffer.writeBytes(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))) }
    }
}
