import Foundation
import Testing
import TenureCore
import Warehouse
import WarehouseTestSupport

@Suite("Errors")
struct ErrorTests {
    static let secret = "s3cret-PII-4711@example.com"

    @Test("statement errors carry the engine and SQL but no bound values", arguments: TestEngine.allCases)
    func noBoundValues(engine: TestEngine) async throws {
        try await engine.withWarehouse { warehouse in
            let missing = await #expect(throws: WarehouseError.self) {
                try await warehouse.execute("INSERT INTO bronze.nowhere (email) VALUES (?)", [.text(Self.secret)])
            }
            let missingError = try #require(missing)
            #expect(missingError.kind == .statementFailed)
            #expect(missingError.engine?.rawValue == engine.rawValue)
            #expect(missingError.description.contains("INSERT INTO bronze.nowhere"))
            #expect(missingError.description.contains("nowhere"))
            #expect(!missingError.description.contains(Self.secret))

            // A unique violation (PostgreSQL puts the key's value in DETAIL).
            try await warehouse.execute("CREATE TABLE bronze.people (email TEXT UNIQUE, age INTEGER CHECK (age < 150))")
            try await warehouse.execute("INSERT INTO bronze.people (email) VALUES (?)", [.text(Self.secret)])
            let duplicate = await #expect(throws: WarehouseError.self) {
                try await warehouse.execute("INSERT INTO bronze.people (email) VALUES (?)", [.text(Self.secret)])
            }
            #expect(duplicate?.code != nil)
            #expect(duplicate?.description.contains(Self.secret) == false)

            // The same through bulk loading.
            let bulkDuplicate = await #expect(throws: WarehouseError.self) {
                try await warehouse.bulkInsert(into: TableName(.bronze, "people"), columns: ["email", "age"],
                                               rows: [[.text(Self.secret), 4711]])
            }
            #expect(bulkDuplicate?.description.contains(Self.secret) == false)
            #expect(bulkDuplicate?.description.contains("4711") == false)

            // A value the engine cannot convert (PostgreSQL quotes it in the message itself).
            let conversionSQL = engine == .postgres ? "SELECT CAST(? AS BIGINT) AS n" : "SELECT json(?) AS j"
            let conversion = await #expect(throws: WarehouseError.self) {
                _ = try await warehouse.query(conversionSQL, [.text(Self.secret)])
            }
            #expect(conversion?.kind == .statementFailed)
            #expect(conversion?.description.contains(Self.secret) == false)

            let check = await #expect(throws: WarehouseError.self) {
                try await warehouse.execute("INSERT INTO bronze.people (email, age) VALUES (?, ?)", ["x", 4711])
            }
            #expect(check?.description.contains("4711") == false)
        }
    }

    @Test("PostgreSQL errors and descriptions never show the password")
    func noPassword() async throws {
        let base = try TestEngine.postgresURL()
        var components = try #require(URLComponents(string: base))
        components.password = "Hunter2-Pa55word"
        components.path = "/tenure_no_such_database_\(UUID().uuidString.prefix(8).lowercased())"
        let url = try #require(components.string)

        let wrongDatabase = await #expect(throws: WarehouseError.self) {
            _ = try await openWarehouse(url, logger: TestEngine.logger)
        }
        #expect(wrongDatabase?.kind == .connectionFailed)
        #expect(wrongDatabase?.description.contains("tenure_no_such_database") == true)
        #expect(wrongDatabase?.description.contains("Hunter2-Pa55word") == false)

        // Refused connection, password from PGPASSWORD.
        let refused = await #expect(throws: WarehouseError.self) {
            _ = try await openWarehouse("postgres://tenure@127.0.0.1:1/db", logger: TestEngine.logger,
                                        environment: ["PGPASSWORD": "Hunter2-Pa55word"])
        }
        #expect(refused?.kind == .connectionFailed)
        #expect(refused?.description.contains("Hunter2-Pa55word") == false)

        // A URL that cannot be parsed is not echoed back.
        let unreadable = await #expect(throws: WarehouseError.self) {
            _ = try await openWarehouse("postgres://tenure:Hunter2 Pa55@host:notaport/db", logger: TestEngine.logger)
        }
        #expect(unreadable?.kind == .invalidLocation)
        #expect(unreadable?.description.contains("Hunter2") == false)

        let location = try WarehouseLocation(parsing: url)
        #expect(!location.description.contains("Hunter2-Pa55word"))
        #expect(location.description.contains("***"))
    }

    @Test("a closed warehouse refuses work", arguments: TestEngine.allCases)
    func closedWarehouse(engine: TestEngine) async throws {
        var closed: (any Warehouse)?
        try await engine.withWarehouse { warehouse in
            closed = warehouse
        }
        let warehouse = try #require(closed)
        let error = await #expect(throws: WarehouseError.self) {
            _ = try await warehouse.query("SELECT 1 AS one")
        }
        #expect(error?.kind == .invalidUse)
    }
}
