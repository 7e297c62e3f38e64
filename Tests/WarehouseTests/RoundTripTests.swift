import Testing
import TenureCore
import Warehouse
import WarehouseTestSupport

@Suite("Round trips")
struct RoundTripTests {
    /// Text that must come back byte for byte: unicode, quotes, escapes, SQL-looking content.
    static let awkwardTexts: [String] = [
        "",
        "plain",
        "Zoë Ørsted — 日本語 🚀 \u{0301}e",
        "O'Brien said \"hi\" '' \"\"",
        "'); DROP TABLE bronze.values; --",
        "Robert'); DELETE FROM bronze.values WHERE ('1' = '1",
        "back\\slash \\N tab\tnew\nline\r\n end",
        "what? ?? $1 :name @x",
        "/* not a comment */ -- nor this",
    ]

    @Test("every SQLValue kind is stored and read back exactly", arguments: TestEngine.allCases)
    func storesValuesVerbatim(engine: TestEngine) async throws {
        try await engine.withWarehouse { warehouse in
            let table = TableName(.bronze, "values")
            try await warehouse.createTable(table, columns: [
                ColumnDefinition("id", .integer), ColumnDefinition("t", .text),
                ColumnDefinition("i", .integer), ColumnDefinition("r", .real), ColumnDefinition("b", .blob),
            ])
            var expected: [[SQLValue]] = []
            let integers: [Int64] = [0, -1, 42, Int64.max, Int64.min, 2_147_483_648]
            let reals: [Double] = [0, 0.1, -1e300, 3.5, 1e-7, .greatestFiniteMagnitude]
            let blobs: [[UInt8]] = [[], [0], [0, 1, 92, 255, 9, 10], Array(0...255)]
            for (index, text) in Self.awkwardTexts.enumerated() {
                expected.append([
                    .integer(Int64(index)), .text(text),
                    .integer(integers[index % integers.count]), .real(reals[index % reals.count]),
                    .blob(blobs[index % blobs.count]),
                ])
            }
            expected.append([.integer(Int64(expected.count)), .null, .null, .null, .null])
            for row in expected {
                try await warehouse.execute("INSERT INTO bronze.\"values\" (id, t, i, r, b) VALUES (?, ?, ?, ?, ?)", row)
            }
            let rows = try await warehouse.query("SELECT id, t, i, r, b FROM bronze.\"values\" ORDER BY id")
            #expect(rows.count == expected.count)
            #expect(rows.map(\.values) == expected)
            #expect(rows.first?.columns == ["id", "t", "i", "r", "b"])
            // The SQL-looking text did nothing.
            #expect(try await warehouse.tableExists(table))
            #expect(try await warehouse.scalarInt("SELECT COUNT(*) AS n FROM bronze.\"values\"") == expected.count)
            // Binding matches by equality too.
            let match = try await warehouse.query("SELECT id FROM bronze.\"values\" WHERE t = ?", [.text(Self.awkwardTexts[4])])
            #expect(match.map(\.values) == [[.integer(4)]])
        }
    }

    @Test("a bound value selected back keeps its kind", arguments: TestEngine.allCases)
    func selectsBoundValues(engine: TestEngine) async throws {
        try await engine.withWarehouse { warehouse in
            let values: [SQLValue] = [.integer(7), .integer(Int64.max), .real(2.25), .text("ünï'\"?"), .blob([0, 255]), .null]
            for value in values {
                let rows = try await warehouse.query("SELECT ? AS v", [value])
                #expect(rows.map(\.values) == [[value]], "\(engine) round trip of \(value)")
            }
        }
    }

    @Test("typed accessors read across engines' representations", arguments: TestEngine.allCases)
    func typedAccessors(engine: TestEngine) async throws {
        try await engine.withWarehouse { warehouse in
            let table = TableName(.gold, "numbers")
            try await warehouse.createTable(table, columns: [ColumnDefinition("n", .integer), ColumnDefinition("x", .real)])
            for n in 1...4 {
                try await warehouse.execute("INSERT INTO gold.numbers (n, x) VALUES (?, ?)", [.integer(Int64(n)), .real(Double(n) / 2)])
            }
            // SUM of integers is an integer in SQLite and a numeric in PostgreSQL; AVG differs too.
            let row = try #require(try await warehouse.query(
                "SELECT SUM(n) AS total, AVG(n) AS mean, SUM(x) AS xs, COUNT(*) AS N FROM gold.numbers").first)
            #expect(row.int("total") == 10)
            #expect(row["total"] == .integer(10))
            #expect(row.double("mean") == 2.5)
            #expect(row.double("xs") == 5.0)
            #expect(row.int("n") == 4) // case-insensitive lookup of the alias N
            #expect(row.string("total") == "10")
            #expect(row["missing"] == nil)
        }
    }
}
