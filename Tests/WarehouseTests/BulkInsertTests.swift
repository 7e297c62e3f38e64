import Testing
import TenureCore
import Warehouse
import WarehouseTestSupport

@Suite("Bulk insert")
struct BulkInsertTests {
    /// Row `index` of the invoices table: every 7th note is NULL, every other invoice paid.
    static func invoice(_ index: Int) -> [SQLValue] {
        let note: SQLValue = index % 7 == 0 ? .null : .text("note \(index)")
        let paid: Int64 = index % 2 == 0 ? 1 : 0
        return [.integer(Int64(index)), .text("CUST-\(index % 1000)"), .real(Double(index % 100) * 0.25), note, .integer(paid)]
    }

    @Test("100,000 rows land exactly, with correct sums", arguments: TestEngine.allCases)
    func hundredThousandRows(engine: TestEngine) async throws {
        try await engine.withWarehouse { warehouse in
            let table = TableName(.bronze, "erp_sales_invoices")
            try await warehouse.createTable(table, columns: [
                ColumnDefinition("id", .integer), ColumnDefinition("customer", .text),
                ColumnDefinition("amount", .real), ColumnDefinition("note", .text), ColumnDefinition("paid", .boolean),
            ])
            let count = 100_000
            let rows: [[SQLValue]] = (0..<count).map(Self.invoice)
            try await warehouse.bulkInsert(into: table, columns: ["id", "customer", "amount", "note", "paid"], rows: rows)

            let row = try #require(try await warehouse.query("""
                SELECT COUNT(*) AS n, SUM(id) AS ids, SUM(amount) AS amounts, COUNT(note) AS notes,
                       COUNT(DISTINCT customer) AS customers, SUM(CASE WHEN paid THEN 1 ELSE 0 END) AS paid
                FROM bronze.erp_sales_invoices
                """).first)
            #expect(row.int("n") == count)
            #expect(row.int("ids") == count * (count - 1) / 2)
            #expect(row.double("amounts") == 1_237_500)  // 1000 × (0+…+99) × 0.25, exact in binary
            #expect(row.int("notes") == count - (count + 6) / 7)
            #expect(row.int("customers") == 1000)
            #expect(row.int("paid") == count / 2)
        }
    }

    @Test("awkward text, NULLs, blobs and reals survive bulk loading", arguments: TestEngine.allCases)
    func awkwardValues(engine: TestEngine) async throws {
        try await engine.withWarehouse { warehouse in
            let table = TableName(.bronze, "raw_pages")
            try await warehouse.createTable(table, columns: [
                ColumnDefinition("id", .integer), ColumnDefinition("body", .text),
                ColumnDefinition("score", .real), ColumnDefinition("bytes", .blob), ColumnDefinition("at", .timestamp),
            ])
            let texts = RoundTripTests.awkwardTexts + ["\\N", "NULL", "\\\\x00"]
            var rows: [[SQLValue]] = []
            for (index, text) in texts.enumerated() {
                let score = Double(index) / 3
                let bytes: [UInt8] = [UInt8(index), 0, 92, 255]
                rows.append([.integer(Int64(index)), .text(text), .real(score), .blob(bytes), .text("2024-02-29 23:59:59.5")])
            }
            rows.append([.integer(Int64(texts.count)), .null, .null, .null, .null])
            try await warehouse.bulkInsert(into: table, columns: ["id", "body", "score", "bytes", "at"], rows: rows)
            let stored = try await warehouse.query("SELECT id, body, score, bytes, at FROM bronze.raw_pages ORDER BY id")
            #expect(stored.map(\.values) == rows)
        }
    }

    @Test("rows of the wrong width are refused and nothing lands", arguments: TestEngine.allCases)
    func wrongWidth(engine: TestEngine) async throws {
        try await engine.withWarehouse { warehouse in
            let table = TableName(.bronze, "narrow")
            try await warehouse.createTable(table, columns: [ColumnDefinition("a", .text), ColumnDefinition("b", .text)])
            let error = await #expect(throws: WarehouseError.self) {
                try await warehouse.bulkInsert(into: table, columns: ["a", "b"], rows: [["1", "2"], ["only one"]])
            }
            #expect(error?.kind == .invalidArguments)
            #expect(error?.description.contains("only one") == false)
            #expect(try await warehouse.scalarInt("SELECT COUNT(*) AS n FROM bronze.narrow") == 0)
            // No rows is a no-op.
            try await warehouse.bulkInsert(into: table, columns: ["a", "b"], rows: [])
        }
    }
}
