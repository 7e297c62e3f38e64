import AsyncHTTPClient
import Connectors
import Foundation
import Hummingbird
import HummingbirdTesting
import Ingestion
import Logging
import Sandbox
import Simulator
import TenureCore
import Testing
import Warehouse

/// The four API connectors against the sandbox's emulators over real loopback HTTP, checked
/// against what the file connector lands from the same generated bank.
@Suite("Connectors against the sandbox", .serialized)
struct SandboxTests {
    static let logger = Logger(label: "tenure.sandbox.tests") { _ in SwiftLogNoOpLogHandler() }

    /// A small bank, its sandbox store, fresh credentials, and bronze as the file connector lands it.
    static let fixture = Task<(bank: URL, store: SandboxStore, credentials: SandboxCredentials, expected: [String: [String]]), any Error> {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("tenure-sandbox-\(UUID().uuidString)")
        let bank = root.appendingPathComponent("bank")
        _ = try BankGenerator(specification: try BankSpecification(customers: 80, seed: 11)).generate(into: bank)
        let warehouse = try await openWarehouse(WarehouseLocation(parsing: "sqlite:" + root.appendingPathComponent("files").path), logger: logger)
        _ = await Ingestor(warehouse: warehouse, logger: logger).ingest(SourceSystem.allCases.map { FileConnector(system: $0, directory: bank) })
        let expected = try await bronze(warehouse)
        try await warehouse.close()
        let store = try await SandboxStore.open(bank: bank, file: bank.appendingPathComponent(".sandbox/store.sqlite"))
        return (bank, store, try SandboxCredentials.generate(), expected)
    }

    /// Every bronze table's records as `source key | content hash`, sorted: equal lists mean the same records, each once.
    static func bronze(_ warehouse: any Warehouse) async throws -> [String: [String]] {
        var tables: [String: [String]] = [:]
        for entity in SourceEntity.all {
            for name in [entity.bronzeTable] + (entity.child.map { [$0.bronzeTable] } ?? []) where try await warehouse.tableExists(TableName(.bronze, name)) {
                tables[name] = try await warehouse.query("SELECT _source_key, _record_hash FROM \(TableName(.bronze, name).sql)")
                    .map { "\($0.string("_source_key") ?? "-")|\($0.string("_record_hash") ?? "")" }.sorted()
            }
        }
        return tables
    }

    /// A fast retry policy, so injected faults cost milliseconds.
    static var policy: RetryPolicy {
        var policy = RetryPolicy()
        policy.baseDelay = .milliseconds(5)
        policy.maximumDelay = .milliseconds(50)
        policy.attempts = 8
        return policy
    }

    /// The HTTP client of the sandbox the current test runs against.
    @TaskLocal static var client: HTTPClient = .shared

    /// Runs `body` with a sandbox on a loopback port and the connectors' environment pointing at it.
    /// The connectors get an HTTP client of the test's own, shut down before the sandbox stops: a
    /// keep-alive connection left in the shared client's pool can keep the server's graceful
    /// shutdown, and with it the test, waiting forever.
    /// With `ownStore`, the sandbox gets a store of its own, which the test may change.
    static func withSandbox(faults: FaultSettings = FaultSettings(), ownStore: Bool = false, _ body: @escaping @Sendable (_ environment: [String: String], _ sandbox: SandboxServer, _ store: SandboxStore) async throws -> Void) async throws {
        let fixture = try await fixture.value
        let store = ownStore
            ? try await SandboxStore.open(bank: fixture.bank, file: FileManager.default.temporaryDirectory.appendingPathComponent("tenure-store-\(UUID().uuidString).sqlite"))
            : fixture.store
        var settings = SandboxServer.Settings()
        settings.port = 0
        settings.faults = faults
        let sandbox = SandboxServer(store: store, credentials: fixture.credentials, settings: settings, logger: logger)
        try await sandbox.application().test(.live) { client in
            let port = try #require(client.port)
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tenure-env-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            try fixture.credentials.writeEnvironment(to: folder.appendingPathComponent(".env"), baseURL: "http://127.0.0.1:\(port)")
            let environment = try DotEnv.read(folder.appendingPathComponent(".env"))
            let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup)
            do {
                try await Self.$client.withValue(client) { try await body(environment, sandbox, store) }
            } catch {
                try? await client.shutdown()
                throw error
            }
            try await client.shutdown()
        }
    }

    /// Ingests through the API connectors into a fresh warehouse (or `warehouse`).
    static func ingest(_ environment: [String: String], into warehouse: any Warehouse, full: Bool = false,
                       systems: [SourceSystem] = SourceSystem.allCases) async -> [Ingestor.SourceOutcome] {
        await Ingestor(warehouse: warehouse, logger: logger).ingest(APISources.connectors(for: systems, environment: environment, client: client, policy: policy), full: full)
    }

    static func freshWarehouse() async throws -> any Warehouse {
        try await openWarehouse(WarehouseLocation(parsing: "sqlite:" + FileManager.default.temporaryDirectory.appendingPathComponent("tenure-api-\(UUID().uuidString)").path),
                                logger: logger)
    }

    @Test func fullThenIncrementalExtractionLandsExactlyTheGeneratedRecords() async throws {
        let expected = try await Self.fixture.value.expected
        try await Self.withSandbox(ownStore: true) { environment, _, store in
            let warehouse = try await Self.freshWarehouse()
            let outcomes = await Self.ingest(environment, into: warehouse)
            #expect(outcomes.allSatisfy { $0.failure == nil }, "\(outcomes.compactMap(\.failure))")
            #expect(try await Self.bronze(warehouse) == expected)
            let firstRequests = outcomes.map(\.statistics.requests).reduce(0, +)
            #expect(outcomes.allSatisfy { $0.statistics.pages > 0 } && firstRequests > 20)

            // Nothing changed: the watermarks keep the second run to the boundary records, and nothing lands twice.
            let again = await Self.ingest(environment, into: warehouse)
            #expect(again.flatMap(\.batches).map(\.landed).reduce(0, +) == 0)
            let reread = again.filter { $0.system != .sheets }.map(\.statistics.records).reduce(0, +)
            #expect(reread < 20, "incremental runs re-read only records at the watermark, not \(reread)")

            // New app sessions and a changed customer arrive: exactly those land.
            let sessions = try #require(SourceEntity.all.first { $0.bronzeTable == "sb_app_sessions" })
            let new = (1...3).map { index in
                Array(#"{"id": "00000000-0000-4000-8000-00000000000\#(index)", "user_id": "u", "user_email": "new\#(index)@example.com", "session_start": "2026-02-0\#(index)T08:00:00+00:00", "session_end": "2026-02-0\#(index)T08:05:00+00:00", "device_type": "phone", "platform": "ios", "app_version": "4.0.0", "created_at": "2026-02-0\#(index)T08:00:00+00:00"}"#.utf8)
            }
            try store.add(new, to: sessions)
            let third = await Self.ingest(environment, into: warehouse)
            let landed = Dictionary(uniqueKeysWithValues: third.flatMap(\.batches).map { ($0.entity.bronzeTable, $0.landed) })
            #expect(landed["sb_app_sessions"] == 3 && landed.filter { $0.key != "sb_app_sessions" }.values.allSatisfy { $0 == 0 })
            let watermark = try await Watermarks(warehouse).watermark(of: sessions)
            #expect(watermark == "2026-02-03T08:00:00+00:00")
            try await warehouse.close()
        }
    }

    @Test func theSalesforceConnectorCreatesRetentionTasks() async throws {
        try await Self.withSandbox(ownStore: true) { environment, _, _ in
            let connector = try #require(APISources.connectors(for: [.salesforce], environment: environment, client: Self.client, policy: Self.policy).first as? SalesforceConnector)
            let id = try await connector.createTask(["Subject": "Retention call: HIGH churn risk", "Priority": "High", "ActivityDate": "2026-02-02"])
            #expect(id.hasPrefix("00T"))
            let tasks = try #require(SourceEntity.all.first { $0.bronzeTable == "sf_tasks" })
            var found = false
            for try await page in try connector.extract(tasks, since: "2026-01-01T00:00:00.000+0000") {
                found = found || page.records.contains { String(decoding: $0.payload, as: UTF8.self).contains("Retention call: HIGH churn risk") }
            }
            #expect(found, "the new Task is extracted like any other")
        }
    }

    @Test func transientFaultsAreSurvivedWithNothingLostOrDuplicated() async throws {
        let expected = try await Self.fixture.value.expected
        var faults = FaultSettings()
        faults.serverErrorRate = 0.15
        faults.rateLimitEvery = 9
        faults.retryAfterSeconds = 0
        faults.tokenLifetimeRequests = 4
        try await Self.withSandbox(faults: faults) { environment, _, _ in
            let warehouse = try await Self.freshWarehouse()
            let outcomes = await Self.ingest(environment, into: warehouse)
            #expect(outcomes.allSatisfy { $0.failure == nil }, "\(outcomes.compactMap(\.failure))")
            let landed = try await Self.bronze(warehouse)
            for (table, records) in expected { #expect(landed[table] == records, "\(table): \(landed[table]?.count ?? 0) of \(records.count)") }
            #expect(outcomes.map(\.statistics.retries).reduce(0, +) > 10, "the faults were met and retried")
            try await warehouse.close()
        }
    }

    @Test func aSourceThatStaysDownIsReportedWhileTheOthersLand() async throws {
        let expected = try await Self.fixture.value.expected
        var faults = FaultSettings()
        faults.down = [.supabase]
        try await Self.withSandbox(faults: faults) { environment, _, _ in
            let warehouse = try await Self.freshWarehouse()
            let outcomes = await Self.ingest(environment, into: warehouse)
            let failure = try #require(outcomes.first { $0.system == .supabase }?.failure)
            #expect(failure.contains("HTTP 503") && failure.contains("attempts"))
            #expect(outcomes.filter { $0.system != .supabase }.allSatisfy { $0.failure == nil && !$0.batches.isEmpty })
            let landed = try await Self.bronze(warehouse)
            #expect(landed["erp_customers"] == expected["erp_customers"] && landed["gs_customer_notes"] == expected["gs_customer_notes"])
            try await warehouse.close()
        }
    }

    @Test func wrongCredentialsFailClearlyWithoutTheSecret() async throws {
        try await Self.withSandbox { environment, _, _ in
            var wrong = environment
            wrong["ERPNEXT_API_SECRET"] = "not-the-secret-0451"
            wrong["SALESFORCE_CLIENT_SECRET"] = "not-the-client-secret-0452"
            wrong["SUPABASE_SERVICE_KEY"] = "sb_secret_not-the-key-0453"
            wrong.removeValue(forKey: "GOOGLE_SHEETS_SPREADSHEET_ID")
            let warehouse = try await Self.freshWarehouse()
            let outcomes = await Self.ingest(wrong, into: warehouse)
            let failures = Dictionary(uniqueKeysWithValues: outcomes.map { ($0.system, $0.failure ?? "") })
            #expect(failures[.erpnext]?.contains("refused the credentials (HTTP 401") == true && failures[.erpnext]?.contains("ERPNEXT_API_SECRET") == true)
            #expect(failures[.salesforce]?.contains("SALESFORCE_CLIENT_SECRET") == true)
            #expect(failures[.supabase]?.contains("refused the credentials") == true)
            #expect(failures[.sheets]?.contains("GOOGLE_SHEETS_SPREADSHEET_ID is not set") == true)
            for failure in failures.values {
                #expect(!failure.contains("0451") && !failure.contains("0452") && !failure.contains("0453"), "\(failure)")
                for secret in [environment["ERPNEXT_API_KEY"], environment["SALESFORCE_CLIENT_ID"], environment["SUPABASE_SERVICE_KEY"]].compactMap({ $0 }) {
                    #expect(!failure.contains(secret))
                }
            }
            try await warehouse.close()
        }
    }
}
