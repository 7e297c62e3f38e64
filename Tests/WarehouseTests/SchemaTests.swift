import Testing
import TenureCore
import Warehouse
import WarehouseTestSupport

@Suite("Schemas")
struct SchemaTests {
    @Test("every layer is a schema, usable as schema.table in plain SQL", arguments: TestEngine.allCases)
    func layersAreSchemas(engine: TestEngine) async throws {
        try await engine.withWarehouse { warehouse in
            #expect(warehouse.engine.rawValue == engine.rawValue)
            for layer in Layer.allCases {
                #expect(try await warehouse.tables(in: layer) == [])
                let table = TableName(layer, "probe")
                try await warehouse.createTable(table, columns: [ColumnDefinition("n", .integer)])
                try await warehouse.execute("INSERT INTO \(layer.rawValue).probe (n) VALUES (?)", [.integer(Int64(layer.rawValue.count))])
            }
            // Unquoted schema-qualified names across schemas, as model SQL writes them.
            let rows = try await warehouse.query("""
                SELECT b.n AS bronze_n, s.n AS silver_n, g.n AS gold_n, m.n AS ml_n, o.n AS ops_n
                FROM bronze.probe b, silver.probe s, gold.probe g, ml.probe m, ops.probe o
                """)
            #expect(rows.count == 1)
            #expect(rows.first?.int("bronze_n") == 6)
            #expect(rows.first?.int("silver_n") == 6)
            #expect(rows.first?.int("gold_n") == 4)
            #expect(rows.first?.int("ml_n") == 2)
            #expect(rows.first?.int("ops_n") == 3)
            for layer in Layer.allCases {
                #expect(try await warehouse.tables(in: layer) == ["probe"])
            }
        }
    }

    @Test("portable DDL maps every column type and NOT NULL", arguments: TestEngine.allCases)
    func portableDDL(engine: TestEngine) async throws {
        try await engine.withWarehouse { warehouse in
            let table = TableName(.silver, "typed")
            try await warehouse.createTable(table, columns: [
                ColumnDefinition("id", .integer, isNullable: false),
                ColumnDefinition("name", .text),
                ColumnDefinition("score", .real),
                ColumnDefinition("seen_at", .timestamp),
                ColumnDefinition("active", .boolean),
                ColumnDefinition("payload", .json),
                ColumnDefinition("raw", .blob),
            ])
            // Creating again with ifNotExists is a no-op; without it, an error.
            try await warehouse.createTable(table, columns: [ColumnDefinition("other", .text)], ifNotExists: true)
            await #expect(throws: WarehouseError.self) {
                try await warehouse.createTable(table, columns: [ColumnDefinition("other", .text)])
            }
            try await warehouse.execute(
                "INSERT INTO silver.typed (id, name, score, seen_at, active, payload, raw) VALUES (?, ?, ?, ?, CAST(? AS BOOLEAN), ?, ?)",
                [1, "Ada", 2.5, "2024-05-01 13:45:00", true, #"{"a": 1, "b": "x"}"#, .blob([1, 2, 3])])
            let row = try #require(try await warehouse.query("SELECT * FROM silver.typed").first)
            #expect(row.columns == ["id", "name", "score", "seen_at", "active", "payload", "raw"])
            #expect(row["id"] == .integer(1))
            #expect(row["name"] == .text("Ada"))
            #expect(row["score"] == .real(2.5))
            #expect(row["seen_at"] == .text("2024-05-01 13:45:00"))
            #expect(row["active"] == .integer(1))
            #expect(row.bool("active") == true)
            #expect(row["payload"] == .text(#"{"a": 1, "b": "x"}"#))
            #expect(row["raw"] == .blob([1, 2, 3]))
            // NOT NULL is enforced.
            await #expect(throws: WarehouseError.self) {
                try await warehouse.execute("INSERT INTO silver.typed (id) VALUES (?)", [nil])
            }
            try await warehouse.dropTable(table)
            #expect(try await warehouse.tableExists(table) == false)
            try await warehouse.dropTable(table, ifExists: true)
        }
    }
}
