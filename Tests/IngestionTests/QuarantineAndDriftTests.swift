import Connectors
import Foundation
import Ingestion
import Logging
import TenureCore
import Testing
import Warehouse
import WarehouseTestSupport

/// Bad records, drifting schemas and hostile text, landed from hand-made exports on both engines.
@Suite("Quarantine, schema drift and verbatim storage")
struct QuarantineAndDriftTests {
    static let logger = Logger(label: "tenure.ingestion.tests") { _ in SwiftLogNoOpLogHandler() }
    static let customer = SourceEntity.all.first { $0.system == .erpnext && $0.name == "customer" }!

    /// A folder holding `erpnext/customer.json` with exactly `bytes`.
    static func export(_ bytes: [UInt8]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tenure-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("erpnext"), withIntermediateDirectories: true)
        try Data(bytes).write(to: folder.appendingPathComponent("erpnext/customer.json"))
        return folder
    }

    static func export(_ text: String) throws -> URL { try export(Array(text.utf8)) }

    static func land(_ folder: URL, into warehouse: any Warehouse, maximumFieldBytes: Int = 1 << 20) async throws -> BatchReport {
        var lander = BronzeLander(warehouse: warehouse, logger: logger)
        lander.maximumFieldBytes = maximumFieldBytes
        return try await lander.land(customer, from: FileConnector(system: .erpnext, directory: folder))
    }

    @Test(arguments: TestEngine.allCases)
    func everyKindOfBadRecordIsQuarantinedWithItsReason(engine: TestEngine) async throws {
        let long = String(repeating: "x", count: 300)
        var bytes = Array("""
            {"data": [
            {"name": "CUST-1", "customer_name": "Good One"},
            {"name": "CUST-2", "customer_name": "Broken, "territory": "X"},
            ["CUST-3", "an array, not an object"],
            {"name": "CUST-4", "customer_name": "\(long)"},
            {"name": "CUST-5", "customer_name": "
            """.utf8)
        bytes += [0xC3, 0x28] // an invalid UTF-8 sequence
        bytes += Array("""
            "},
            {"name": "CUST-6", "customer_name": "Good Two", "nested": {"a": [1, 2, {"b": null}]}},
            {"name": "CUST-7", "customer_name": "Cut off
            """.utf8)
        let folder = try Self.export(bytes)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await engine.withWarehouse { warehouse in
            let report = try await Self.land(folder, into: warehouse, maximumFieldBytes: 200)
            #expect(report.received == 7 && report.landed == 2 && report.quarantined == 5 && report.isBalanced)
            let rows = try await warehouse.query("SELECT record_number, reason, raw_payload FROM bronze._quarantine ORDER BY record_number")
            let reasons = rows.map { $0.string("reason") ?? "" }
            #expect(rows.map { $0.int("record_number") } == [2, 3, 4, 5, 7])
            #expect(reasons[0].hasPrefix("malformed JSON"))
            #expect(reasons[1].hasPrefix("wrong shape"))
            #expect(reasons[2].contains("over the 200-byte limit"))
            #expect(reasons[3] == "invalid UTF-8")
            #expect(reasons[4].contains("truncated"))
            // The raw payload is kept byte for byte, invalid UTF-8 included.
            #expect(rows[3].blob("raw_payload")?.contains(0xC3) == true && rows[3].blob("raw_payload")?.contains(0x28) == true)
            let ledger = try await warehouse.query("SELECT rows_received, rows_landed, rows_quarantined FROM bronze._batches").first
            #expect(ledger?.int("rows_received") == 7 && ledger?.int("rows_landed") == 2 && ledger?.int("rows_quarantined") == 5)
            #expect(try await warehouse.query("SELECT nested FROM bronze.erp_customers WHERE name = 'CUST-6'").first?.string("nested")
                    == #"{"a": [1, 2, {"b": null}]}"#)
        }
    }

    @Test(arguments: TestEngine.allCases)
    func newAndVanishedFieldsAreHandledAndRecorded(engine: TestEngine) async throws {
        let first = try Self.export(#"{"data": [{"name": "C1", "customer_name": "Ann", "territory": "North"}, {"name": "C2", "customer_name": "Bo", "territory": "South"}]}"#)
        let second = try Self.export(#"{"data": [{"name": "C3", "customer_name": "Cy", "loyalty_tier": "gold"}]}"#)
        defer { for folder in [first, second] { try? FileManager.default.removeItem(at: folder) } }
        try await engine.withWarehouse { warehouse in
            let before = try await Self.land(first, into: warehouse)
            #expect(before.schemaChanges.isEmpty)
            let after = try await Self.land(second, into: warehouse)
            #expect(Set(after.schemaChanges) == [SchemaChange(table: "erp_customers", column: "loyalty_tier", kind: .added),
                                                  SchemaChange(table: "erp_customers", column: "territory", kind: .removed)])
            let columns = try await warehouse.columns(of: TableName(.bronze, "erp_customers"))
            #expect(columns.contains("loyalty_tier") && columns.contains("territory"))
            let c3 = try await warehouse.query("SELECT territory, loyalty_tier FROM bronze.erp_customers WHERE name = 'C3'").first
            #expect(c3?.string("territory") == nil && c3?.string("loyalty_tier") == "gold")
            #expect(try await warehouse.scalarInt("SELECT COUNT(*) FROM bronze.erp_customers WHERE territory IS NOT NULL") == 2)
            let recorded = try await warehouse.query("SELECT column_name, change, batch_id FROM ops.schema_changes ORDER BY column_name")
            #expect(recorded.map { "\($0.string("change") ?? "") \($0.string("column_name") ?? "")" } == ["added loyalty_tier", "removed territory"])
            #expect(recorded.allSatisfy { $0.string("batch_id") == after.batchID })
            let status = try await BronzeStatus.read(from: warehouse)
            #expect(status.tables.first { $0.table == "erp_customers" }?.schemaChanges.count == 2)
        }
    }

    @Test(arguments: TestEngine.allCases)
    func aChangedRecordLandsAsANewVersion(engine: TestEngine) async throws {
        let first = try Self.export(#"{"data": [{"name": "C1", "customer_name": "Ann"}, {"name": "C2", "customer_name": "Bo"}]}"#)
        // Field order differs but C2's content does not: only C1's new version lands.
        let second = try Self.export(#"{"data": [{"name": "C1", "customer_name": "Ann Lee"}, {"customer_name": "Bo", "name": "C2"}]}"#)
        defer { for folder in [first, second] { try? FileManager.default.removeItem(at: folder) } }
        try await engine.withWarehouse { warehouse in
            _ = try await Self.land(first, into: warehouse)
            let report = try await Self.land(second, into: warehouse)
            #expect(report.landed == 1 && report.unchanged == 1)
            let versions = try await warehouse.query("SELECT customer_name FROM bronze.erp_customers WHERE _source_key = 'C1' ORDER BY _ingested_at")
            #expect(versions.map { $0.string("customer_name") } == ["Ann", "Ann Lee"])
        }
    }

    @Test(arguments: TestEngine.allCases)
    func textWithQuotesAndSQLIsStoredVerbatim(engine: TestEngine) async throws {
        let hostile = [#"Robert'); DROP TABLE bronze.erp_customers;--"#, #"O'Brien "the \"Bull\"""#, "Zoë Ñúñez 李小龙 🏦", "?", "$1 ? :name", "tab\there\nnewline"]
        let records = hostile.enumerated().map { index, name in
            var escaped = ""
            for scalar in name.unicodeScalars {
                switch scalar {
                case "\"": escaped += "\\\""
                case "\\": escaped += "\\\\"
                case "\n": escaped += "\\n"
                case "\t": escaped += "\\t"
                default: escaped.unicodeScalars.append(scalar)
                }
            }
            return #"{"name": "H\#(index)", "customer_name": "\#(escaped)"}"#
        }
        let folder = try Self.export("{\"data\": [" + records.joined(separator: ",\n") + "]}")
        defer { try? FileManager.default.removeItem(at: folder) }
        try await engine.withWarehouse { warehouse in
            let report = try await Self.land(folder, into: warehouse)
            #expect(report.landed == hostile.count)
            let stored = try await warehouse.query("SELECT name, customer_name FROM bronze.erp_customers ORDER BY name")
            #expect(stored.map { $0.string("customer_name") } == hostile)
            #expect(try await warehouse.tableExists(TableName(.bronze, "erp_customers")))
        }
    }
}
