import Foundation
import Hummingbird
import HTTPTypes
import HummingbirdTesting
import Pipeline
import TenureCore
import Testing
import Warehouse

/// The bank's day end to end on a small bank: every step recorded, predictions published only
/// when the tests pass, alerts to a real webhook on loopback never repeated within the cool-down.
@Suite("tenure run: the daily pipeline")
struct DailyRunTests {
    /// What the webhook received: each request's headers of interest and JSON body.
    actor Inbox {
        var posts: [(idempotencyKey: String?, body: Data)] = []
        func add(_ key: String?, _ body: Data) { posts.append((key, body)) }
        var count: Int { posts.count }
        var first: (idempotencyKey: String?, body: Data)? { posts.first }
    }

    @Test func theDayRunsEndToEndPublishesOnlyTestedPredictionsAndAlertsOnce() async throws {
        let bank = try await PipelineFixture.bank.value
        let project = try PipelineFixture.project()
        defer { try? FileManager.default.removeItem(at: project) }
        let warehouse = try await PipelineFixture.warehouse()
        let inbox = Inbox()
        let router = Router()
        router.post("/hooks/retention") { request, context -> HTTPResponse.Status in
            let data = try await request.body.collect(upTo: 1 << 20)
            await inbox.add(request.headers[HTTPField.Name("Idempotency-Key")!], Data(buffer: data))
            return .accepted
        }
        try await Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0))).test(.live) { client in
            try await PipelineFixture.withHTTPClient { http in
                let port = try #require(client.port)
                var settings = PipelineSettings()
                settings.reportDirectory = project.appendingPathComponent("report").path
                settings.alerts.channel = .webhook
                settings.alerts.cooldownDays = 30
                func run(now: @escaping @Sendable () -> Date = { Date() }) throws -> DailyRun {
                    var run = try PipelineFixture.dailyRun(project: project, warehouse: warehouse, connectors: PipelineFixture.files(bank), settings: settings)
                    run.alertChannel = try WebhookChannel(url: "http://127.0.0.1:\(port)/hooks/retention", client: http)
                    run.report = { warehouse in
                        let rows = try await warehouse.count("SELECT COUNT(*) AS n FROM gold.churn_predictions")
                        try "\(rows)".write(to: project.appendingPathComponent("report.txt"), atomically: true, encoding: .utf8)
                        return "reported \(rows) predictions"
                    }
                    run.now = now
                    return run
                }

                // Day 1: everything runs, the first model is trained, every HIGH customer is alerted.
                let first = try await run().run()
                #expect(first.status == .succeeded, "\(first.steps.map(\.line))")
                #expect(first.steps.map(\.step) == PipelineStep.allCases)
                #expect(first.steps.allSatisfy { $0.status == .succeeded }, "\(first.steps.map(\.line))")
                #expect(first.step(.train)?.detail.contains("no champion yet") == true)
                let customers = try await warehouse.count("SELECT COUNT(*) AS n FROM gold.churn_predictions")
                #expect(customers > 150 && first.step(.score)?.rows == customers)
                let high = try await warehouse.count("SELECT COUNT(*) AS n FROM gold.churn_predictions WHERE risk_tier = 'HIGH'")
                #expect(high > 0)
                #expect(first.step(.alerts)?.rows == high)
                #expect(await inbox.count == high)
                #expect(try await warehouse.count("SELECT COUNT(*) AS n FROM ops.alerts WHERE status = 'sent'") == high)
                let post = try #require(await inbox.first)
                let body = try #require(try JSONSerialization.jsonObject(with: post.body) as? [String: Any])
                let customer = try #require(body["customer_key"] as? String)
                #expect(post.idempotencyKey == "\(first.runID)-\(customer)")
                #expect((body["reasons"] as? [String])?.isEmpty == false && body["risk_tier"] as? String == "HIGH")
                #expect(!body.keys.contains { $0.contains("email") || $0.contains("phone") || $0.contains("name") }, "no PII leaves in an alert")
                #expect(try String(contentsOf: project.appendingPathComponent("report.txt"), encoding: .utf8) == "\(customers)")
                // Every step is on record with its timing and rows.
                let recorded = try await warehouse.query("SELECT step, status, seconds, rows FROM ops.step_runs WHERE run_id = ? ORDER BY position", [.text(first.runID)])
                #expect(recorded.map { $0.string("step") ?? "" } == PipelineStep.allCases.map(\.rawValue))
                #expect(recorded.allSatisfy { $0.string("status") == "succeeded" && $0.double("seconds") != nil })
                #expect(recorded.first?.int("rows") ?? 0 > 50_000, "ingest records what it landed")

                // Day 2, same data: nothing new lands, the model is not due, nobody is alerted twice.
                let second = try await run().run()
                #expect(second.status == .succeeded, "\(second.steps.map(\.line))")
                #expect(second.step(.ingest)?.rows == 0)
                #expect(second.step(.train)?.status == .skipped && second.step(.train)?.detail.contains("not due (weekly)") == true)
                #expect(second.step(.alerts)?.rows == 0)
                #expect(await inbox.count == high)

                // Outcomes that came in after the champion was trained decide too: pretend it was
                // validated half a year earlier, at a higher AUC than it ranks the later snapshots with.
                let champion = try #require(try await warehouse.query("SELECT model_version, validation_auc, figures FROM ml.model_versions WHERE is_champion = 1").first)
                let figures = try #require(champion.string("figures"))
                let edited = figures.replacing(/"validationCutoffs":\[[^\]]*\]/, with: #""validationCutoffs":["2025-05-01","2025-06-01","2025-07-01"]"#)
                #expect(edited != figures)
                try await warehouse.execute("UPDATE ml.model_versions SET figures = ?, validation_auc = 0.999 WHERE is_champion = 1", [.text(edited)])
                var never = PipelineSettings()
                never.training = .never
                never.retrainOnAUCDrop = 0.01
                let drop = try await TrainingDecision.make(settings: never, warehouse: warehouse)
                #expect(drop.isDue && drop.reason.contains("churn-v1 ranks") && drop.reason.contains("fresh outcomes at ROC AUC") && drop.reason.contains("a drop of"), "\(drop.reason)")
                never.retrainOnAUCDrop = 0.9
                let tolerated = try await TrainingDecision.make(settings: never, warehouse: warehouse)
                #expect(!tolerated.isDue && tolerated.reason.hasPrefix("not due (never); churn-v1 ranks"), "\(tolerated.reason)")
                try await warehouse.execute("UPDATE ml.model_versions SET figures = ?, validation_auc = ? WHERE is_champion = 1",
                                            [.text(figures), .real(champion.double("validation_auc") ?? 0)])
                #expect(try await TrainingDecision.make(settings: settings, warehouse: warehouse).reason == "not due (weekly); churn-v1 stays champion")

                // An analyst's test fails: the run fails and the predictions stay as they were.
                let published = try await warehouse.query("SELECT MAX(scored_at) AS at, COUNT(*) AS n FROM gold.churn_predictions").first
                let failingTest = project.appendingPathComponent("tests/no_named_people.sql")
                try "SELECT customer_key FROM {{ ref('dim_customer') }} WHERE full_name IS NOT NULL".write(to: failingTest, atomically: true, encoding: .utf8)
                let failing = try await run().run()
                #expect(failing.status == .failed)
                #expect(failing.step(.build)?.status == .failed && failing.step(.build)?.detail.contains("failing error tests: no_named_people") == true,
                        "\(failing.steps.map(\.line))")
                for step in [PipelineStep.train, .score, .report, .alerts] {
                    #expect(failing.step(step)?.status == .skipped && failing.step(step)?.detail.contains("no new predictions are published") == true)
                }
                let kept = try await warehouse.query("SELECT MAX(scored_at) AS at, COUNT(*) AS n FROM gold.churn_predictions").first
                #expect(kept?.string("at") == published?.string("at") && kept?.int("n") == published?.int("n"))
                #expect(await inbox.count == high)
                #expect(try await warehouse.count("SELECT COUNT(*) AS n FROM ops.pipeline_runs WHERE status = 'failed' AND summary LIKE '%no_named_people%'") == 1)

                // A month later, fixed: the weekly training is due, and customers still HIGH are alerted again.
                try FileManager.default.removeItem(at: failingTest)
                let later = try await run(now: { Date().addingTimeInterval(31 * 86_400) }).run()
                #expect(later.status == .succeeded, "\(later.steps.map(\.line))")
                #expect(later.step(.train)?.status == .succeeded && later.step(.train)?.detail.contains("weekly: last trained 31 days ago") == true)
                let stillHigh = try await warehouse.count("SELECT COUNT(*) AS n FROM gold.churn_predictions WHERE risk_tier = 'HIGH'")
                #expect(later.step(.alerts)?.rows == stillHigh)
                #expect(await inbox.count == high + stillHigh)
                #expect(try await warehouse.count("SELECT COUNT(*) AS n FROM ops.pipeline_runs") == 4)

                // The warehouse itself fails under ingestion (a bronze table replaced by hand): that is
                // no source outage to work around with last good data, so the run fails and publishes nothing.
                let before = try await warehouse.query("SELECT MAX(scored_at) AS at FROM gold.churn_predictions").first?.string("at")
                try await warehouse.execute("DROP TABLE bronze.erp_customers")
                try await warehouse.execute("CREATE TABLE bronze.erp_customers (note TEXT)")
                let broken = try await run(now: { Date().addingTimeInterval(32 * 86_400) }).run()
                #expect(broken.status == .failed, "\(broken.steps.map(\.line))")
                let ingest = try #require(broken.step(.ingest))
                #expect(ingest.status == .failed && ingest.detail.contains("the warehouse failed while landing erpnext"), "\(ingest.detail)")
                #expect(!ingest.detail.contains("unavailable"), "\(ingest.detail)")
                #expect(broken.step(.score)?.status == .skipped && broken.step(.alerts)?.status == .skipped)
                #expect(try await warehouse.query("SELECT MAX(scored_at) AS at FROM gold.churn_predictions").first?.string("at") == before)
            }
        }
        try await warehouse.close()
    }

    @Test func aSecondRunWaitsForTheFirstAndAStoppedOneIsTakenOver() async throws {
        let project = try PipelineFixture.project()
        defer { try? FileManager.default.removeItem(at: project) }
        let warehouse = try await PipelineFixture.warehouse()
        let lock = RunLock(warehouse)
        #expect(try await lock.acquire(for: "run-a", at: Date()) == nil)
        // Another run while run-a is in progress (this very process) is refused, saying who holds it.
        let bank = try await PipelineFixture.bank.value
        let refused = try PipelineFixture.dailyRun(project: project, warehouse: warehouse, connectors: PipelineFixture.files(bank))
        await #expect(throws: PipelineError.self) { _ = try await refused.run() }
        do { _ = try await refused.run() } catch { #expect("\(error)".contains("run run-a is in progress")) }
        #expect(try await lock.holder()?.runID == "run-a")
        try await lock.release("run-a")
        #expect(try await lock.holder() == nil)
        #expect(try await lock.acquire(for: "run-b", at: Date()) == nil)
        try await lock.release("run-b")
        try await warehouse.close()
    }
}
