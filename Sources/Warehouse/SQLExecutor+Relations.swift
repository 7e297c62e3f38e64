import TenureCore

/// What a relation in a schema is.
public enum RelationKind: String, Sendable {
    case table, view
}

/// Replacing relations whole: the engine-specific part of building a model beside the old one.
extension SQLExecutor {
    /// Whether `table` is a table, a view, or missing.
    public func relationKind(_ table: TableName) async throws -> RelationKind? {
        let type: String?
        switch engine {
        case .sqlite:
            type = try await query(
                "SELECT type FROM \(SQLIdentifier.quoted(table.layer.rawValue)).sqlite_master WHERE type IN ('table', 'view') AND name = ?",
                [.text(table.name)]).first?.string("type")
        case .postgres:
            type = try await query(
                "SELECT CASE WHEN table_type = 'VIEW' THEN 'view' ELSE 'table' END AS type FROM information_schema.tables WHERE table_schema = ? AND table_name = ?",
                [.text(table.layer.rawValue), .text(table.name)]).first?.string("type")
        }
        return type.flatMap(RelationKind.init(rawValue:))
    }

    /// Drops `table` whether it is a table or a view; on PostgreSQL views reading it go too
    /// (they are bound to the table itself, not its name, and are re-created by their owner).
    public func dropRelation(_ table: TableName) async throws {
        guard let kind = try await relationKind(table) else { return }
        let cascade = engine == .postgres ? " CASCADE" : ""
        try await execute("DROP \(kind == .view ? "VIEW" : "TABLE") \(table.sql)\(cascade)")
    }
}

extension Warehouse {
    /// Replaces `target` with the table `staging` (same schema) in one transaction: readers see
    /// the old table until the commit and the new one, complete, after it. The staging table's
    /// indexes come with it, so they are best built (with names of their own) before the swap.
    public func swapIn(_ staging: TableName, as target: TableName) async throws {
        try await transaction { transaction in
            if transaction.engine == .sqlite {
                // Since SQLite 3.26 a rename re-checks every view in the schema, and fails while a
                // view still names the table just dropped; the view reads the new table by name.
                try await transaction.execute("PRAGMA legacy_alter_table = ON")
            }
            try await transaction.dropRelation(target)
            try await transaction.execute("ALTER TABLE \(staging.sql) RENAME TO \(SQLIdentifier.quoted(target.name))")
            if transaction.engine == .sqlite {
                try await transaction.execute("PRAGMA legacy_alter_table = OFF")
            }
        }
    }
}
