import Foundation
import Testing
import TenureCore
import Warehouse
import WarehouseTestSupport

/// A measurement, not a check: prints bulk-insert throughput and asserts only the row count.
/// Runs when `TENURE_BENCH_ROWS` is set, e.g.
/// `TENURE_BENCH_ROWS=1000000 swift test -c release --filter BulkInsertBenchmark`.
@Suite("Bulk insert benchmark", .serialized, .enabled(if: ProcessInfo.processInfo.environment["TENURE_BENCH_ROWS"] != nil))
struct BulkInsertBenchmark {
    static var rowCount: Int {
        Int(ProcessInfo.processInfo.environment["TENURE_BENCH_ROWS"] ?? "") ?? 1_000_000
    }

    @Test("rows of 10 text columns per second", arguments: TestEngine.allCases)
    func textRows(engine: TestEngine) async throws {
        let columns = (1...10).map { ColumnDefinition("c\($0)", .text) }
        let rows: [[SQLValue]] = (0..<Self.rowCount).map { index in
            columns.map { column in .text("\(column.name)-value-\(index)") }
        }
        try await Self.measure(engine, shape: "10 text columns", columns: columns, rows: rows)
    }

    @Test("rows of 5 mixed columns per second", arguments: TestEngine.allCases)
    func mixedRows(engine: TestEngine) async throws {
        let columns = [
            ColumnDefinition("id", .integer), ColumnDefinition("customer", .text), ColumnDefinition("amount", .real),
            ColumnDefinition("status", .text), ColumnDefinition("quantity", .integer),
        ]
        let rows: [[SQLValue]] = (0..<Self.rowCount).map { (index: Int) -> [SQLValue] in
            let amount = Double(index % 10_000) / 100
            let status = index % 3 == 0 ? "paid" : "open"
            return [.integer(Int64(index)), .text("CUST-\(index % 50_000)"), .real(amount), .text(status), .integer(Int64(index % 17))]
        }
        try await Self.measure(engine, shape: "5 mixed columns", columns: columns, rows: rows)
    }

    private static func measure(_ engine: TestEngine, shape: String, columns: [ColumnDefinition], rows: [[SQLValue]]) async throws {
        try await engine.withWarehouse { warehouse in
            let table = TableName(.bronze, "bench")
            try await warehouse.createTable(table, columns: columns)
            let elapsed = try await ContinuousClock().measure {
                try await warehouse.bulkInsert(into: table, columns: columns.map(\.name), rows: rows)
            }
            let (seconds, attoseconds) = elapsed.components
            let total = Double(seconds) + Double(attoseconds) / 1e18
            print("bulk insert \(engine): \(rows.count) rows × \(shape) in \(String(format: "%.2f", total)) s = \(Int(Double(rows.count) / total)) rows/s")
            #expect(try await warehouse.scalarInt("SELECT COUNT(*) AS n FROM bronze.bench") == rows.count)
        }
    }
}
