import Testing
import TenureCore
import Warehouse
import WarehouseTestSupport

@Suite("Placeholders")
struct PlaceholderTests {
    @Test("? inside string literals, quoted identifiers and comments is not a placeholder", arguments: TestEngine.allCases)
    func questionMarksInsideLiterals(engine: TestEngine) async throws {
        try await engine.withWarehouse { warehouse in
            let table = TableName(.ops, "questions")
            try await warehouse.createTable(table, columns: [
                ColumnDefinition("why?", .text), ColumnDefinition("note", .text), ColumnDefinition("n", .integer),
            ])
            try await warehouse.execute("""
                INSERT INTO ops.questions ("why?", note, n) -- is this a comment? yes
                VALUES (?, 'it''s a ? and ''?''', /* a comment? */ ?)
                """, ["bound?", 7])
            let rows = try await warehouse.query("""
                SELECT "why?" AS q, note, n, 'literal ?' AS lit, ? AS bound FROM ops.questions
                WHERE n = ? AND note LIKE '%?%'
                """, ["second", 7])
            #expect(rows.map(\.values) == [[.text("bound?"), .text("it's a ? and '?'"), .integer(7), .text("literal ?"), .text("second")]])
        }
    }

    @Test("a mismatch between placeholders and arguments is refused", arguments: TestEngine.allCases)
    func countMismatch(engine: TestEngine) async throws {
        try await engine.withWarehouse { warehouse in
            let tooFew = await #expect(throws: WarehouseError.self) {
                _ = try await warehouse.query("SELECT ? AS a, ? AS b", ["only one"])
            }
            #expect(tooFew?.kind == .invalidArguments)
            let tooMany = await #expect(throws: WarehouseError.self) {
                _ = try await warehouse.query("SELECT '?' AS a", ["unused"])
            }
            #expect(tooMany?.kind == .invalidArguments)
        }
    }

    @Test("PostgreSQL's own quoting forms are skipped too")
    func postgresQuoting() async throws {
        try await TestEngine.postgres.withWarehouse { warehouse in
            let rows = try await warehouse.query(
                "SELECT $$dollar ?$$ AS a, $tag$ ? $x$ ? $tag$ AS b, E'esc\\' ?' AS c, /* nested /* ? */ still ? */ ? AS d",
                ["bound"])
            #expect(rows.map(\.values) == [[.text("dollar ?"), .text(" ? $x$ ? "), .text("esc' ?"), .text("bound")]])
        }
    }
}
