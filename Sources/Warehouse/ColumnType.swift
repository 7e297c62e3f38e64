/// A portable column type, mapped to each engine's own type by ``ColumnDefinition``.
public enum ColumnType: String, Sendable, Hashable, CaseIterable {
    /// Text: SQLite `TEXT`, PostgreSQL `TEXT`.
    case text
    /// A 64-bit integer: SQLite `INTEGER`, PostgreSQL `BIGINT`.
    case integer
    /// A double: SQLite `REAL`, PostgreSQL `DOUBLE PRECISION`.
    case real
    /// A point in time, UTC by convention: SQLite `TEXT` holding `YYYY-MM-DD HH:MM:SS[.ffffff]`
    /// (what SQLite's `datetime()` produces), PostgreSQL `TIMESTAMP` (read back in that same format).
    case timestamp
    /// A boolean: SQLite `INTEGER` 0/1, PostgreSQL `BOOLEAN`.
    ///
    /// PostgreSQL does not convert a bound integer into a boolean column on its own, so SQL that
    /// binds one writes `CAST(? AS BOOLEAN)`, which works on both engines. ``WarehouseTransaction/bulkInsert(into:columns:rows:)``
    /// needs no cast.
    case boolean
    /// A JSON document: SQLite `TEXT`, PostgreSQL `JSONB`.
    ///
    /// JSONB rather than JSON because it can be compared, grouped and indexed; it does normalise
    /// whitespace and key order, so payloads that must stay byte-for-byte as received use ``text``.
    case json
    /// Raw bytes: SQLite `BLOB`, PostgreSQL `BYTEA`.
    case blob

    /// The engine's spelling of this type.
    func sql(for engine: WarehouseEngine) -> String {
        switch (engine, self) {
        case (.sqlite, .text), (.sqlite, .timestamp), (.sqlite, .json): "TEXT"
        case (.sqlite, .integer), (.sqlite, .boolean): "INTEGER"
        case (.sqlite, .real): "REAL"
        case (.sqlite, .blob): "BLOB"
        case (.postgres, .text): "TEXT"
        case (.postgres, .integer): "BIGINT"
        case (.postgres, .real): "DOUBLE PRECISION"
        case (.postgres, .timestamp): "TIMESTAMP"
        case (.postgres, .boolean): "BOOLEAN"
        case (.postgres, .json): "JSONB"
        case (.postgres, .blob): "BYTEA"
        }
    }
}
