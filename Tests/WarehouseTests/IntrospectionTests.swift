import Testing
import TenureCore
import Warehouse
import WarehouseTestSupport

@Suite("Introspection")
struct IntrospectionTests {
    @Test("columns come in table order; added columns appear; tables are listed per schema", arguments: TestEngine.allCases)
    func columnsAndTables(engine: TestEngine) async throws {
        try await engine.withWarehouse { warehouse in
            let customers = TableName(.silver, "dim_customer")
            try await warehouse.createTable(customers, columns: [
                ColumnDefinition("customer_key", .text), ColumnDefinition("birth_date", .timestamp),
                ColumnDefinition("age", .integer),
            ])
            try await warehouse.createTable(TableName(.silver, "customer_xref"), columns: [ColumnDefinition("source_id", .text)])
            try await warehouse.createTable(TableName(.gold, "customer_360"), columns: [ColumnDefinition("customer_key", .text)])

            #expect(try await warehouse.columns(of: customers) == ["customer_key", "birth_date", "age"])
            try await warehouse.addColumn(ColumnDefinition("churn_score", .real), to: customers)
            #expect(try await warehouse.columns(of: customers) == ["customer_key", "birth_date", "age", "churn_score"])

            #expect(try await warehouse.tableExists(customers))
            #expect(try await warehouse.tableExists(TableName(.gold, "dim_customer")) == false)
            #expect(try await warehouse.columns(of: TableName(.bronze, "missing")) == [])
            #expect(try await warehouse.tables(in: .silver) == ["customer_xref", "dim_customer"])
            #expect(try await warehouse.tables(in: .gold) == ["customer_360"])
            #expect(try await warehouse.tables(in: .bronze) == [])
        }
    }

    @Test("schema changes inside a transaction are visible to it and undone by rollback", arguments: TestEngine.allCases)
    func transactionalSchemaChanges(engine: TestEngine) async throws {
        try await engine.withWarehouse { warehouse in
            let table = TableName(.bronze, "sf_contacts")
            try await warehouse.createTable(table, columns: [ColumnDefinition("id", .text)])
            await #expect(throws: IntentionalError()) {
                try await warehouse.transaction { transaction in
                    try await transaction.addColumn(ColumnDefinition("email", .text), to: table)
                    #expect(try await transaction.columns(of: table) == ["id", "email"])
                    throw IntentionalError()
                }
            }
            #expect(try await warehouse.columns(of: table) == ["id"])
        }
    }
}
