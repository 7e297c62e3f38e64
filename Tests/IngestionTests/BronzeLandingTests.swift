import Connectors
import Foundation
import Ingestion
import Logging
import Simulator
import TenureCore
import Testing
import Warehouse
import WarehouseTestSupport

/// Landing the simulated bank into bronze, on both engines.
@Suite("Bronze landing")
struct BronzeLandingTests {
    static let logger = Logger(label: "tenure.ingestion.tests") { _ in SwiftLogNoOpLogHandler() }

    /// A small generated bank shared by the tests that only read it.
    static let bank: Result<URL, SimulatorError> = Result { () throws(SimulatorError) in
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tenure-ingest-bank-\(UUID().uuidString)")
        _ = try BankGenerator(specification: try BankSpecification(customers: 40, seed: 11)).generate(into: folder)
        return folder
    }

    static func connectors(_ folder: URL) -> [any Connector] {
        SourceSystem.allCases.map { FileConnector(system: $0, directory: folder, pageSize: 700) }
    }

    static func manifestRows(_ folder: URL) throws -> [String: Int] {
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("manifest.json"))) as? [String: Any]
        return manifest?["rows"] as? [String: Int] ?? [:]
    }

    @Test(arguments: TestEngine.allCases)
    func theBankLandsWithItsMetadata(engine: TestEngine) async throws {
        let folder = try Self.bank.get()
        let expected = try Self.manifestRows(folder)
        try await engine.withWarehouse { warehouse in
            let outcomes = await Ingestor(warehouse: warehouse, logger: Self.logger).ingest(Self.connectors(folder))
            #expect(outcomes.allSatisfy { $0.failure == nil })
            for batch in outcomes.flatMap(\.batches) {
                let entity = batch.entity
                #expect(batch.isBalanced)
                #expect(batch.quarantined == 0 && batch.unchanged == 0)
                #expect(batch.received == expected["\(entity.system.rawValue)/\(entity.name)"], "\(entity)")
                let table = TableName(.bronze, entity.bronzeTable)
                #expect(try await warehouse.scalarInt("SELECT COUNT(*) FROM \(table.sql)") == batch.received)
                #expect(try await warehouse.scalarInt("SELECT COUNT(*) FROM \(table.sql) WHERE _batch_id = ? AND _source_system = ? AND _ingested_at LIKE '20%'",
                                                      [.text(batch.batchID), .text(entity.system.rawValue)]) == batch.received)
                #expect(try await warehouse.scalarInt("SELECT COUNT(DISTINCT _source_key) FROM \(table.sql)") == batch.received)
                let ledger = try await warehouse.query("SELECT * FROM bronze._batches WHERE batch_id = ?", [.text(batch.batchID)])
                #expect(ledger.count == 1)
                #expect(ledger.first?.int("rows_received") == batch.received && ledger.first?.int("rows_landed") == batch.landed)
            }
            // Invoice items land beside their invoices, in the same batch.
            #expect(try await warehouse.scalarInt("SELECT COUNT(*) FROM bronze.erp_sales_invoice_items") == expected["erpnext/sales_invoice_item"])
            #expect(try await warehouse.scalarInt("""
                SELECT COUNT(*) FROM bronze.erp_sales_invoice_items i JOIN bronze.erp_sales_invoices s ON s.name = i.parent AND s._batch_id = i._batch_id
                """) == expected["erpnext/sales_invoice_item"])
            // Values are kept as received: nested JSON as JSON text, numbers as their text, sheet cells padded.
            let attributes = try await warehouse.query("SELECT attributes, \"IsDeleted\" FROM bronze.sf_contacts LIMIT 1").first
            #expect(attributes?.string("attributes")?.hasPrefix("{\"type\": \"Contact\"") == true)
            #expect(attributes?.string("IsDeleted") == "false")
            #expect(try await warehouse.scalarInt("SELECT COUNT(*) FROM bronze.gs_customer_notes WHERE \"Follow Up\" = ''") ?? 0 > 0)
            #expect(try await warehouse.scalarInt("SELECT COUNT(*) FROM bronze.gs_customer_notes WHERE \"Follow Up\" IS NULL") == 0)
        }
    }

    @Test(arguments: TestEngine.allCases)
    func reingestingIdenticalDataAddsNothing(engine: TestEngine) async throws {
        let folder = try Self.bank.get()
        try await engine.withWarehouse { warehouse in
            let ingestor = Ingestor(warehouse: warehouse, logger: Self.logger)
            let first = await ingestor.ingest(Self.connectors(folder)).flatMap(\.batches)
            let second = await ingestor.ingest(Self.connectors(folder)).flatMap(\.batches)
            for (before, after) in zip(first, second) {
                #expect(after.received == before.received && after.landed == 0 && after.unchanged == before.received && after.childrenLanded == 0)
                let rows = try await warehouse.scalarInt("SELECT COUNT(*) FROM \(TableName(.bronze, before.entity.bronzeTable).sql)")
                #expect(rows == before.received)
            }
        }
    }

    @Test(arguments: TestEngine.allCases)
    func aCSVExportLandsTheSameRecords(engine: TestEngine) async throws {
        let source = try Self.bank.get()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tenure-csv-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        for system in SourceSystem.allCases {
            let target = folder.appendingPathComponent(system.rawValue)
            try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
            for file in try FileManager.default.contentsOfDirectory(atPath: source.appendingPathComponent(system.rawValue).path) where file.hasSuffix(".csv") {
                try FileManager.default.copyItem(at: source.appendingPathComponent(system.rawValue).appendingPathComponent(file),
                                                 to: target.appendingPathComponent(file))
            }
        }
        let expected = try Self.manifestRows(source)
        try await engine.withWarehouse { warehouse in
            let outcomes = await Ingestor(warehouse: warehouse, logger: Self.logger).ingest(Self.connectors(folder))
            #expect(outcomes.allSatisfy { $0.failure == nil })
            for batch in outcomes.flatMap(\.batches) where batch.entity.system != .sheets {
                let childRows = batch.entity.child.flatMap { expected["\(batch.entity.system.rawValue)/\($0.name)"] } ?? 0
                #expect(batch.received == (expected["\(batch.entity.system.rawValue)/\(batch.entity.name)"] ?? -1) + childRows, "\(batch.entity)")
                #expect(batch.quarantined == 0)
            }
            let items = try await warehouse.scalarInt("SELECT COUNT(*) FROM bronze.erp_sales_invoice_items")
            #expect(items == expected["erpnext/sales_invoice_item"])
        }
    }
}
