import Access
import ChurnForecast
import Connectors
import Dashboard
import Foundation
import Hummingbird
import HummingbirdTesting
import Ingestion
import Logging
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
        _ = await Ingestor(warehouse: warehouse, logger: logger).ingest(SourceSystem.allCases.map { FileConnector(system: $0, directory: bank) })
        let settings = ChurnSettings()
        let models = try CustomerUnification.models() + ChurnForecast.models(settings: settings)
        let runner = ProjectRunner(project: try Project.load(from: repository, swiftModels: models), warehouse: warehouse, swiftModels: models, logger: logger)
        _ = try await runner.build(.all)
        let result = try await ChurnTraining(settings: settings, threads: 1).run(on: warehouse)
        _ = try await ModelRegistry(warehouse).register(result, settings: settings, startedAt: Date())
        _ = try await runner.build(Selection("churn_predictions"))
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
        let server = DashboardServer(warehouse: warehouse, access: AccessStore(warehouse: warehouse, logger: logger), settings: settings, logger: logger)
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
            for path in ["/", "/at-risk", "/customers/x", "/audit", "/data-health", "/campaigns"] {
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.status == .found && response.headers[.location] == "/login", "\(path)")
            }
            #expect(try await client.execute(uri: "/api/overview", method: .get).status == .unauthorized)
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
                for path in ["/", "/at-risk", "/campaigns", "/customers/\(customer.key)", "/api/overview", "/api/at-risk", "/api/customers/\(customer.key)"] {
                    let response = try await Self.get(client, path, session: session)
                    #expect(response.status == .ok, "\(expectation.user) \(path): \(response.status)")
                    #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
                }
                #expect(try await Self.get(client, "/audit", session: session).status == (expectation.admin ? .ok : .forbidden))
                #expect(try await Self.get(client, "/data-health", session: session).status == (expectation.health ? .ok : .forbidden))
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
            let missing = try await client.execute(uri: "/api/customers/nobody", method: .get, headers: [.authorization: "Bearer \(token)"])
            #expect(missing.status == .notFound && String(buffer: missing.body).contains("\"error\""))
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
            #expect(text.contains("<svg") && text.contains("Balance at risk") && text.contains("HIGH-risk customers by branch"))
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
