import TenureCore

/// A table in one of the warehouse's schemas, e.g. `bronze.erp_customers`.
///
/// Names should be lower snake_case: they are always quoted, and hand-written model SQL that
/// leaves them unquoted folds case differently on PostgreSQL than on SQLite.
public struct TableName: Hashable, Sendable, CustomStringConvertible {
    /// The schema (layer) the table lives in.
    public var layer: Layer
    /// The table's name within its schema.
    public var name: String

    /// Creates a table name in `layer`.
    public init(_ layer: Layer, _ name: String) {
        self.layer = layer
        self.name = name
    }

    /// The quoted, schema-qualified identifier to use in SQL: `"bronze"."erp_customers"`.
    public var sql: String {
        SQLIdentifier.quoted(layer.rawValue) + "." + SQLIdentifier.quoted(name)
    }

    /// Same as ``sql``, so a `TableName` can be interpolated straight into SQL text.
    public var description: String { sql }
}
