/// Portable DDL: the engine picks the column types, the caller only says what they mean.
extension SQLExecutor {
    /// Creates `table` with `columns`, in order.
    public func createTable(_ table: TableName, columns: [ColumnDefinition], ifNotExists: Bool = false) async throws {
        guard !columns.isEmpty else {
            throw WarehouseError(.invalidArguments, engine: engine, message: "table \(table) needs at least one column")
        }
        let body = columns.map { $0.sql(for: engine) }.joined(separator: ", ")
        try await execute("CREATE TABLE \(ifNotExists ? "IF NOT EXISTS " : "")\(table.sql) (\(body))")
    }

    /// Appends `column` to `table`'s columns.
    public func addColumn(_ column: ColumnDefinition, to table: TableName) async throws {
        try await execute("ALTER TABLE \(table.sql) ADD COLUMN \(column.sql(for: engine))")
    }

    /// Drops `table`.
    public func dropTable(_ table: TableName, ifExists: Bool = false) async throws {
        try await execute("DROP TABLE \(ifExists ? "IF EXISTS " : "")\(table.sql)")
    }

    /// Creates an index named `name` on `columns` of `table` when it does not exist yet.
    public func createIndex(_ name: String, on table: TableName, columns: [String], unique: Bool = false) async throws {
        let list = columns.map(SQLIdentifier.quoted).joined(separator: ", ")
        let kind = unique ? "UNIQUE INDEX" : "INDEX"
        switch engine {
        case .sqlite:
            // SQLite names the index's schema and leaves the table unqualified.
            try await execute("CREATE \(kind) IF NOT EXISTS \(SQLIdentifier.quoted(table.layer.rawValue)).\(SQLIdentifier.quoted(name)) ON \(SQLIdentifier.quoted(table.name)) (\(list))")
        case .postgres:
            try await execute("CREATE \(kind) IF NOT EXISTS \(SQLIdentifier.quoted(name)) ON \(table.sql) (\(list))")
        }
    }
}
