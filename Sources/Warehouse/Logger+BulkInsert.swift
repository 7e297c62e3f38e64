import Logging

extension Logger {
    /// Runs a bulk insert of `rowCount` rows into `table` and logs its rate at debug level.
    func timingBulkInsert<T>(into table: TableName, rowCount: Int, _ insert: () async throws -> T) async rethrows -> T {
        let started = ContinuousClock.now
        let result = try await insert()
        let seconds = (ContinuousClock.now - started).seconds
        debug("bulk insert", metadata: [
            "table": "\(table)", "rows": "\(rowCount)",
            "rows_per_second": "\(seconds > 0 ? Int(Double(rowCount) / seconds) : 0)",
        ])
        return result
    }
}
