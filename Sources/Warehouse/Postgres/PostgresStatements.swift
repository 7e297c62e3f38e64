import Logging
import PostgresNIO

/// The statement-level work shared by ``PostgresWarehouse`` and ``PostgresTransaction``; runs
/// on one leased connection.
enum PostgresStatements {
    /// PostgreSQL's limit on bound values in one statement.
    static let maximumArguments = 65_535

    /// Runs one statement, draining any rows so that errors raised mid-stream surface here.
    static func execute(_ connection: PostgresConnection, _ sql: String, _ arguments: [SQLValue], logger: Logger) async throws {
        do {
            let rows = try await connection.query(try prepared(sql, arguments), logger: logger)
            for try await _ in rows {}
        } catch {
            throw WarehouseError(postgres: error, sql: sql, arguments: arguments)
        }
    }

    /// Runs one query and reads every row.
    static func query(_ connection: PostgresConnection, _ sql: String, _ arguments: [SQLValue], logger: Logger) async throws -> [Row] {
        do {
            let sequence = try await connection.query(try prepared(sql, arguments), logger: logger)
            var rows: [Row] = []
            var columns: [String]?
            for try await row in sequence {
                let names = columns ?? row.map(\.columnName)
                columns = names
                rows.append(Row(uncheckedColumns: names, values: try row.map { try SQLValue($0) }))
            }
            return rows
        } catch {
            throw WarehouseError(postgres: error, sql: sql, arguments: arguments)
        }
    }

    /// Streams `rows` into `table` with `COPY … FROM STDIN` in text format.
    ///
    /// postgres-nio's `copyFrom` wraps the table name in double quotes without a schema, so the
    /// schema is put first on `search_path` for this transaction only and restored afterwards;
    /// `pg_temp` is named last so a temporary table cannot shadow the target.
    static func copy(_ connection: PostgresConnection, into table: TableName, columns: [String], rows: [[SQLValue]], logger: Logger) async throws {
        let names = [table.name] + columns
        if let bad = names.first(where: { $0.contains("\"") || $0.contains("\0") }) {
            throw WarehouseError(.unsupported, engine: .postgres,
                message: "bulk insert into \(table) needs identifiers without double quotes; '\(bad)' has one")
        }
        guard !columns.isEmpty else {
            throw WarehouseError(.invalidArguments, engine: .postgres, message: "bulk insert into \(table) names no columns")
        }
        if let index = rows.firstIndex(where: { $0.count != columns.count }) {
            throw WarehouseError(.invalidArguments, engine: .postgres,
                message: "row \(index) has \(rows[index].count) values for \(columns.count) columns of \(table)")
        }
        let previous = try await query(connection, "SELECT current_setting('search_path') AS path", [], logger: logger)
            .first?.string("path") ?? "\"$user\", public"
        try await execute(connection, "SELECT set_config('search_path', ?, true)",
                          [.text(SQLIdentifier.quoted(table.layer.rawValue) + ", pg_temp")], logger: logger)
        let copySQL = "COPY \(table.sql) (\(columns.map(SQLIdentifier.quoted).joined(separator: ", "))) FROM STDIN"
        do {
            try await connection.copyFrom(table: table.name, columns: columns, logger: logger) { writer in
                let chunkSize = 1 << 20
                var buffer = ByteBufferAllocator().buffer(capacity: chunkSize + 64 * 1024)
                for row in rows {
                    PostgresCopyEncoder.appendRow(row, to: &buffer)
                    if buffer.readableBytes >= chunkSize {
                        try await writer.write(buffer)
                        buffer = ByteBufferAllocator().buffer(capacity: chunkSize + 64 * 1024)
                    }
                }
                if buffer.readableBytes > 0 {
                    try await writer.write(buffer)
                }
            }
        } catch {
            throw WarehouseError(postgres: error, sql: copySQL)
        }
        try await execute(connection, "SELECT set_config('search_path', ?, true)", [.text(previous)], logger: logger)
    }

    /// The query with `?` rewritten to `$n` and the arguments bound, after checking they match.
    private static func prepared(_ sql: String, _ arguments: [SQLValue]) throws -> PostgresQuery {
        let (rewritten, count) = PostgresPlaceholders.rewrite(sql)
        guard count == arguments.count else {
            throw WarehouseError(.invalidArguments, engine: .postgres,
                message: "the statement has \(count) placeholders but \(arguments.count) arguments were given", sql: sql)
        }
        guard count <= maximumArguments else {
            throw WarehouseError(.invalidArguments, engine: .postgres,
                message: "\(count) bound values exceed PostgreSQL's limit of \(maximumArguments) per statement", sql: sql)
        }
        return PostgresQuery(unsafeSQL: rewritten, binds: PostgresBind.bindings(arguments))
    }
}
