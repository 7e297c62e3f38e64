extension Warehouse {
    /// Appends `rows` to `table` in a transaction of its own; see ``WarehouseTransaction/bulkInsert(into:columns:rows:)``.
    public func bulkInsert(into table: TableName, columns: [String], rows: [[SQLValue]]) async throws {
        try await transaction { transaction in
            try await transaction.bulkInsert(into: table, columns: columns, rows: rows)
        }
    }
}
