#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits a CSV file into the raw bytes of its records (RFC 4180: a quoted field may hold line
/// breaks), reading the file in chunks.
final class CSVRecordScanner {
    private let file: UnsafeMutablePointer<FILE>
    private var chunk = [UInt8](repeating: 0, count: 1 << 20)
    private var chunkLength = 0
    private var position = 0

    /// Opens the CSV file at `path`.
    init(path: String) throws(ConnectorError) {
        guard let handle = fopen(path, "rb") else {
            throw ConnectorError("cannot read \(path): \(String(cString: strerror(errno)))")
        }
        file = handle
    }

    deinit { fclose(file) }

    /// The next record's bytes without its line break, or nil at the end of the file.
    func next() -> [UInt8]? {
        var record: [UInt8] = []
        var quoted = false
        var sawAnything = false
        while true {
            if position == chunkLength {
                chunkLength = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
                position = 0
                if chunkLength == 0 { return sawAnything ? record : nil }
            }
            let byte = chunk[position]
            position += 1
            sawAnything = true
            if byte == 0x22 { quoted.toggle() }
            if byte == 0x0A && !quoted {
                if record.last == 0x0D { record.removeLast() }
                return record
            }
            record.append(byte)
        }
    }
}

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
