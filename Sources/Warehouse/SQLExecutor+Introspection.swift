import TenureCore

/// What exists in the warehouse, asked the engine's own way (`sqlite_master` and
/// `pragma_table_info` on SQLite, `information_schema` on PostgreSQL). Views count as tables.
extension SQLExecutor {
    /// Whether `table` exists (as a table or a view).
    public func tableExists(_ table: TableName) async throws -> Bool {
        let rows: [Row]
        switch engine {
        case .sqlite:
            rows = try await query(
                "SELECT 1 FROM \(SQLIdentifier.quoted(table.layer.rawValue)).sqlite_master WHERE type IN ('table', 'view') AND name = ?",
                [.text(table.name)])
        case .postgres:
            rows = try await query(
                "SELECT 1 FROM information_schema.tables WHERE table_schema = ? AND table_name = ?",
                [.text(table.layer.rawValue), .text(table.name)])
        }
        return !rows.isEmpty
    }

    /// The names of `table`'s columns in table order; empty when the table doesn't exist.
    public func columns(of table: TableName) async throws -> [String] {
        let rows: [Row]
        switch engine {
        case .sqlite:
            rows = try await query(
                "SELECT name FROM pragma_table_info(?, ?) ORDER BY cid",
                [.text(table.name), .text(table.layer.rawValue)])
        case .postgres:
            rows = try await query(
                """
                SELECT column_name AS name FROM information_schema.columns
                WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position
                """,
                [.text(table.layer.rawValue), .text(table.name)])
        }
        return rows.compactMap { $0.string("name") }
    }

    /// The names of the tables and views in `schema`, sorted.
    public func tables(in schema: Layer) async throws -> [String] {
        let rows: [Row]
        switch engine {
        case .sqlite:
            rows = try await query(
                """
                SELECT name FROM \(SQLIdentifier.quoted(schema.rawValue)).sqlite_master
                WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name
                """)
        case .postgres:
            rows = try await query(
                "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = ? ORDER BY table_name::text COLLATE \"C\"",
                [.text(schema.rawValue)])
        }
        return rows.compactMap { $0.string("name") }
    }
}
