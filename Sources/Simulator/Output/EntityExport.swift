/// How a source system wraps a list of records in its API's JSON answer.
enum Envelope {
    /// Frappe: `{"data": [...]}`.
    case frappe
    /// Salesforce query result: `records` with `totalSize` and `done`.
    case salesforceQuery
    /// PostgREST: a bare array.
    case postgrest

    func opening() -> String {
        switch self {
        case .frappe: "{\"data\": [\n"
        case .salesforceQuery: "{\"records\": [\n"
        case .postgrest: "[\n"
        }
    }

    func closing(count: Int) -> String {
        switch self {
        case .frappe: "\n]}\n"
        case .salesforceQuery: "\n], \"totalSize\": \(count), \"done\": true}\n"
        case .postgrest: "\n]\n"
        }
    }
}

/// One source entity written as the API's JSON and as CSV, record by record, in constant memory.
final class EntityExport {
    let name: String
    private let envelope: Envelope
    private let json: ByteSink?
    private let csv: ByteSink
    private let csvColumns: [String]
    private(set) var count = 0
    private var columnPositions: [Int?] = []

    /// Opens `<directory>/<name>.json` (unless `writesJSON` is false: child rows travel inside
    /// their parent's JSON) and `<directory>/<name>.csv`.
    init(directory: String, name: String, envelope: Envelope, csvColumns: [String], writesJSON: Bool = true) throws(SimulatorError) {
        self.name = name
        self.envelope = envelope
        self.csvColumns = csvColumns
        json = writesJSON ? try ByteSink(path: "\(directory)/\(name).json") : nil
        csv = try ByteSink(path: "\(directory)/\(name).csv")
        json?.write(envelope.opening())
        csv.write { CSVText.appendLine(csvColumns, to: &$0) }
    }

    /// Writes one record to both files; the CSV holds `csvColumns` only.
    func write(_ record: Record) {
        let first = count == 0
        json?.write { out in
            if !first { out.append(contentsOf: ",\n".utf8) }
            JSONText.appendObject(record, to: &out)
        }
        // Every record of an entity lists its fields in the same order, so the CSV columns'
        // positions are looked up once.
        if columnPositions.isEmpty {
            columnPositions = csvColumns.map { column in record.firstIndex { $0.0 == column } }
        }
        csv.write { out in
            for (index, position) in columnPositions.enumerated() {
                if index > 0 { out.append(0x2C) }
                if let position { CSVText.appendCell(record[position].1, to: &out) }
            }
            out.append(0x0A)
        }
        count += 1
    }

    /// Writes the envelope's closing and closes both files.
    func close() throws(SimulatorError) {
        json?.write(envelope.closing(count: count))
        try json?.close()
        try csv.close()
    }
}

/// A Google Sheets tab written as the `values.get` answer (ragged rows of strings) and as CSV.
final class SheetExport {
    let name: String
    private let sheetTitle: String
    private let header: [String]
    private let json: ByteSink
    private let csv: ByteSink
    private(set) var count = 0
    private var rowsWritten = 0

    /// Opens `<directory>/<name>.json` and `.csv` and writes the header row.
    init(directory: String, name: String, sheetTitle: String, header: [String]) throws(SimulatorError) {
        self.name = name
        self.sheetTitle = sheetTitle
        self.header = header
        json = try ByteSink(path: "\(directory)/\(name).json")
        csv = try ByteSink(path: "\(directory)/\(name).csv")
        json.write("{\"majorDimension\": \"ROWS\", \"values\": [\n")
        writeRow(header)
    }

    /// Writes one row of cells; trailing empty cells are dropped in JSON, as the API drops them.
    func write(_ cells: [String]) {
        precondition(cells.count == header.count, "a sheet row must have one cell per header column")
        writeRow(cells)
        count += 1
    }

    private func writeRow(_ cells: [String]) {
        var trimmed = cells[...]
        while let last = trimmed.last, last.isEmpty { trimmed = trimmed.dropLast() }
        let first = rowsWritten == 0
        rowsWritten += 1
        json.write { out in
            out.append(contentsOf: (first ? "[" : ",\n[").utf8)
            for (index, cell) in trimmed.enumerated() {
                if index > 0 { out.append(contentsOf: ", ".utf8) }
                JSONText.appendString(cell, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
        csv.write { CSVText.appendLine(cells, to: &$0) }
    }

    /// The A1 range the answer covers, e.g. `'Customer Notes'!A1:H1201`.
    var range: String {
        let lastColumn = String(UnicodeScalar(UInt8(64 + header.count)))
        return "'\(sheetTitle)'!A1:\(lastColumn)\(count + 1)"
    }

    /// Closes the `values` array with the answer's `range` and closes both files.
    func close() throws(SimulatorError) {
        let range = range
        json.write { out in
            out.append(contentsOf: "\n], \"range\": ".utf8)
            JSONText.appendString(range, to: &out)
            out.append(contentsOf: "}\n".utf8)
        }
        try json.close()
        try csv.close()
    }
}
