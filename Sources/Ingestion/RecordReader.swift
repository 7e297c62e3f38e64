import Connectors
import TenureCore

/// A record read from its raw bytes: its fields as text, exactly as the source sent them.
struct ReadRecord {
    /// Field names and values; a JSON `null` or an empty sheet cell past a row's end is nil.
    /// Strings are unescaped; numbers and booleans keep their literal text; nested objects and
    /// arrays keep their JSON text.
    var fields: [(name: String, value: String?)]
    /// Child rows carried in a field (an ERPNext invoice's `items`), read the same way.
    var children: [[(name: String, value: String?)]] = []
    /// The content hash (see ``ContentHash``), computed while reading.
    var hash = ""
}

/// Why a record cannot be landed; it goes to quarantine with this reason.
struct RecordProblem: Error {
    let reason: String
}

/// Reads raw records into fields, checking everything that would stop them from landing: invalid
/// UTF-8, malformed JSON, a wrong shape, over-long fields and field names bronze cannot hold.
struct RecordReader {
    /// The field names of the last record whose names passed the checks: records of one entity
    /// repeat the same layout, so names are checked once per layout, not once per record.
    private var checkedNames: [String] = []

    /// The longest field value accepted, in bytes.
    let maximumFieldBytes: Int
    /// The longest field name accepted, in bytes (PostgreSQL truncates identifiers past 63).
    let maximumNameBytes = 63
    /// The field holding child rows, if the entity has them.
    let childField: String?

    /// A reader with these limits.
    init(maximumFieldBytes: Int, childField: String?) {
        self.maximumFieldBytes = maximumFieldBytes
        self.childField = childField
    }

    /// Reads one raw record under `header` (for sheet and CSV rows).
    mutating func read(_ record: RawRecord, header: [String]) throws(RecordProblem) -> ReadRecord {
        if let defect = record.defect { throw RecordProblem(reason: defect) }
        guard String(validating: record.payload, as: UTF8.self) != nil else {
            throw RecordProblem(reason: "invalid UTF-8")
        }
        var result: ReadRecord
        switch record.format {
        case .jsonObject:
            var parser = JSONFieldParser(bytes: record.payload)
            let fields = try parser.parseObject()
            result = ReadRecord(fields: fields)
            if let childField, let index = fields.firstIndex(where: { $0.name == childField }), let text = fields[index].value {
                var childParser = JSONFieldParser(bytes: Array(text.utf8))
                result.children = try childParser.parseArrayOfObjects()
            }
        case .sheetRow(let number):
            var parser = JSONFieldParser(bytes: record.payload)
            let cells = try parser.parseArrayOfStrings()
            guard cells.count <= header.count else {
                throw RecordProblem(reason: "row has \(cells.count) cells but the header has \(header.count) columns")
            }
            // The Sheets API drops trailing empty cells; they are empty, not missing.
            var fields: [(name: String, value: String?)] = [(SourceEntityField.sheetRow, String(number))]
            for (index, name) in header.enumerated() { fields.append((name, index < cells.count ? cells[index] : "")) }
            result = ReadRecord(fields: fields)
        case .csvRow:
            guard let cells = CSVFields.parse(record.payload) else { throw RecordProblem(reason: "malformed CSV quoting") }
            guard cells.count == header.count else {
                throw RecordProblem(reason: "row has \(cells.count) fields but the header has \(header.count)")
            }
            result = ReadRecord(fields: zip(header, cells).map { ($0, String(decoding: $1, as: UTF8.self)) })
        }
        try check(result.fields)
        for child in result.children { try check(child) }
        return result
    }

    private mutating func check(_ fields: [(name: String, value: String?)]) throws(RecordProblem) {
        for (name, value) in fields {
            if let value, value.utf8.count > maximumFieldBytes {
                throw RecordProblem(reason: "field '\(name)' is \(value.utf8.count) bytes, over the \(maximumFieldBytes)-byte limit")
            }
        }
        if fields.count == checkedNames.count && zip(fields, checkedNames).allSatisfy({ $0.name == $1 }) { return }
        var seen = Set<String>()
        for (name, _) in fields {
            guard !name.isEmpty else { throw RecordProblem(reason: "a field has an empty name") }
            guard name.utf8.count <= maximumNameBytes else { throw RecordProblem(reason: "field name '\(name.prefix(40))…' is longer than \(maximumNameBytes) bytes") }
            guard !name.hasPrefix("_") || name == SourceEntityField.sheetRow else {
                throw RecordProblem(reason: "field '\(name)' collides with Tenure's metadata columns (names starting with _)")
            }
            // Case-insensitively: SQLite's column names are.
            guard seen.insert(name.lowercased()).inserted else { throw RecordProblem(reason: "field '\(name)' appears twice") }
        }
        checkedNames = fields.map(\.name)
    }
}

/// Names of fields Tenure adds to records.
enum SourceEntityField {
    /// A sheet row's number in its sheet.
    static let sheetRow = "_sheet_row"
}
