import Connectors
import Foundation
import HummingbirdTesting
import Pipeline
import Sandbox
import TenureCore
import Testing
import Warehouse

/// The day through the four systems' APIs (the emulators over loopback HTTP): alerts become
/// Salesforce Tasks, and a system that is down leaves the run complete on its last good data.
@Suite("tenure run through the APIs")
struct SandboxRunTests {
    static var policy: RetryPolicy {
        var policy = RetryPolicy()
        policy.baseDelay = .milliseconds(5)
        policy.maximumDelay = .milliseconds(20)
        policy.attempts = 4
        return policy
    }

    @Test func aSystemThatIsDownLeavesTheRunCompleteOnItsLastGoodDataAndAlertsBecomeSalesforceTasks() async throws {
        let bank = try await PipelineFixture.bank.value
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("tenure-pipeline-api-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let store = try await SandboxStore.open(bank: bank, file: root.appendingPathComponent("store.sqlite"))
        let credentials = try SandboxCredentials.generate()
        var serverSettings = SandboxServer.Settings()
        serverSettings.port = 0
        let sandbox = SandboxServer(store: store, credentials: credentials, settings: serverSettings, logger: PipelineFixture.logger)
        let warehouse = try await PipelineFixture.warehouse()
        try await sandbox.application().test(.live) { client in
            let port = try #require(client.port)
            try credentials.writeEnvironment(to: root.appendingPathComponent(".env"), baseURL: "http://127.0.0.1:\(port)")
            let environment = try DotEnv.read(root.appendingPathComponent(".env"))
            try await PipelineFixture.withHTTPClient { http in
                let salesforce = try #require(APISources.connectors(for: [.salesforce], environment: environment, client: http, policy: Self.policy).first as? SalesforceConnector)
                var settings = PipelineSettings()
                settings.alerts.channel = .salesforce
                func run() throws -> DailyRun {
                    var run = try PipelineFixture.dailyRun(project: PipelineFixture.repository, warehouse: warehouse,
                                                           connectors: APISources.connectors(for: SourceSystem.allCases, environment: environment, client: http, policy: Self.policy),
                                                           incremental: true, settings: settings)
                    run.alertChannel = SalesforceTaskChannel(connector: salesforce)
                    return run
                }

                let first = try await run().run()
                #expect(first.status == .succeeded, "\(first.steps.map(\.line))")
                let high = try await warehouse.count("SELECT COUNT(*) AS n FROM gold.churn_predictions WHERE risk_tier = 'HIGH'")
                #expect(high > 0 && first.step(.alerts)?.rows == high)
                // The Tasks are in Salesforce, on the customers' Contacts, each once.
                let tasks = try await Self.alertTasks(salesforce)
                #expect(tasks.count == high)
                #expect(Set(tasks.compactMap { $0["WhoId"] as? String }).count == high, "each Task names a different Contact")
                let ids = try await warehouse.query("SELECT external_id FROM ops.alerts WHERE status = 'sent'").compactMap { $0.string("external_id") }
                #expect(Set(ids) == Set(tasks.compactMap { $0["Id"] as? String }))

                // Salesforce goes down: the run completes with its last good data and says so.
                var faults = FaultSettings()
                faults.down = [.salesforce]
                sandbox.setFaults(faults)
                let down = try await run().run()
                #expect(down.status == .degraded, "\(down.steps.map(\.line))")
                let ingest = try #require(down.step(.ingest))
                #expect(ingest.status == .degraded)
                #expect(ingest.detail.contains("salesforce unavailable") && ingest.detail.contains("HTTP 503") && ingest.detail.contains("using its last good data, landed 20"),
                        "\(ingest.detail)")
                #expect(down.step(.score)?.status == .succeeded && down.step(.score)?.rows ?? 0 > 0, "predictions are still published")
                #expect(down.step(.alerts)?.rows == 0, "nobody is alerted twice")
                #expect(try await warehouse.count("SELECT COUNT(*) AS n FROM ops.pipeline_runs WHERE status = 'degraded' AND summary LIKE '%salesforce unavailable%'") == 1)

                // Two customers' alerts are forgotten (as if they had just become HIGH): with Salesforce
                // down they fail and are recorded; once it is back, the next run delivers them.
                try await warehouse.execute("DELETE FROM ops.alerts WHERE customer_key IN (SELECT customer_key FROM ops.alerts ORDER BY customer_key LIMIT 2)")
                let undelivered = try await run().run()
                #expect(undelivered.status == .degraded)
                #expect(undelivered.step(.alerts)?.status == .failed && undelivered.step(.alerts)?.detail.contains("0 of 2") == true,
                        "\(undelivered.step(.alerts)?.detail ?? "")")
                #expect(try await warehouse.count("SELECT COUNT(*) AS n FROM ops.alerts WHERE status = 'failed'") == 2)
                sandbox.setFaults(FaultSettings())
                let recovered = try await run().run()
                #expect(recovered.status == .succeeded, "\(recovered.steps.map(\.line))")
                #expect(recovered.step(.alerts)?.rows == 2)
                #expect(try await Self.alertTasks(salesforce).count == high + 2)
            }
        }
        try await warehouse.close()
    }

    /// The Tasks Tenure's alerts created, as Salesforce returns them.
    static func alertTasks(_ salesforce: SalesforceConnector) async throws -> [[String: Any]] {
        let entity = try #require(SourceEntity.all.first { $0.bronzeTable == "sf_tasks" })
        var tasks: [[String: Any]] = []
        for try await page in try salesforce.extract(entity, since: "2026-06-01T00:00:00.000+0000") {
            for record in page.records {
                guard let task = try JSONSerialization.jsonObject(with: Data(record.payload)) as? [String: Any],
                      (task["Description"] as? String)?.contains("Tenure alert") == true else { continue }
                tasks.append(task)
            }
        }
        return tasks
    }
}
