import Access
import ChurnForecast
import Foundation
import Hummingbird
import Logging
import Pipeline
import TenureCore
import Transform
import Warehouse

/// The executive dashboard and retention workbench as a Hummingbird application: HTML pages
/// and a JSON API over the warehouse, behind sign-in, with PII masked by role and every view of
/// a customer's PII written to the audit log.
public struct DashboardServer: Sendable {
    /// Where to listen and how to behave.
    public struct Settings: Sendable {
        /// The address to bind: loopback by default, so nothing is exposed by accident.
        public var host = "127.0.0.1"
        /// The port.
        public var port = 8080
        /// Whether cookies are marked Secure (behind TLS); off for plain loopback HTTP.
        public var secureCookies = false
        /// How long a sign-in lasts.
        public var sessionLifetime: Duration = .seconds(8 * 3600)
        /// The pipeline's schedule when this process runs it (`tenure serve --schedule`), for the
        /// next run time on the overview, the runs page and `/metrics`.
        public var scheduledRuns: ScheduledRuns?

        /// The defaults.
        public init() {}
    }

    let warehouse: any Warehouse
    let access: AccessStore
    let throttle: LoginThrottle
    let lineage: Lineage?
    let settings: Settings
    let logger: Logger

    /// A server over `warehouse`, its users and audit log in `access`, showing the project's `lineage`.
    public init(warehouse: any Warehouse, access: AccessStore, throttle: LoginThrottle = LoginThrottle(), lineage: Lineage? = nil,
                settings: Settings = Settings(), logger: Logger) {
        self.warehouse = warehouse
        self.access = access
        self.throttle = throttle
        self.lineage = lineage
        self.settings = settings
        self.logger = logger
    }

    /// The application, ready to run or to test.
    public func application() -> some ApplicationProtocol {
        Application(router: router(), configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "Tenure"),
                    logger: logger)
    }

    /// The routes, behind the middleware that secures them.
    func router() -> Router<DashboardRequestContext> {
        let router = Router(context: DashboardRequestContext.self)
        router.add(middleware: SafeResponses(logger: logger))
        router.add(middleware: Authentication(access: access))
        router.get("/healthz") { _, _ in "ok" }
        router.get("/static/tenure.css") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=3600"],
                     body: .init(byteBuffer: ByteBuffer(string: Stylesheet.css)))
        }
        addSignIn(to: router)
        addPages(to: router)
        addAPI(to: router)
        return router
    }

    // MARK: sign in and out

    private func addSignIn(to router: Router<DashboardRequestContext>) {
        router.get("/login") { request, context in
            let token = request.cookies[Authentication.loginCSRFCookie]?.value ?? Secret.random()
            var response = html(LoginPage(csrfToken: token, message: nil).page.html)
            response.setCookie(cookie(Authentication.loginCSRFCookie, token, maxAge: 3600))
            return response
        }
        router.post("/login") { request, context -> Response in
            let form = try await Form.read(request)
            let token = request.cookies[Authentication.loginCSRFCookie]?.value
            guard let token, form["csrf"] == token else { throw HTTPError(.forbidden, message: "The form expired; open the sign-in page again.") }
            let username = form["username"] ?? "", password = form["password"] ?? ""
            guard throttle.allows(username: username, ip: context.clientAddress) else {
                return html(LoginPage(csrfToken: token, message: "Too many attempts; try again in a few minutes.").page.html, status: .tooManyRequests)
            }
            guard let user = try await access.authenticate(username: username, password: password) else {
                throttle.recordFailure(username: username, ip: context.clientAddress)
                logger.notice("sign-in refused", metadata: ["address": "\(context.clientAddress)"])
                return html(LoginPage(csrfToken: token, message: "Wrong user name or password.").page.html, status: .unauthorized)
            }
            throttle.recordSuccess(username: username, ip: context.clientAddress)
            let session = try await access.startSession(for: user, ip: context.clientAddress, lifetime: settings.sessionLifetime)
            var response = Response.redirect(to: "/", type: .found)
            response.setCookie(cookie(Authentication.sessionCookie, session.sessionID, maxAge: Int(settings.sessionLifetime.components.seconds)))
            return response
        }
        router.post("/logout") { request, context -> Response in
            let form = try await Form.read(request)
            try Authentication.requireCSRF(form, context)
            if let id = request.cookies[Authentication.sessionCookie]?.value { try await access.endSession(id) }
            var response = Response.redirect(to: "/login", type: .found)
            response.setCookie(cookie(Authentication.sessionCookie, "", maxAge: 0))
            return response
        }
    }

    // MARK: pages

    private func addPages(to router: Router<DashboardRequestContext>) {
        router.get("/") { request, context in
            let viewer = try context.requireViewer()
            let queries = DashboardQueries(warehouse)
            var page = OverviewPage(overview: try await queries.overview(), trends: try await queries.trends(by: try Self.breakdown(request)))
            page.nextRun = nextRunText()
            return html(page.page(for: viewer).html)
        }
        router.get("/at-risk") { request, context in
            let viewer = try context.requireViewer()
            let query = Self.query(request)
            var filter = AtRiskList.Filter(query: query)
            // A page of the workbench shows 100; the API's default stays 500.
            if query["limit"] == nil { filter.limit = 100 }
            let list = try await AtRiskList(warehouse).page(filter)
            let page = AtRiskPage(entries: list.entries, total: list.total, filter: filter, choices: list.choices)
            try await auditListView(viewer, page: "/at-risk", context: context, request: request)
            return html(page.page(for: viewer).html)
        }
        router.get("/at-risk.csv") { request, context in
            let viewer = try context.requireViewer()
            let query = Self.query(request)
            var filter = AtRiskList.Filter(query: query)
            if query["limit"] == nil { filter.limit = nil }  // an export is the whole list
            let entries = try await AtRiskList(warehouse).entries(filter)
            try await auditListView(viewer, page: "/at-risk.csv", context: context, request: request)
            return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8",
                                                   .contentDisposition: "attachment; filename=\"at-risk.csv\""],
                            body: .init(byteBuffer: ByteBuffer(string: AtRiskPage.csv(entries, for: viewer))))
        }
        router.get("/customers/:key") { request, context in
            let viewer = try context.requireViewer()
            let key = try context.pathParameter("key")
            guard let profile = try await CustomerProfile.load(key, from: warehouse) else {
                throw HTTPError(.notFound, message: "There is no customer \(key).")
            }
            try await auditView(viewer, customerKey: key, page: "/customers/\(key)", context: context, request: request)
            return html(CustomerPage(profile: profile).page(for: viewer).html)
        }
        router.post("/customers/:key/outreach") { request, context -> Response in
            let viewer = try context.requireViewer()
            let form = try await Form.read(request)
            try Authentication.requireCSRF(form, context)
            guard viewer.capabilities.worksRetention else { throw HTTPError(.forbidden, message: "Your role does not log outreach.") }
            let key = try context.pathParameter("key")
            guard let outcome = form["outcome"].flatMap(RetentionOutreach.Outcome.init(rawValue:)) else {
                throw HTTPError(.badRequest, message: "Choose an outcome.")
            }
            try await RetentionOutreach(warehouse).record(customerKey: key, agent: viewer.username, outcome: outcome,
                                                          offer: form["offer"].flatMap { $0.isEmpty ? nil : String($0.prefix(200)) },
                                                          note: form["note"].flatMap { $0.isEmpty ? nil : String($0.prefix(500)) })
            return Response.redirect(to: "/customers/\(Self.pathComponent(key))", type: .normal)
        }
        router.get("/campaigns") { _, context in
            let viewer = try context.requireViewer()
            let page = RetentionPage(saved: try await RetentionOutreach(warehouse).savedRates(),
                                     campaigns: try await DashboardQueries(warehouse).campaigns())
            return html(page.page(for: viewer).html)
        }
        router.get("/data-health") { _, context in
            let viewer = try context.requireDataHealthViewer()
            return html(DataHealthPage(health: try await DashboardQueries(warehouse).dataHealth()).page(for: viewer).html)
        }
        router.get("/runs") { _, context in
            let viewer = try context.requireDataHealthViewer()
            let page = RunsPage(pipelineRuns: try await RunHistory(warehouse).recent(), nextRun: nextRunText(),
                                runs: try await DashboardQueries(warehouse).buildRuns(), trainings: try await ModelRegistry(warehouse).list())
            return html(page.page(for: viewer).html)
        }
        router.get("/runs/:id") { _, context in
            let viewer = try context.requireDataHealthViewer()
            let id = try context.pathParameter("id")
            let history = RunHistory(warehouse)
            if let run = try await history.run(id) {
                return html(PipelineRunPage(run: run, steps: try await history.steps(of: id)).page(for: viewer).html)
            }
            let steps = try await DashboardQueries(warehouse).buildSteps(of: id)
            guard !steps.isEmpty else { throw HTTPError(.notFound, message: "There is no run \(id).") }
            return html(RunPage(runID: id, steps: steps).page(for: viewer).html)
        }
        router.get("/lineage") { _, context in
            let viewer = try context.requireViewer()
            return html(LineagePage(lineage: try requireLineage()).page(for: viewer).html)
        }
        router.get("/audit") { request, context in
            let viewer = try context.requireViewer()
            guard viewer.capabilities.administers else { throw HTTPError(.forbidden, message: "Only administrators see the audit log.") }
            let query = Self.query(request)
            let entries = try await access.audit(customerKey: query["customer"].flatMap { $0.isEmpty ? nil : $0 },
                                                 day: query["date"].flatMap { $0.isEmpty ? nil : $0 },
                                                 username: query["user"].flatMap { $0.isEmpty ? nil : $0 })
            let body = """
                <form method="get" action="/audit"><label>Customer <input name="customer" value="\(e(query["customer"] ?? ""))"></label>
                <label>Day <input name="date" placeholder="YYYY-MM-DD" value="\(e(query["date"] ?? ""))"></label>
                <label>User <input name="user" value="\(e(query["user"] ?? ""))"></label> <button>Search</button></form>
                """ + table(["When", "Who", "Role", "Customer", "Page", "Action", "From"], entries.map {
                    [e(ISO8601DateFormatter().string(from: $0.at)), e($0.username), e($0.role), e($0.customerKey ?? "—"), e($0.page), e($0.action), e($0.ip ?? "—")]
                })
            return html(Page(title: "Audit log", viewer: viewer, body: body).html)
        }
    }

    // MARK: JSON API

    private func addAPI(to router: Router<DashboardRequestContext>) {
        router.get("/api/overview") { _, context in
            _ = try context.requireViewer()
            return try JSONResponse(try await DashboardQueries(warehouse).overview())
        }
        router.get("/api/trends") { request, context in
            _ = try context.requireViewer()
            return try JSONResponse(try await DashboardQueries(warehouse).trends(by: try Self.breakdown(request)))
        }
        router.get("/api/data-health") { _, context in
            _ = try context.requireDataHealthViewer()
            return try JSONResponse(try await DashboardQueries(warehouse).dataHealth())
        }
        router.get("/api/runs") { _, context in
            _ = try context.requireDataHealthViewer()
            return try JSONResponse(try await DashboardQueries(warehouse).buildRuns())
        }
        router.get("/api/runs/:id") { _, context in
            _ = try context.requireDataHealthViewer()
            let id = try context.pathParameter("id")
            let steps = try await DashboardQueries(warehouse).buildSteps(of: id)
            guard !steps.isEmpty else { throw HTTPError(.notFound, message: "There is no run \(id).") }
            return try JSONResponse(steps)
        }
        router.get("/api/pipeline") { _, context in
            _ = try context.requireDataHealthViewer()
            let history = RunHistory(warehouse)
            var runs: [PipelineRunDocument] = []
            for run in try await history.recent(limit: 20) {
                runs.append(PipelineRunDocument(run, steps: try await history.steps(of: run.id)))
            }
            let next = settings.scheduledRuns?.nextRun
            return try JSONResponse(PipelineDocument(schedule: settings.scheduledRuns.map { "\($0.schedule)" },
                                                     nextRun: next.map { ISO8601DateFormatter().string(from: $0) }, runs: runs))
        }
        router.get("/metrics") { _, context in
            // For Prometheus, with a bearer token (`tenure users token NAME`) of a role that sees data health.
            _ = try context.requireDataHealthViewer()
            let text = try await PrometheusMetrics(warehouse).render(nextRun: settings.scheduledRuns?.nextRun)
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        router.get("/api/lineage") { _, context in
            _ = try context.requireViewer()
            let lineage = try requireLineage()
            return try JSONResponse(LineageDocument(
                nodes: lineage.nodes.map { .init(id: $0.id, layer: $0.layer.rawValue, kind: $0.kind, depth: $0.depth) },
                edges: lineage.edges.map { .init(from: $0.from, to: $0.to) }))
        }
        router.get("/api/at-risk") { request, context in
            let viewer = try context.requireViewer()
            var entries = try await AtRiskList(warehouse).entries(AtRiskList.Filter(query: Self.query(request)))
            for index in entries.indices {
                entries[index].email = viewer.mask(email: entries[index].email)
                entries[index].phone = viewer.mask(phone: entries[index].phone)
            }
            try await auditListView(viewer, page: "/api/at-risk", context: context, request: request)
            return try JSONResponse(entries)
        }
        router.get("/api/customers/:key") { request, context in
            let viewer = try context.requireViewer()
            let key = try context.pathParameter("key")
            guard var profile = try await CustomerProfile.load(key, from: warehouse) else {
                throw HTTPError(.notFound, message: "There is no customer \(key).")
            }
            profile.email = viewer.mask(email: profile.email)
            profile.phone = viewer.mask(phone: profile.phone)
            try await auditView(viewer, customerKey: key, page: "/api/customers/\(key)", context: context, request: request)
            return try JSONResponse(profile)
        }
    }

    // MARK: audit

    /// Writes a view of one customer's PII to the audit log, when the viewer's role sees PII.
    private func auditView(_ viewer: Viewer, customerKey: String, page: String, context: DashboardRequestContext, request: Request) async throws {
        guard viewer.capabilities.seesPII else { return }
        try await access.recordView(user: viewer.username, role: viewer.capabilities, customerKey: customerKey, page: page, action: "view",
                                    ip: context.clientAddress, userAgent: request.headers[.userAgent])
    }

    /// A list shows many customers' PII at once: one entry for the list, without a customer.
    private func auditListView(_ viewer: Viewer, page: String, context: DashboardRequestContext, request: Request) async throws {
        guard viewer.capabilities.seesPII else { return }
        try await access.recordView(user: viewer.username, role: viewer.capabilities, customerKey: nil, page: page, action: "list",
                                    ip: context.clientAddress, userAgent: request.headers[.userAgent])
    }

    // MARK: helpers

    /// `2026-11-28 07:00 CET (0 0 7 * * ?)`, or what to do when nothing is scheduled.
    private func nextRunText() -> String {
        guard let scheduled = settings.scheduledRuns else { return "not scheduled in this server (`tenure run`, or `tenure serve --schedule`)" }
        guard let next = scheduled.nextRun else { return scheduled.isRunning ? "running now" : "none: the schedule names no later time" }
        return ScheduledRuns.format(next, in: scheduled.schedule.timeZone) + " (\(scheduled.schedule.expression))" + (scheduled.isRunning ? "; a run is in progress" : "")
    }

    private func requireLineage() throws -> Lineage {
        guard let lineage else { throw HTTPError(.notFound, message: "This server was started without the project's lineage.") }
        return lineage
    }

    /// The query's fields, decoded once from the raw query (the router's parameters are decoded already).
    static func query(_ request: Request) -> [String: String] { FormEncoding.fields(request.uri.query ?? "") }

    /// The `by` split a request asks for: segment unless it names another.
    static func breakdown(_ request: Request) throws -> DashboardQueries.Breakdown {
        guard let text = query(request)["by"], !text.isEmpty else { return .segment }
        guard let breakdown = DashboardQueries.Breakdown(rawValue: text) else {
            throw HTTPError(.badRequest, message: "Split by one of: \(DashboardQueries.Breakdown.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        return breakdown
    }

    /// `text` as one URL path segment or query value: everything but RFC 3986's unreserved
    /// characters percent-encoded.
    static func pathComponent(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    private func cookie(_ name: String, _ value: String, maxAge: Int) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: settings.secureCookies, httpOnly: true, sameSite: .strict)
    }
}

/// An HTML response.
func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
    Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
}

/// A JSON response of any encodable value, with dates and NaN handled.
func JSONResponse<T: Encodable>(_ value: T) throws -> Response {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
    return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                    body: .init(byteBuffer: ByteBuffer(data: try encoder.encode(value))))
}

extension DashboardRequestContext {
    /// The viewer; the authentication middleware has already turned strangers away.
    func requireViewer() throws -> Viewer {
        guard let viewer else { throw HTTPError(.unauthorized, message: "Sign in first.") }
        return viewer
    }

    /// A path parameter, percent-decoded (the router hands segments over as they came).
    func pathParameter(_ name: String) throws -> String {
        let raw = try parameters.require(name)
        return raw.removingPercentEncoding ?? raw
    }

    /// The viewer, when their role sees data health (pipeline runs, tests, quarantine).
    func requireDataHealthViewer() throws -> Viewer {
        let viewer = try requireViewer()
        guard viewer.capabilities.seesDataHealth else { throw HTTPError(.forbidden, message: "Your role does not see data health.") }
        return viewer
    }
}

/// The lineage as the JSON API gives it.
struct LineageDocument: Codable {
    struct Node: Codable { let id: String, layer: String, kind: String, depth: Int }
    struct Edge: Codable { let from: String, to: String }
    let nodes: [Node]
    let edges: [Edge]
}
