import Access
import ChurnForecast
import Connectors
import Dashboard
import Foundation
import Hummingbird
import HummingbirdTesting
import Ingestion
import Logging
import Pipeline
import Scheduling
import Simulator
import TenureCore
import Testing
import Transform
import Unification
import Warehouse

/// The dashboard driven in-process and over loopback, for each role, on a small simulated bank
/// built and scored once into a SQLite warehouse.
@Suite("Dashboard", .serialized)
struct DashboardTests {
    static let logger = Logger(label: "tenure.dashboard.tests") { _ in SwiftLogNoOpLogHandler() }
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let password = "correct horse battery staple"

    /// A warehouse with the bank built, a champion model, predictions and one user per role.
    static let built = Task<URL, any Error> {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("tenure-dashboard-\(UUID().uuidString)")
        let bank = root.appendingPathComponent("bank")
        _ = try BankGenerator(specification: try BankSpecification(customers: 300, seed: 42)).generate(into: bank)
        let folder = root.appendingPathComponent("warehouse")
        let warehouse = try await openWarehouse(WarehouseLocation(parsing: "sqlite:" + folder.path), logger: logger)
        // The bank's day, as `tenure run` runs it: ingest, resolve, build, train, score.
        let configuration = TenureConfiguration(projectDirectory: repository)
        let models = try CustomerUnification.models() + ChurnForecast.models(settings: configuration.churn)
        var day = DailyRun(configuration: configuration, warehouse: warehouse,
                           connectors: SourceSystem.allCases.map { FileConnector(system: $0, directory: bank) }, incremental: false,
                           project: try Project.load(from: repository, swiftModels: models), swiftModels: models,
                           progress: LogProgress(logger: logger), logger: logger)
        day.trainingThreads = 1
        let result = try await day.run()
        guard result.status == .succeeded else { throw PipelineError("the fixture's pipeline run \(result.status): \(result.steps.map(\.line))") }
        let access = AccessStore(warehouse: warehouse, logger: logger)
        try await access.prepare()
        for role in Role.allCases { try await access.addUser(role.rawValue.replacingOccurrences(of: "_", with: "-"), role: role, password: password) }
        // A note a relationship manager pasted a script into: it must show as text.
        try await warehouse.execute("""
            UPDATE silver.fct_customer_notes SET note = '<script>alert(1)</script> wants to close' WHERE note_id =
              (SELECT MIN(note_id) FROM silver.fct_customer_notes WHERE customer_key = (SELECT customer_key FROM gold.churn_predictions ORDER BY churn_probability DESC LIMIT 1))
            """)
        try await warehouse.close()
        return folder
    }

    /// Runs `body` against a fresh copy of the built warehouse.
    static func withServer(_ test: TestingSetup = .router, _ body: @escaping @Sendable (any TestClientProtocol, any Warehouse) async throws -> Void) async throws {
        let source = try await built.value
        let copy = source.deletingLastPathComponent().appendingPathComponent("copy-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: source, to: copy)
        defer { try? FileManager.default.removeItem(at: copy) }
        let warehouse = try await openWarehouse(WarehouseLocation(parsing: "sqlite:" + copy.path), logger: logger)
        var settings = DashboardServer.Settings()
        settings.port = 0
        settings.scheduledRuns = ScheduledRuns(schedule: try CronSchedule("0 0 7 * * ?", timeZone: TimeZone(identifier: "Europe/Berlin")!),
                                               clock: FixedClock(), logger: logger) { _ in }
        let project = try Project.load(from: repository, swiftModels: try CustomerUnification.models() + ChurnForecast.models(settings: ChurnSettings()))
        let server = DashboardServer(warehouse: warehouse, access: AccessStore(warehouse: warehouse, logger: logger),
                                     lineage: Lineage(project: project, models: project.order), settings: settings, logger: logger)
        do {
            try await server.application().test(test) { client in try await body(client, warehouse) }
        } catch {
            try? await warehouse.close()
            throw error
        }
        try await warehouse.close()
    }

    /// Signs in as `username` and returns the session cookie.
    static func signIn(_ client: some TestClientProtocol, as username: String, password: String = DashboardTests.password) async throws -> String? {
        let form = try await client.execute(uri: "/login", method: .get)
        let csrf = try #require(cookie("tenure_login", in: form))
        let response = try await client.execute(uri: "/login", method: .post,
                                                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "tenure_login=\(csrf)"],
                                                body: ByteBuffer(string: "csrf=\(csrf)&username=\(username)&password=\(password.replacingOccurrences(of: " ", with: "+"))"))
        return cookie("tenure_session", in: response)
    }

    static func cookie(_ name: String, in response: TestResponse) -> String? {
        for field in response.headers where field.name == .setCookie {
            let pair = field.value.split(separator: ";").first.map(String.init) ?? ""
            if pair.hasPrefix(name + "="), pair.count > name.count + 1 { return String(pair.dropFirst(name.count + 1)) }
        }
        return nil
    }

    static func get(_ client: some TestClientProtocol, _ uri: String, session: String?) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get, headers: session.map { [.cookie: "tenure_session=\($0)"] } ?? [:])
    }

    /// The CSRF token a page's forms carry.
    static func csrfToken(in page: String) -> String? {
        page.range(of: "name=\"csrf\" value=\"").map { String(page[$0.upperBound...].prefix { $0 != "\"" }) }
    }

    static func riskiest(_ warehouse: any Warehouse) async throws -> (key: String, email: String) {
        let row = try #require(try await warehouse.query("""
            SELECT p.customer_key, c.email FROM gold.churn_predictions p JOIN gold.customer_360 c ON c.customer_key = p.customer_key
            WHERE c.email IS NOT NULL ORDER BY p.churn_probability DESC LIMIT 1
            """).first)
        return (row.string("customer_key") ?? "", row.string("email") ?? "")
    }

    @Test func strangersAreSentToSignIn() async throws {
        try await Self.withServer { client, _ in
            for path in ["/", "/at-risk", "/customers/x", "/audit", "/data-health", "/campaigns", "/runs", "/runs/x", "/lineage"] {
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.status == .found && response.headers[.location] == "/login", "\(path)")
            }
            for path in ["/api/overview", "/api/trends", "/api/data-health", "/api/runs", "/api/lineage"] {
                #expect(try await client.execute(uri: path, method: .get).status == .unauthorized, "\(path)")
            }
            #expect(try await client.execute(uri: "/api/at-risk", method: .get, headers: [.authorization: "Bearer tnr_forged"]).status == .unauthorized)
            #expect(try await Self.signIn(client, as: "analyst", password: "wrong password here") == nil)
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
        }
    }

    @Test func everyRoleSeesItsPagesAndOnlyThem() async throws {
        try await Self.withServer { client, warehouse in
            let customer = try await Self.riskiest(warehouse)
            let expectations: [(user: String, admin: Bool, health: Bool, pii: Bool)] = [
                ("admin", true, true, true), ("engineer", false, true, false), ("analyst", false, false, false), ("retention-agent", false, false, true),
            ]
            for expectation in expectations {
                let session = try #require(try await Self.signIn(client, as: expectation.user), "\(expectation.user) signs in")
                for path in ["/", "/?by=product", "/at-risk", "/campaigns", "/lineage", "/customers/\(customer.key)", "/api/overview",
                             "/api/trends?by=region", "/api/lineage", "/api/at-risk", "/api/customers/\(customer.key)"] {
                    let response = try await Self.get(client, path, session: session)
                    #expect(response.status == .ok, "\(expectation.user) \(path): \(response.status)")
                    #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
                }
                #expect(try await Self.get(client, "/audit", session: session).status == (expectation.admin ? .ok : .forbidden))
                for path in ["/data-health", "/runs", "/api/data-health", "/api/runs"] {
                    #expect(try await Self.get(client, path, session: session).status == (expectation.health ? .ok : .forbidden), "\(expectation.user) \(path)")
                }
                let page = String(buffer: try await Self.get(client, "/customers/\(customer.key)", session: session).body)
                #expect(page.contains(customer.email) == expectation.pii, "\(expectation.user) sees the e-mail: \(expectation.pii)")
                #expect(page.contains("@") && page.contains("Churn risk"))
                let list = String(buffer: try await Self.get(client, "/at-risk", session: session).body)
                #expect(list.contains("•••@") != expectation.pii, "\(expectation.user): masked list")
                #expect(list.contains("Download CSV"))
            }
            // Only the views of roles granted PII are audited: admin and retention agent.
            let audited = try await AccessStore(warehouse: warehouse, logger: Self.logger).audit(customerKey: customer.key)
            #expect(Set(audited.map(\.username)) == ["admin", "retention-agent"])
            #expect(audited.allSatisfy { $0.page.contains(customer.key) })
        }
    }

    @Test func outputIsEscapedAndFormsNeedTheirCSRFToken() async throws {
        try await Self.withServer { client, warehouse in
            let customer = try await Self.riskiest(warehouse)
            let session = try #require(try await Self.signIn(client, as: "retention-agent"))
            let page = String(buffer: try await Self.get(client, "/customers/\(customer.key)", session: session).body)
            #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; wants to close"))
            #expect(!page.contains("<script"))
            let token = try #require(Self.csrfToken(in: page))
            let headers: HTTPFields = [.cookie: "tenure_session=\(session)", .contentType: "application/x-www-form-urlencoded"]
            let forged = try await client.execute(uri: "/customers/\(customer.key)/outreach", method: .post, headers: headers,
                                                  body: ByteBuffer(string: "outcome=contacted&offer=fee+waiver"))
            #expect(forged.status == .forbidden)
            let saved = try await client.execute(uri: "/customers/\(customer.key)/outreach", method: .post, headers: headers,
                                                 body: ByteBuffer(string: "csrf=\(token)&outcome=contacted&offer=fee+waiver"))
            #expect(saved.status == .seeOther)
            let logged = try await warehouse.query("SELECT agent, outcome, offer, risk_tier FROM ops.retention_outreach WHERE customer_key = ?", [.text(customer.key)])
            #expect(logged.count == 1 && logged.first?.string("offer") == "fee waiver" && logged.first?.string("risk_tier") != nil)
            let list = String(buffer: try await Self.get(client, "/at-risk", session: session).body)
            #expect(list.contains("contacted — fee waiver"))
            // The owner filter: the agent who logged the outreach owns that customer, and only that one.
            let owned = String(buffer: try await Self.get(client, "/at-risk?owner=retention-agent", session: session).body)
            #expect(owned.contains("<p>1 customer.") && owned.contains("/customers/\(customer.key)") && owned.contains("<option value=\"retention-agent\" selected>"))
            // An analyst may not log outreach, even with a valid token of their own.
            let analyst = try #require(try await Self.signIn(client, as: "analyst"))
            let analystPage = String(buffer: try await Self.get(client, "/", session: analyst).body)
            let analystToken = try #require(Self.csrfToken(in: analystPage))
            let refused = try await client.execute(uri: "/customers/\(customer.key)/outreach", method: .post,
                                                   headers: [.cookie: "tenure_session=\(analyst)", .contentType: "application/x-www-form-urlencoded"],
                                                   body: ByteBuffer(string: "csrf=\(analystToken)&outcome=contacted"))
            #expect(refused.status == .forbidden)
            #expect(!String(buffer: refused.body).contains("Error(") && !String(buffer: refused.body).contains(".swift"))
        }
    }

    @Test func theAPIAnswersBearerTokensWithMaskedPII() async throws {
        try await Self.withServer { client, warehouse in
            let access = AccessStore(warehouse: warehouse, logger: Self.logger)
            let token = try await access.createToken(for: "analyst", label: "tests")
            let response = try await client.execute(uri: "/api/at-risk?tier=HIGH", method: .get, headers: [.authorization: "Bearer \(token)"])
            #expect(response.status == .ok)
            let entries = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [[String: Any]])
            #expect(!entries.isEmpty && entries.allSatisfy { $0["tier"] as? String == "HIGH" })
            #expect(entries.compactMap { $0["email"] as? String }.allSatisfy { $0.contains("•••@") })
            let predicted = try await warehouse.query("SELECT COUNT(*) AS n FROM gold.churn_predictions WHERE risk_tier = 'HIGH'").first?.int("n")
            #expect(entries.count == predicted)
            let csv = try await client.execute(uri: "/at-risk.csv?tier=HIGH", method: .get, headers: [.authorization: "Bearer \(token)"])
            #expect(String(buffer: csv.body).split(separator: "\n").count == entries.count + 1)
            // Filters: a reason (any of the three), a page limit, and an export that is never cut short.
            let reason = try #require(try await warehouse.query("SELECT reason_1_feature AS f FROM gold.churn_predictions GROUP BY 1 ORDER BY COUNT(*) DESC LIMIT 1").first?.string("f"))
            let byReason = try await client.execute(uri: "/api/at-risk?tier=ALL&reason=\(reason)", method: .get, headers: [.authorization: "Bearer \(token)"])
            let reasonEntries = try #require(try JSONSerialization.jsonObject(with: Data(buffer: byReason.body)) as? [[String: Any]])
            let withReason = try await warehouse.query("""
                SELECT COUNT(*) AS n FROM gold.churn_predictions WHERE ? IN (reason_1_feature, reason_2_feature, reason_3_feature)
                """, [.text(reason)]).first?.int("n")
            #expect(reasonEntries.count == withReason && (withReason ?? 0) > 0)
            let page = try await client.execute(uri: "/api/at-risk?tier=ALL&limit=10", method: .get, headers: [.authorization: "Bearer \(token)"])
            #expect((try JSONSerialization.jsonObject(with: Data(buffer: page.body)) as? [Any])?.count == 10)
            // Paging: the second page of ten is the 11th to 20th of the list, with links both ways.
            func keys(_ uri: String) async throws -> [String] {
                let answer = try await client.execute(uri: uri, method: .get, headers: [.authorization: "Bearer \(token)"])
                return (try JSONSerialization.jsonObject(with: Data(buffer: answer.body)) as? [[String: Any]] ?? []).compactMap { $0["customerKey"] as? String }
            }
            let twenty = try await keys("/api/at-risk?tier=ALL&limit=20")
            #expect(try await keys("/api/at-risk?tier=ALL&limit=10&offset=10") == Array(twenty.suffix(10)) && twenty.count == 20)
            let second = String(buffer: try await client.execute(uri: "/at-risk?tier=ALL&limit=10&offset=10", method: .get,
                                                                 headers: [.authorization: "Bearer \(token)"]).body)
            #expect(second.contains("Customers 11–20 of") && second.contains("offset=0\">Previous 10") && second.contains("offset=20\">Next 10"))
            let everyone = try await warehouse.query("SELECT COUNT(*) AS n FROM gold.churn_predictions").first?.int("n") ?? 0
            let export = try await client.execute(uri: "/at-risk.csv?tier=ALL", method: .get, headers: [.authorization: "Bearer \(token)"])
            #expect(String(buffer: export.body).split(separator: "\n").count == everyone + 1 && everyone > 10)
            let missing = try await client.execute(uri: "/api/customers/nobody", method: .get, headers: [.authorization: "Bearer \(token)"])
            #expect(missing.status == .notFound && String(buffer: missing.body).contains("\"error\""))
        }
    }

    @Test func trendsAddUpToTheWarehouse() async throws {
        try await Self.withServer { client, warehouse in
            let session = try #require(try await Self.signIn(client, as: "analyst"))
            for split in ["segment", "region", "branch", "product"] {
                let response = try await Self.get(client, "/api/trends?by=\(split)", session: session)
                let trends = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                #expect(trends["breakdown"] as? String == split)
                func total(_ key: String) -> Int { (trends[key] as? [[String: Any]] ?? []).compactMap { $0["count"] as? Int }.reduce(0, +) }
                let months = Set((trends["churned"] as? [[String: Any]] ?? []).compactMap { $0["month"] as? String })
                let churned = try await warehouse.query("SELECT SUBSTR(churned_on, 1, 7) AS month FROM gold.customer_360 WHERE churned_on IS NOT NULL")
                #expect(months.count <= 12 && total("churned") == churned.filter { months.contains($0.string("month") ?? "") }.count, "\(split)")
                let high = try await warehouse.query("SELECT COUNT(*) AS n FROM gold.churn_risk_history WHERE risk_tier = 'HIGH'").first?.int("n")
                #expect(total("highRisk") == high && (high ?? 0) > 0, "\(split): every snapshot month is shown")
                let today = (trends["riskToday"] as? [[String: Any]] ?? []).compactMap { $0["high"] as? Int }.reduce(0, +)
                #expect(today == (try await warehouse.query("SELECT COUNT(*) AS n FROM gold.churn_predictions WHERE risk_tier = 'HIGH'").first?.int("n")))
            }
            #expect(try await Self.get(client, "/api/trends?by=shoe_size", session: session).status == .badRequest)
            let branches = String(buffer: try await Self.get(client, "/?by=branch", session: session).body)
            // Ten branches: the five largest are drawn and the rest summed as "other".
            #expect(branches.contains("Customers who left, by month and branch") && branches.contains(">other<"))
            let customer = try await Self.riskiest(warehouse)
            let profile = String(buffer: try await Self.get(client, "/customers/\(customer.key)", session: session).body)
            #expect(profile.contains("Churn probability at each month start"))
        }
    }

    @Test func dataHealthRunsAndLineageShowTheWarehouse() async throws {
        try await Self.withServer { client, warehouse in
            try await warehouse.execute("""
                INSERT INTO bronze._quarantine (batch_id, source_system, entity, bronze_table, record_number, reason, quarantined_at)
                VALUES ('b1', 'salesforce', 'Case', 'sf_cases', 7, 'not a JSON object: <tr>', '2026-01-31T00:00:00Z')
                """)
            try await warehouse.execute("""
                INSERT INTO ops.schema_changes (batch_id, source_system, bronze_table, column_name, change, detected_at)
                VALUES ('b1', 'supabase', 'sb_app_sessions', 'os_version', 'added', '2026-01-31T00:00:00Z')
                """)
            let session = try #require(try await Self.signIn(client, as: "engineer"))
            let health = String(buffer: try await Self.get(client, "/data-health", session: session).body)
            #expect(health.contains("not a JSON object: &lt;tr&gt;") && health.contains("os_version") && health.contains("Entity resolution"))
            let json = try #require(try JSONSerialization.jsonObject(with: Data(buffer: try await Self.get(client, "/api/data-health", session: session).body)) as? [String: Any])
            let tests = try await warehouse.query("SELECT COUNT(DISTINCT test_name) AS n FROM ops.test_results").first?.int("n")
            #expect((json["tests"] as? [Any])?.count == tests && (tests ?? 0) > 100)
            let people = try await warehouse.query("SELECT COUNT(DISTINCT customer_key) AS n FROM silver.customer_xref").first?.int("n")
            #expect((json["resolution"] as? [String: Any])?["people"] as? Int == people)

            let runs = try #require(try JSONSerialization.jsonObject(with: Data(buffer: try await Self.get(client, "/api/runs", session: session).body)) as? [[String: Any]])
            let first = try #require(runs.last, "the fixture's builds are listed")
            let models = try await warehouse.query("SELECT COUNT(*) AS n FROM ops.model_runs WHERE run_id = ?", [.text(first["runID"] as? String ?? "")]).first?.int("n")
            #expect(first["built"] as? Int == models && (models ?? 0) >= 10 && first["failed"] as? Int == 0)
            let runID = try #require(first["runID"] as? String)
            let runPage = String(buffer: try await Self.get(client, "/runs/\(runID)", session: session).body)
            #expect(runPage.contains("The slowest steps") && runPage.contains("customer_xref"))
            #expect(try await Self.get(client, "/runs/no-such-run", session: session).status == .notFound)

            // The fixture's pipeline run, its steps, and the next scheduled run.
            let pipeline = try #require(try JSONSerialization.jsonObject(with: Data(buffer: try await Self.get(client, "/api/pipeline", session: session).body)) as? [String: Any])
            #expect(pipeline["next_run"] as? String == "2026-11-28T06:00:00Z" && pipeline["schedule"] as? String == "0 0 7 * * ? (Europe/Berlin)")
            let pipelineRun = try #require((pipeline["runs"] as? [[String: Any]])?.first)
            #expect(pipelineRun["status"] as? String == "succeeded")
            let steps = (pipelineRun["steps"] as? [[String: Any]] ?? []).map { "\($0["step"] as? String ?? ""):\($0["status"] as? String ?? "")" }
            #expect(steps == ["ingest:succeeded", "resolve:succeeded", "build:succeeded", "train:succeeded", "score:succeeded", "report:skipped", "alerts:skipped"])
            let pipelineID = try #require(pipelineRun["run_id"] as? String)
            let runsPage = String(buffer: try await Self.get(client, "/runs", session: session).body)
            #expect(runsPage.contains("Next pipeline run: 2026-11-28 07:00 GMT+1 (0 0 7 * * ?)") && runsPage.contains(pipelineID))
            let stepsPage = String(buffer: try await Self.get(client, "/runs/\(pipelineID)", session: session).body)
            #expect(stepsPage.contains("Seconds per step") && stepsPage.contains("customers scored"))
            let overview = String(buffer: try await Self.get(client, "/", session: session).body)
            #expect(overview.contains("Next pipeline run: 2026-11-28 07:00 GMT+1"))

            // Prometheus metrics: the same figures, in the exposition format.
            let metrics = String(buffer: try await Self.get(client, "/metrics", session: session).body)
            let high = try await warehouse.query("SELECT COUNT(*) AS n FROM gold.churn_predictions WHERE risk_tier = 'HIGH'").first?.int("n") ?? -1
            #expect(metrics.contains("# TYPE tenure_predictions gauge") && metrics.contains("tenure_predictions{tier=\"HIGH\"} \(high)\n"))
            #expect(metrics.contains("tenure_rows{layer=\"gold\",model=\"customer_360\"} 300\n") && metrics.contains("tenure_source_age_seconds{source=\"erpnext\"}"))
            #expect(metrics.contains("tenure_data_tests{severity=\"error\",status=\"fail\"} 0\n"))
            #expect(metrics.contains("tenure_pipeline_next_run_timestamp_seconds 1795845600\n"))
            #expect(metrics.contains("tenure_pipeline_last_run_status{status=\"succeeded\"} 1\n"))
            #expect(metrics.contains("tenure_pipeline_step_rows{step=\"score\"} \(try await warehouse.query("SELECT COUNT(*) AS n FROM gold.churn_predictions").first?.int("n") ?? -1)\n"))
            #expect(metrics.contains("tenure_pipeline_step_duration_seconds{stat"))
            let analyst = try #require(try await Self.signIn(client, as: "analyst"))
            #expect(try await Self.get(client, "/metrics", session: analyst).status == .forbidden)
            let lineage = try #require(try JSONSerialization.jsonObject(with: Data(buffer: try await Self.get(client, "/api/lineage", session: session).body)) as? [String: Any])
            let edges = (lineage["edges"] as? [[String: String]] ?? []).map { "\($0["from"] ?? "") -> \($0["to"] ?? "")" }
            #expect(edges.contains("gold.churn_features -> gold.churn_risk_history") && edges.contains("bronze.sf_cases -> silver.fct_complaints"))
            let page = String(buffer: try await Self.get(client, "/lineage", session: session).body)
            #expect(page.contains("<svg") && page.contains("marker-end") && page.contains("gold.customer_360 (table)"))
        }
    }

    @Test func repeatedWrongPasswordsAreThrottled() async throws {
        try await Self.withServer { client, _ in
            for _ in 0..<5 { #expect(try await Self.signIn(client, as: "admin", password: "not the password") == nil) }
            let form = try await client.execute(uri: "/login", method: .get)
            let csrf = try #require(Self.cookie("tenure_login", in: form))
            let locked = try await client.execute(uri: "/login", method: .post,
                                                  headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "tenure_login=\(csrf)"],
                                                  body: ByteBuffer(string: "csrf=\(csrf)&username=admin&password=correct+horse+battery+staple"))
            #expect(locked.status == .tooManyRequests)
        }
    }

    @Test func servesOverLoopback() async throws {
        try await Self.withServer(.live) { client, _ in
            let session = try #require(try await Self.signIn(client, as: "admin"))
            let overview = try await Self.get(client, "/", session: session)
            #expect(overview.status == .ok)
            let text = String(buffer: overview.body)
            #expect(text.contains("<svg") && text.contains("Balance at risk") && text.contains("Customers at risk today, by segment"))
            #expect(try await Self.get(client, "/static/tenure.css", session: nil).status == .ok)
        }
    }
}

/// `tenure report`'s file: self-contained, escaped, masked.
@Suite("Executive report")
struct ExecutiveReportTests {
    @Test func theReportIsOneSelfContainedFileAndAMaskedList() async throws {
        try await DashboardTests.withServer { _, warehouse in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tenure-report-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let written = try await ExecutiveReport(warehouse).write(to: folder)
            let html = try String(contentsOf: written.html, encoding: .utf8)
            #expect(html.contains("<style>") && html.contains("<svg") && html.contains("The 50 riskiest customers") && html.contains("bank rule"))
            #expect(!html.contains("<link") && !html.contains("<script") && !html.contains("<form"))
            #expect(html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").range(of: "http") == nil)
            let lines = try String(contentsOf: written.csv, encoding: .utf8).split(separator: "\n")
            let atRisk = try await warehouse.query("SELECT COUNT(*) AS n FROM gold.churn_predictions WHERE risk_tier IN ('HIGH', 'MEDIUM')").first?.int("n")
            #expect(lines.count == (atRisk ?? -1) + 1 && written.customers == atRisk)
            let emails = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false)[2] }.filter { !$0.isEmpty }
            #expect(!emails.isEmpty && emails.allSatisfy { $0.contains("•••@") })
        }
    }
}

/// The scheduler's clock stopped at noon UTC on 27 November 2026, so the next run is known.
struct FixedClock: ScheduleClock {
    func now() -> Date { Date(timeIntervalSince1970: 1_795_780_800) }
    func sleep(until time: Date) async throws { try await Task.sleep(for: .seconds(3600)) }
}
