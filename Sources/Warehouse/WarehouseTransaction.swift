/// A handle to one open transaction, given to the body of ``Warehouse/transaction(_:)``.
public protocol WarehouseTransaction: SQLExecutor {
    /// Appends `rows` to `table` as fast as the engine allows.
    ///
    /// Each row has one value per column, in the order of `columns`. SQLite reuses one prepared
    /// statement; PostgreSQL streams `COPY … FROM STDIN`, which converts text to the column's
    /// type (booleans, timestamps, JSON) just like a literal would. On PostgreSQL the table and
    /// column names must not contain double quotes.
    func bulkInsert(into table: TableName, columns: [String], rows: [[SQLValue]]) async throws

    /// Appends the rows of `rows` whose `uniqueColumn` value `table` does not hold yet, and
    /// returns how many it appended; the others are skipped, not errors.
    ///
    /// `table` must have a unique index on `uniqueColumn`. SQLite inserts with `ON CONFLICT DO
    /// NOTHING`; PostgreSQL copies the rows into a staging table and inserts from it the same way,
    /// since `COPY` itself cannot skip conflicts.
    func bulkInsert(into table: TableName, columns: [String], rows: [[SQLValue]], skippingDuplicatesOf uniqueColumn: String) async throws -> Int
}
