import GRDB

/// A transaction on the SQLite writer; every call is one writer access inside the open
/// `BEGIN IMMEDIATE … COMMIT`, so it also sees its own uncommitted changes.
final class SQLiteTransaction: WarehouseTransaction {
    let engine = WarehouseEngine.sqlite
    let state = TransactionState(engine: .sqlite)
    private let warehouse: SQLiteWarehouse

    init(warehouse: SQLiteWarehouse) {
        self.warehouse = warehouse
    }

    func execute(_ sql: String, _ arguments: [SQLValue]) async throws {
        try await state.ensureOpen()
        warehouse.logger.trace("execute", metadata: ["sql": "\(WarehouseError.condensed(sql))"])
        try await warehouse.write(sql) { db in try SQLiteStatements.execute(db, sql, arguments) }
    }

    func query(_ sql: String, _ arguments: [SQLValue]) async throws -> [Row] {
        try await state.ensureOpen()
        warehouse.logger.trace("query", metadata: ["sql": "\(WarehouseError.condensed(sql))"])
        return try await warehouse.write(sql) { db in
            try SQLiteStatements.query(db, sql, arguments, onlyIfReadOnly: false) ?? []
        }
    }

    func bulkInsert(into table: TableName, columns: [String], rows: [[SQLValue]]) async throws {
        try await state.ensureOpen()
        guard !rows.isEmpty else { return }
        let sql = SQLiteStatements.insertSQL(into: table, columns: columns)
        _ = try await warehouse.logger.timingBulkInsert(into: table, rowCount: rows.count) {
            try await warehouse.write(sql) { db in
                try SQLiteStatements.bulkInsert(db, sql: sql, columnCount: columns.count, rows: rows)
            }
        }
    }
}

extension SQLiteTransaction {
    func bulkInsert(into table: TableName, columns: [String], rows: [[SQLValue]], skippingDuplicatesOf uniqueColumn: String) async throws -> Int {
        try await state.ensureOpen()
        guard !rows.isEmpty else { return 0 }
        let sql = SQLiteStatements.insertSQL(into: table, columns: columns) + " ON CONFLICT (\(SQLIdentifier.quoted(uniqueColumn))) DO NOTHING"
        return try await warehouse.write(sql) { db in
            try SQLiteStatements.bulkInsert(db, sql: sql, columnCount: columns.count, rows: rows)
        }
    }
}

extension Duration {
    /// The duration in seconds, as a Double.
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
