import Foundation
import TenureCore
import Transform
import Warehouse

/// A throwaway SQL project on disk: files written under a temporary folder, removed afterwards.
struct ProjectFixture {
    let directory: URL

    init(_ files: [String: String]) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("tenure-project-\(UUID().uuidString)", isDirectory: true)
        for (path, text) in files {
            let file = directory.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
    }

    /// Rewrites one file, as an analyst editing the project would.
    func write(_ path: String, _ text: String) throws {
        try text.write(to: directory.appendingPathComponent(path), atomically: true, encoding: .utf8)
    }

    func load(swiftModels: [any SwiftModel] = []) throws -> Project {
        try Project.load(from: directory, swiftModels: swiftModels)
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    /// A bronze table as ingestion leaves it: metadata columns, then the fields, all text.
    static func bronze(_ table: String, fields: [String], rows: [[String?]], ingestedAt: String = "2026-01-01T00:00:00.000Z",
                       keyField: String? = nil, in warehouse: any Warehouse) async throws {
        let name = TableName(.bronze, table)
        let metadata = ["_batch_id", "_ingested_at", "_source_system", "_record_hash", "_source_key"]
        if try await !warehouse.tableExists(name) {
            try await warehouse.createTable(name, columns: (metadata + fields).map { ColumnDefinition($0, .text) })
        }
        let key = fields.firstIndex(of: keyField ?? fields[0])
        try await warehouse.bulkInsert(into: name, columns: metadata + fields, rows: rows.map { row in
            let hash = (row.map { $0 ?? "∅" }.joined(separator: "|") + ingestedAt)
            return [.text("batch-\(ingestedAt)"), .text(ingestedAt), .text("test"), .text(hash), key.flatMap { row[$0] }.map(SQLValue.text) ?? .null]
                + row.map { $0.map(SQLValue.text) ?? .null }
        })
    }
}
