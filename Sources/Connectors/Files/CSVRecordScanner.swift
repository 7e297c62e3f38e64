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
