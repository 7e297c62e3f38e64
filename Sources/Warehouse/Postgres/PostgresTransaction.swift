import Logging
import PostgresNIO

/// A transaction on one leased PostgreSQL connection, between `BEGIN` and `COMMIT`/`ROLLBACK`.
final class PostgresTransaction: WarehouseTransaction {
    let engine = WarehouseEngine.postgres
    let state = TransactionState(engine: .postgres)
    private let connection: PostgresConnection
    private let logger: Logger

    init(connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    func execute(_ sql: String, _ arguments: [SQLValue]) async throws {
        try await state.ensureOpen()
        logger.trace("execute", metadata: ["sql": "\(WarehouseError.condensed(sql))"])
        try await PostgresStatements.execute(connection, sql, arguments, logger: logger)
    }

    func query(_ sql: String, _ arguments: [SQLValue]) async throws -> [Row] {
        try await state.ensureOpen()
        logger.trace("query", metadata: ["sql": "\(WarehouseError.condensed(sql))"])
        return try await PostgresStatements.query(connection, sql, arguments, logger: logger)
    }

    func bulkInsert(into table: TableName, columns: [String], rows: [[SQLValue]]) async throws {
        try await state.ensureOpen()
        guard !rows.isEmpty else { return }
        try await logger.timingBulkInsert(into: table, rowCount: rows.count) {
            try await PostgresStatements.copy(connection, into: table, columns: columns, rows: rows, logger: logger)
        }
    }
}

extension PostgresTransaction {
    func bulkInsert(into table: TableName, columns: [String], rows: [[SQLValue]], skippingDuplicatesOf uniqueColumn: String) async throws -> Int {
        try await state.ensureOpen()
        guard !rows.isEmpty else { return 0 }
        // COPY cannot skip conflicts: stage the rows in a table of the same shape, then insert
        // from it with ON CONFLICT DO NOTHING. The staging table lives and dies in this transaction.
        let stage = TableName(table.layer, "_stage_\(table.name)")
        let names = columns.map(SQLIdentifier.quoted).joined(separator: ", ")
        try await execute("DROP TABLE IF EXISTS \(stage.sql)", [])
        try await execute("CREATE TABLE \(stage.sql) (LIKE \(table.sql))", [])
        try await PostgresStatements.copy(connection, into: stage, columns: columns, rows: rows, logger: logger)
        let inserted = try await query("""
            WITH inserted AS (
              INSERT INTO \(table.sql) (\(names)) SELECT \(names) FROM \(stage.sql)
              ON CONFLICT (\(SQLIdentifier.quoted(uniqueColumn))) DO NOTHING RETURNING 1
            ) SELECT COUNT(*) AS n FROM inserted
            """, [])
        try await execute("DROP TABLE \(stage.sql)", [])
        return inserted.first?.int("n") ?? 0
    }
}
