/// A column for ``SQLExecutor/createTable(_:columns:ifNotExists:)`` and ``SQLExecutor/addColumn(_:to:)``.
public struct ColumnDefinition: Sendable, Hashable {
    /// The column's name (lower snake_case by convention; it is always quoted).
    public var name: String
    /// The portable type, mapped to the engine's own.
    public var type: ColumnType
    /// Whether NULL is allowed.
    public var isNullable: Bool

    /// Creates a column definition; columns are nullable unless said otherwise.
    public init(_ name: String, _ type: ColumnType, isNullable: Bool = true) {
        self.name = name
        self.type = type
        self.isNullable = isNullable
    }

    /// The column's clause in `CREATE TABLE` / `ALTER TABLE … ADD COLUMN` for `engine`.
    func sql(for engine: WarehouseEngine) -> String {
        SQLIdentifier.quoted(name) + " " + type.sql(for: engine) + (isNullable ? "" : " NOT NULL")
    }
}
