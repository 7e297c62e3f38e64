import Foundation
import Simulator

/// A bank generated once per test process and shared by the tests that only read it.
struct GeneratedBank: Sendable {
    let directory: URL
    let summary: BankGenerator.Summary

    /// The default bank of the proof of concept: 500 customers, seed 42, default dirt.
    static let standard: Result<GeneratedBank, SimulatorError> = Result { () throws(SimulatorError) in
        try GeneratedBank.make(customers: 500, seed: 42, dirt: DirtRates())
    }

    /// A small bank with every dirt rate at 0.
    static let clean: Result<GeneratedBank, SimulatorError> = Result { () throws(SimulatorError) in
        try GeneratedBank.make(customers: 150, seed: 42, dirt: .clean)
    }

    static func make(customers: Int, seed: UInt64, dirt: DirtRates) throws(SimulatorError) -> GeneratedBank {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("tenure-bank-\(customers)-\(seed)-\(UUID().uuidString)")
        let specification = try BankSpecification(customers: customers, seed: seed, dirt: dirt)
        let summary = try BankGenerator(specification: specification).generate(into: directory)
        return GeneratedBank(directory: directory, summary: summary)
    }

    /// The parsed JSON file `system/entity.json`.
    func json(_ system: String, _ entity: String) throws -> Any {
        let data = try Data(contentsOf: directory.appendingPathComponent("\(system)/\(entity).json"))
        return try JSONSerialization.jsonObject(with: data)
    }

    /// The records of an entity, unwrapped from its API's envelope.
    func records(_ system: String, _ entity: String) throws -> [[String: Any]] {
        let object = try json(system, entity)
        switch system {
        case "erpnext": return (object as? [String: Any])?["data"] as? [[String: Any]] ?? []
        case "salesforce": return (object as? [String: Any])?["records"] as? [[String: Any]] ?? []
        default: return object as? [[String: Any]] ?? []
        }
    }

    /// A sheet's header and rows, as the Sheets API returns its `values`.
    func sheet(_ name: String) throws -> (range: String, header: [String], rows: [[String]]) {
        let object = try json("sheets", name) as? [String: Any] ?? [:]
        let values = object["values"] as? [[String]] ?? []
        return (object["range"] as? String ?? "", values.first ?? [], Array(values.dropFirst()))
    }

    /// A sheet's rows as dictionaries keyed by header, padded as a reader must pad ragged rows.
    func sheetRows(_ name: String) throws -> [[String: String]] {
        let sheet = try sheet(name)
        return sheet.rows.map { row in
            Dictionary(uniqueKeysWithValues: sheet.header.enumerated().map { ($1, $0 < row.count ? row[$0] : "") })
        }
    }

    /// A CSV file under the bank, as header-keyed rows.
    func csv(_ path: String) throws -> [[String: String]] {
        let text = try String(contentsOf: directory.appendingPathComponent(path), encoding: .utf8)
        let lines = CSVReader.parse(text)
        guard let header = lines.first else { return [] }
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0 + Array(repeating: "", count: max(0, header.count - $0.count)))) }
    }

    /// The truth folder's people, by person id.
    func people() throws -> [String: [String: String]] {
        Dictionary(uniqueKeysWithValues: try csv("truth/people.csv").map { ($0["person_id"] ?? "", $0) })
    }

    /// The truth folder's record → person map, keyed by `system/entity/id`.
    func truth() throws -> [String: [String: String]] {
        var map: [String: [String: String]] = [:]
        for row in try csv("truth/source_records.csv") {
            map["\(row["source_system"] ?? "")/\(row["entity"] ?? "")/\(row["source_id"] ?? "")"] = row
        }
        return map
    }
}

/// A minimal RFC 4180 reader for the tests' own use.
enum CSVReader {
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = ""
        var quoted = false
        var iterator = Array(text.unicodeScalars).makeIterator()
        var pending: Unicode.Scalar? = nil
        while let c = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; pending = next }
                    } else { quoted = false }
                } else { field.unicodeScalars.append(c) }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                row.append(field); field = ""
            } else if c == "\n" {
                row.append(field); rows.append(row); row = []; field = ""
            } else {
                field.unicodeScalars.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}
