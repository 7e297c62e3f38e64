import Foundation
import TenureCore

/// A CSV file read whole: its header and its rows as text, fields trimmed of surrounding spaces.
public struct CSVTable: Sendable, Hashable {
    /// The column names, from the first line.
    public var header: [String]
    /// The rows, each with as many fields as the header.
    public var rows: [[String]]
    /// Each row's line number in the file (from 1, the header being line 1), for messages.
    public var lineNumbers: [Int]

    /// A table of `header` and `rows`, given directly.
    public init(header: [String], rows: [[String]]) throws {
        try self.init(header: header, rows: rows, lineNumbers: rows.indices.map { $0 + 2 })
    }

    private init(header: [String], rows: [[String]], lineNumbers: [Int]) throws {
        var seen = Set<String>()
        for name in header {
            guard !name.isEmpty else { throw ChurnModelError("the header has an empty column name") }
            guard seen.insert(name).inserted else { throw ChurnModelError("the header names column \(name) twice") }
        }
        for (row, line) in zip(rows, lineNumbers) where row.count != header.count {
            throw ChurnModelError("line \(line) has \(row.count) fields, the header \(header.count)")
        }
        self.header = header
        self.rows = rows
        self.lineNumbers = lineNumbers
    }

    /// Reads `url`: comma-separated, RFC 4180 quoting (fields may hold commas, quotes and line
    /// breaks), LF or CRLF line ends, an optional UTF-8 byte-order mark; blank lines are skipped.
    public static func read(_ url: URL) throws -> CSVTable {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ChurnModelError("cannot read \(url.path): \((error as NSError).localizedDescription)")
        }
        do {
            return try parse([UInt8](data))
        } catch let error as ChurnModelError {
            throw ChurnModelError("\(url.lastPathComponent): \(error.message)")
        }
    }

    /// Parses CSV bytes, as `read` does.
    public static func parse(_ bytes: [UInt8]) throws -> CSVTable {
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1
        var records: [(line: Int, fields: [String])] = []
        while start < bytes.count {
            // A record ends at a line break outside quotes.
            var end = start
            var quoted = false
            var breaks = 0
            while end < bytes.count {
                let byte = bytes[end]
                if byte == 0x22 { quoted.toggle() }
                if byte == 0x0A {
                    if !quoted { break }
                    breaks += 1
                }
                end += 1
            }
            var record = Array(bytes[start..<end])
            if record.last == 0x0D { record.removeLast() }
            if !record.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                guard let fields = CSVFields.parse(record) else { throw ChurnModelError("line \(line) has broken quoting") }
                records.append((line, fields.map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespaces) }))
            }
            line += breaks + 1
            start = end + 1
        }
        guard let first = records.first else { throw ChurnModelError("the file is empty") }
        let body = records.dropFirst()
        return try CSVTable(header: first.fields, rows: body.map(\.fields), lineNumbers: body.map(\.line))
    }

    /// The index of column `name`, or an error naming the columns there are.
    public func column(_ name: String, role: String = "column") throws -> Int {
        if let index = header.firstIndex(of: name) { return index }
        let shown = header.prefix(12).joined(separator: ", ") + (header.count > 12 ? ", …" : "")
        throw ChurnModelError("no \(role) \(name) among the \(header.count) columns (\(shown))")
    }
}
