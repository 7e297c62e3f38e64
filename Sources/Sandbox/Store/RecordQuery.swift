import Connectors
import Foundation
import GRDB
import TenureCore

/// What an emulator asks the store for, once it has read its API's parameters: conditions on the
/// columns the store indexes, an order, and a window.
struct RecordQuery: Sendable {
    /// The columns a request may filter and order on: a record's key, its change field, and a
    /// child row's parent.
    enum Column: String, Sendable { case key, changed, parent }

    /// A comparison.
    enum Comparison: String, Sendable {
        case equal = "=", notEqual = "<>", greater = ">", greaterOrEqual = ">=", less = "<", lessOrEqual = "<="
    }

    /// A condition on the columns, or a combination of them.
    indirect enum Condition: Sendable {
        case compare(Column, Comparison, String)
        case among(Column, [String])
        case any([Condition])
        case all([Condition])
    }

    var conditions: [Condition] = []
    /// The order; the store's load order (`seq`) breaks remaining ties, so paging is deterministic.
    var order: [(column: Column, ascending: Bool)] = []
    var offset = 0
    var limit: Int?

    /// The WHERE clause and its arguments.
    func whereClause() -> (sql: String, arguments: [DatabaseValueConvertible?]) {
        var arguments: [DatabaseValueConvertible?] = []
        func render(_ condition: Condition) -> String {
            switch condition {
            case .compare(let column, let comparison, let value):
                arguments.append(value)
                return "\(column.rawValue) \(comparison.rawValue) ?"
            case .among(let column, let values):
                guard !values.isEmpty else { return "0 = 1" }
                arguments += values.map { $0 as DatabaseValueConvertible? }
                return "\(column.rawValue) IN (\(values.map { _ in "?" }.joined(separator: ", ")))"
            case .any(let parts):
                return parts.isEmpty ? "0 = 1" : "(" + parts.map(render).joined(separator: " OR ") + ")"
            case .all(let parts):
                return parts.isEmpty ? "1 = 1" : "(" + parts.map(render).joined(separator: " AND ") + ")"
            }
        }
        let sql = conditions.isEmpty ? "" : " WHERE " + conditions.map(render).joined(separator: " AND ")
        return (sql, arguments)
    }

    /// The ORDER BY and window.
    var orderAndWindow: String {
        let keys = order.map { "\($0.column.rawValue) \($0.ascending ? "ASC" : "DESC")" } + ["seq ASC"]
        return " ORDER BY " + keys.joined(separator: ", ") + (limit.map { " LIMIT \($0)" } ?? " LIMIT -1") + " OFFSET \(offset)"
    }
}

extension SandboxStore {
    /// The payloads of `entity`'s records (or, with `children`, its child rows) that `query` selects.
    func records(_ entity: SourceEntity, children: Bool = false, _ query: RecordQuery) throws -> [[UInt8]] {
        let table = try tableName(entity, children: children)
        let (condition, arguments) = query.whereClause()
        return try database.read { db in
            try Data.fetchAll(db, sql: "SELECT payload FROM \"\(table)\"\(condition)\(query.orderAndWindow)",
                              arguments: StatementArguments(arguments) ?? []).map { [UInt8]($0) }
        }
    }

    /// How many records `query`'s conditions select, ignoring its window.
    func count(_ entity: SourceEntity, children: Bool = false, _ query: RecordQuery) throws -> Int {
        let table = try tableName(entity, children: children)
        let (condition, arguments) = query.whereClause()
        return try database.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \"\(table)\"\(condition)", arguments: StatementArguments(arguments) ?? []) ?? 0
        }
    }

    /// Rows `first` through `last` (1-based, inclusive; row 1 is the header) of a sheet.
    func sheetRows(_ entity: SourceEntity, first: Int, last: Int) throws -> [(row: Int, payload: [UInt8])] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT row, payload FROM \"\(Self.table(entity))\" WHERE row BETWEEN ? AND ? ORDER BY row",
                             arguments: [first, last]).map { ($0["row"], [UInt8]($0["payload"] as Data)) }
        }
    }

    /// Adds records to `entity`, as if the source had just created them (for tests and demos of
    /// incremental extraction).
    public func add(_ payloads: [[UInt8]], to entity: SourceEntity) throws {
        try database.write { db in
            try Self.insert(RecordPage(records: payloads.map { RawRecord(payload: $0, format: .jsonObject) }), of: entity, into: db)
        }
    }

    private func tableName(_ entity: SourceEntity, children: Bool) throws -> String {
        if children {
            guard let table = Self.childTable(entity) else { throw SandboxError("\(entity) has no child rows") }
            return table
        }
        return Self.table(entity)
    }
}
