/// Something that runs SQL against the warehouse: the ``Warehouse`` itself or a ``WarehouseTransaction``.
///
/// Rules shared by every engine, so the same code runs unchanged on each:
/// - one statement per call;
/// - `?` positional placeholders (PostgreSQL's `$1` is produced internally); a `?` inside a
///   string literal, a quoted identifier or a comment is not a placeholder. PostgreSQL's JSONB
///   operators spelled with `?` are therefore not available: use `jsonb_exists()` and friends;
/// - values are only ever bound, never spliced into the SQL text. On PostgreSQL a bound text
///   takes the type its context asks for (a timestamp column, a JSONB cast, `n = ?` on a
///   number); where nothing does (`? || ?`), write `CAST(? AS TEXT)`;
/// - tables are named `schema.table`, with the schemas of `Layer`.
///
/// DDL and introspection helpers are extensions on this protocol, so they work both on the
/// warehouse and inside a transaction (schema changes are transactional on both engines).
public protocol SQLExecutor: Sendable {
    /// The engine the SQL runs on.
    var engine: WarehouseEngine { get }

    /// Runs one statement that returns no rows (DDL, INSERT, UPDATE, DELETE…).
    func execute(_ sql: String, _ arguments: [SQLValue]) async throws

    /// Runs one statement and returns all its rows.
    func query(_ sql: String, _ arguments: [SQLValue]) async throws -> [Row]
}

extension SQLExecutor {
    /// Runs one statement without arguments.
    public func execute(_ sql: String) async throws {
        try await execute(sql, [])
    }

    /// Runs one query without arguments.
    public func query(_ sql: String) async throws -> [Row] {
        try await query(sql, [])
    }
}
