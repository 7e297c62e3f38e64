import GRDB

extension SQLiteWarehouse {
    /// SQL functions added to every SQLite connection (writer and readers), so model SQL can
    /// call the same portable functions on every engine. Later additions go here; PostgreSQL
    /// gets the matching definitions in its own setup.
    static func portableFunctions() -> [DatabaseFunction] {
        []
    }
}
