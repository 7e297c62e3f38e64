import Foundation
import Testing
import TenureCore
import Warehouse

/// A measurement, not a check: prints bulk-insert throughput and asserts only the row count.
/// Runs when `TENURE_BENCH_ROWS` is set, e.g.
/// `TENURE_BENCH_ROWS=1000000 swift test -c release --filter BulkInsertBenchmark`.
@Suite("Bulk insert benchmark", .serialized, .enabled(if: ProcessInfo.processInfo.environment["TENURE_BENCH_ROWS"] != nil))
struct BulkInsertBenchmark {
    @Test("rows of 10 text columns per second", arguments: TestEngine.allCases)
    func textRows(engine: TestEngine) async throws {
        let count = Int(ProcessInfo.processInfo.environment["TENURE_BENCH_ROWS"] ?? "") ?? 1_000_000
        let columns = (1...10).map { "c\($0)" }
        let rows: [[SQLValue]] = (0..<count).map { index in
            columns.map { column in .text("\(column)-value-\(index)") }
        }
        try await engine.withWarehouse { warehouse in
            let table = TableName(.bronze, "bench")
            try await warehouse.createTable(table, columns: columns.map { ColumnDefinition($0, .text) })
            let clock = ContinuousClock()
            let elapsed = try await clock.measure {
                try await warehouse.bulkInsert(into: table, columns: columns, rows: rows)
            }
            let (seconds, attoseconds) = elapsed.components
            let total = Double(seconds) + Double(attoseconds) / 1e18
            print("bulk insert \(engine): \(count) rows × 10 text columns in \(String(format: "%.2f", total)) s = \(Int(Double(count) / total)) rows/s")
            #expect(try await warehouse.scalarInt("SELECT COUNT(*) AS n FROM bronze.bench") == count)
        }
    }
}
