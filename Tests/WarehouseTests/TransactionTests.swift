import Testing
import TenureCore
import Warehouse
import WarehouseTestSupport

@Suite("Transactions")
struct TransactionTests {
    static let table = TableName(.silver, "ledger")

    static func createLedger(_ warehouse: any Warehouse) async throws {
        try await warehouse.createTable(table, columns: [ColumnDefinition("id", .integer), ColumnDefinition("note", .text)])
    }

    @Test("a throwing body rolls everything back and its error comes out unchanged", arguments: TestEngine.allCases)
    func rollbackOnThrow(engine: TestEngine) async throws {
        try await engine.withWarehouse { warehouse in
            try await Self.createLedger(warehouse)
            let created = TableName(.silver, "created_inside")
            await #expect(throws: IntentionalError()) {
                try await warehouse.transaction { transaction in
                    try await transaction.execute("INSERT INTO silver.ledger (id, note) VALUES (?, ?)", [1, "one"])
                    try await transaction.bulkInsert(into: Self.table, columns: ["id", "note"],
                                                     rows: (2...101).map { [.integer(Int64($0)), .text("bulk")] })
                    try await transaction.createTable(created, columns: [ColumnDefinition("x", .integer)])
                    // The transaction sees its own work before failing.
                    #expect(try await transaction.scalarInt("SELECT COUNT(*) AS n FROM silver.ledger") == 101)
                    throw IntentionalError()
                }
            }
            #expect(try await warehouse.scalarInt("SELECT COUNT(*) AS n FROM silver.ledger") == 0)
            #expect(try await warehouse.tableExists(created) == false)
            // The warehouse is usable afterwards.
            try await warehouse.execute("INSERT INTO silver.ledger (id, note) VALUES (?, ?)", [1, "after"])
            #expect(try await warehouse.scalarInt("SELECT COUNT(*) AS n FROM silver.ledger") == 1)
        }
    }

    @Test("a returning body commits and hands back its value", arguments: TestEngine.allCases)
    func commitOnReturn(engine: TestEngine) async throws {
        try await engine.withWarehouse { warehouse in
            try await Self.createLedger(warehouse)
            let inserted = try await warehouse.transaction { transaction in
                for id in 1...3 {
                    try await transaction.execute("INSERT INTO silver.ledger (id, note) VALUES (?, ?)", [.integer(Int64(id)), "kept"])
                }
                return try await transaction.scalarInt("SELECT COUNT(*) AS n FROM silver.ledger")
            }
            #expect(inserted == 3)
            #expect(try await warehouse.scalarInt("SELECT SUM(id) AS s FROM silver.ledger") == 6)
        }
    }

    @Test("uncommitted work is invisible outside the transaction", arguments: TestEngine.allCases)
    func isolation(engine: TestEngine) async throws {
        try await engine.withWarehouse { warehouse in
            try await Self.createLedger(warehouse)
            try await warehouse.transaction { transaction in
                try await transaction.execute("INSERT INTO silver.ledger (id, note) VALUES (?, ?)", [1, "pending"])
                // A detached task is outside this transaction's scope, like another caller.
                let seenOutside = try await Task.detached {
                    try await warehouse.scalarInt("SELECT COUNT(*) AS n FROM silver.ledger")
                }.value
                #expect(seenOutside == 0)
            }
            #expect(try await warehouse.scalarInt("SELECT COUNT(*) AS n FROM silver.ledger") == 1)
        }
    }

    @Test("using the warehouse inside its own transaction, or the handle afterwards, is an error", arguments: TestEngine.allCases)
    func misuse(engine: TestEngine) async throws {
        try await engine.withWarehouse { warehouse in
            try await Self.createLedger(warehouse)
            let leaked = try await warehouse.transaction { transaction in
                let error = await #expect(throws: WarehouseError.self) {
                    try await warehouse.execute("INSERT INTO silver.ledger (id) VALUES (?)", [1])
                }
                #expect(error?.kind == .invalidUse)
                await #expect(throws: WarehouseError.self) {
                    try await warehouse.transaction { _ in 0 }
                }
                return transaction
            }
            let error = await #expect(throws: WarehouseError.self) {
                try await leaked.execute("INSERT INTO silver.ledger (id) VALUES (?)", [2])
            }
            #expect(error?.kind == .invalidUse)
            #expect(try await warehouse.scalarInt("SELECT COUNT(*) AS n FROM silver.ledger") == 0)
        }
    }

    @Test("concurrent transactions all land, none interleaved", arguments: TestEngine.allCases)
    func concurrentTransactions(engine: TestEngine) async throws {
        try await engine.withWarehouse { warehouse in
            try await Self.createLedger(warehouse)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for worker in 0..<8 {
                    group.addTask {
                        try await warehouse.transaction { transaction in
                            for item in 0..<25 {
                                try await transaction.execute("INSERT INTO silver.ledger (id, note) VALUES (?, ?)",
                                                              [.integer(Int64(worker * 100 + item)), .text("w\(worker)")])
                            }
                            // Reading outside while others write must not block forever or fail.
                            _ = try await transaction.query("SELECT COUNT(*) AS n FROM silver.ledger")
                        }
                    }
                    group.addTask {
                        _ = try await warehouse.query("SELECT COUNT(*) AS n FROM silver.ledger")
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await warehouse.scalarInt("SELECT COUNT(*) AS n FROM silver.ledger") == 200)
            #expect(try await warehouse.scalarInt("SELECT COUNT(DISTINCT note) AS n FROM silver.ledger") == 8)
        }
    }
}
