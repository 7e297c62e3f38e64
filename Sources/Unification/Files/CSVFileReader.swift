#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TenureCore

/// A CSV file read record by record in chunks, so that a file of millions of rows never sits in
/// memory whole: RFC 4180 records (a quoted field may hold line breaks, `""` is a quote), each
/// split into fields by TenureCore's ``CSVFields`` and trimmed of surrounding spaces (FEBRL and
/// many exports write `a, b, c`).
final class CSVFileReader {
    private let file: UnsafeMutablePointer<FILE>
    /// The file's name in errors.
    let name: String
    private var chunk = [UInt8](repeating: 0, count: 1 << 20)
    private var chunkLength = 0
    private var position = 0
    /// The line the next record starts on.
    private(set) var line = 1

    /// Opens the file at `path`, named `name` in errors.
    init(path: String, name: String) throws(UnificationError) {
        guard let handle = fopen(path, "rb") else {
            throw UnificationError("\(name): cannot be read: \(String(cString: strerror(errno)))")
        }
        file = handle
        self.name = name
    }

    deinit { fclose(file) }

    /// The next non-blank record's fields and the line it starts on, or nil at the end of the file.
    func next() throws(UnificationError) -> (fields: [String], line: Int)? {
        while let (bytes, start) = nextRecord() {
            if Self.isBlank(bytes) { continue }
            guard let fields = Self.fields(bytes) else { throw UnificationError("\(name) line \(start): malformed CSV quoting") }
            return (fields, start)
        }
        return nil
    }

    /// The next record's raw bytes (without its line break) and the line it starts on, or nil at
    /// the end of the file; split into fields later by ``fields(_:)``, possibly on another thread.
    func nextRecord() -> (bytes: [UInt8], line: Int)? {
        var record: [UInt8] = []
        var quoted = false
        var sawAnything = false
        let start = line
        while true {
            if position == chunkLength {
                chunkLength = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
                position = 0
                if chunkLength == 0 { return sawAnything ? (record, start) : nil }
            }
            sawAnything = true
            // Scan to the record's end within the chunk, then copy the span at once.
            let (end, found) = chunk.withUnsafeBufferPointer { bytes -> (Int, Bool) in
                var index = position
                while index < chunkLength {
                    let byte = bytes[index]
                    if byte == 0x22 {
                        quoted.toggle()
                    } else if byte == 0x0A {
                        line += 1
                        if !quoted { return (index, true) }
                    }
                    index += 1
                }
                return (index, false)
            }
            record.append(contentsOf: chunk[position..<end])
            position = found ? end + 1 : end
            if found {
                if record.last == 0x0D { record.removeLast() }
                return (record, start)
            }
        }
    }

    /// Whether a record holds nothing but spaces and tabs.
    static func isBlank(_ bytes: [UInt8]) -> Bool {
        bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }

    /// A record's fields, trimmed; nil when its quoting is broken.
    static func fields(_ bytes: [UInt8]) -> [String]? {
        CSVFields.parse(bytes).map { $0.map(trimmed) }
    }

    /// A field's text without surrounding spaces and tabs (and a UTF-8 byte-order mark).
    private static func trimmed(_ field: [UInt8]) -> String {
        var start = 0, end = field.count
        if end >= 3 && field[0] == 0xEF && field[1] == 0xBB && field[2] == 0xBF { start = 3 }
        while start < end && (field[start] == 0x20 || field[start] == 0x09) { start += 1 }
        while end > start && (field[end - 1] == 0x20 || field[end - 1] == 0x09) { end -= 1 }
        return String(decoding: field[start..<end], as: UTF8.self)
    }
}
