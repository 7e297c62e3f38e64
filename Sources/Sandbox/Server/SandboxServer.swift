import Connectors
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import TenureCore

/// The simulated bank's four systems behind emulations of their real APIs, on one loopback port:
/// ERPNext's Frappe REST API (`/api/resource`), Salesforce's REST API (`/services/oauth2/token`,
/// `/services/data/vXX.X/…`), Supabase's PostgREST (`/rest/v1`), and Google's token endpoint
/// and Sheets API (`/token`, `/v4/spreadsheets`), with faults switched on at will.
public struct SandboxServer: Sendable {
    /// Where to listen.
    public struct Settings: Sendable {
        /// The address: loopback unless asked.
        public var host = "127.0.0.1"
        /// The port; 0 picks a free one.
        public var port = 8790
        /// The faults to inject.
        public var faults = FaultSettings()
        /// The rows PostgREST returns at most per request (Supabase's default `max_rows`).
        public var supabaseMaxRows = 1_000
        /// The records a Salesforce query page holds at most.
        public var salesforceBatchSize = 2_000

        /// The defaults.
        public init() {}
    }

    let store: SandboxStore
    let credentials: SandboxCredentials
    let settings: Settings
    let logger: Logger
    let faults: FaultInjector
    let tokens: TokenIssuer
    let cursors = QueryCursors()

    /// A sandbox serving `store`, accepting `credentials`.
    public init(store: SandboxStore, credentials: SandboxCredentials, settings: Settings = Settings(), logger: Logger) {
        self.store = store
        self.credentials = credentials
        self.settings = settings
        self.logger = logger
        faults = FaultInjector(settings.faults)
        tokens = TokenIssuer(faults: faults)
    }

    /// Changes the faults while the sandbox runs.
    public func setFaults(_ settings: FaultSettings) { faults.update(settings) }

    /// The application, ready to run or to test.
    public func application() -> some ApplicationProtocol {
        Application(router: router(), configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "tenure-sandbox"),
                    logger: logger)
    }

    func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: FaultMiddleware(faults: faults))
        ERPNextEmulator(sandbox: self).register(on: router)
        SalesforceEmulator(sandbox: self).register(on: router)
        SupabaseEmulator(sandbox: self).register(on: router)
        SheetsEmulator(sandbox: self).register(on: router)
        return router
    }
}

/// Which system a request path belongs to.
func system(ofPath path: String) -> SourceSystem? {
    if path.hasPrefix("/api/") { return .erpnext }
    if path.hasPrefix("/services/") { return .salesforce }
    if path.hasPrefix("/rest/v1/") { return .supabase }
    if path.hasPrefix("/v4/") || path == "/token" { return .sheets }
    return nil
}

/// Applies latency and the injected faults, each in the failing system's own error shape.
struct FaultMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let faults: FaultInjector

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let system = system(ofPath: request.uri.path) else { return try await next(request, context) }
        let latency = faults.current.latency
        if latency > .zero { try await Task.sleep(for: latency) }
        let isToken = request.uri.path.hasSuffix("/token")
        switch faults.next(for: system, isTokenRequest: isToken) {
        case nil:
            return try await next(request, context)
        case .down:
            return APIError.response(system, status: .serviceUnavailable, code: "SERVICE_UNAVAILABLE", message: "\(system.displayName) is unavailable")
        case .serverError:
            return APIError.response(system, status: .internalServerError, code: "INTERNAL_ERROR", message: "an unexpected error occurred")
        case .rateLimited(let seconds):
            var response = APIError.response(system, status: .tooManyRequests, code: "RATE_LIMITED", message: "too many requests")
            response.headers[.retryAfter] = String(seconds)
            return response
        }
    }
}

/// Errors in each API's own shape: Frappe's `exc_type` object, Salesforce's array, PostgREST's
/// object, Google's `error` envelope.
enum APIError {
    static func response(_ system: SourceSystem, status: HTTPResponse.Status, code: String, message: String) -> Response {
        let body: Any
        switch system {
        case .erpnext:
            let excType = switch status.code {
            case 401: "AuthenticationError"
            case 403: "PermissionError"
            case 404: "DoesNotExistError"
            case 417: "ValidationError"
            default: "Exception"
            }
            let serverMessage = (try? String(decoding: JSONSerialization.data(withJSONObject: ["message": message, "title": "Message"]), as: UTF8.self)) ?? ""
            let serverMessages = (try? String(decoding: JSONSerialization.data(withJSONObject: [serverMessage]), as: UTF8.self)) ?? "[]"
            body = ["exc_type": excType, "exception": "frappe.exceptions.\(excType): \(message)", "_server_messages": serverMessages]
        case .salesforce:
            body = [["message": message, "errorCode": code]]
        case .supabase:
            body = ["code": code, "details": NSNull(), "hint": NSNull(), "message": message]
        case .sheets:
            let statusName = switch status.code {
            case 400: "INVALID_ARGUMENT"
            case 401: "UNAUTHENTICATED"
            case 403: "PERMISSION_DENIED"
            case 404: "NOT_FOUND"
            case 429: "RESOURCE_EXHAUSTED"
            case 503: "UNAVAILABLE"
            default: "INTERNAL"
            }
            body = ["error": ["code": Int(status.code), "message": message, "status": statusName]]
        }
        let data = (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])) ?? Data()
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// An error a handler throws, answered in its system's own shape (see `APIError`).
struct EmulatorFailure: Error, HTTPResponseError {
    let system: SourceSystem
    let status: HTTPResponse.Status
    let code: String
    let message: String

    init(_ system: SourceSystem, _ status: HTTPResponse.Status, code: String = "", _ message: String) {
        self.system = system
        self.status = status
        self.code = code
        self.message = message
    }

    var headers: HTTPFields { [:] }
    func body(allocator: ByteBufferAllocator) -> ByteBuffer? { nil }
    func response(from request: Request, context: some RequestContext) throws -> Response {
        APIError.response(system, status: status, code: code, message: message)
    }
}

/// A JSON response of raw bytes.
func jsonResponse(_ bytes: [UInt8], status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
    var fields = headers
    fields[.contentType] = "application/json; charset=utf-8"
    return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
}

/// A JSON response of a JSON-serialisable value.
func jsonResponse(object: Any, status: HTTPResponse.Status = .ok) -> Response {
    jsonResponse(Array((try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()), status: status)
}

/// `[a, b, c]` from payloads.
func jsonArray(_ payloads: [[UInt8]]) -> [UInt8] {
    var out: [UInt8] = [0x5B]
    for (index, payload) in payloads.enumerated() {
        if index > 0 { out += [0x2C, 0x0A] }
        out += payload
    }
    return out + [0x5D]
}

/// A request's query parameters, decoded once from the raw query (a literal `+` arrives as `%2B`).
func queryParameters(_ request: Request) -> [String: String] {
    FormEncoding.fields(request.uri.query ?? "")
}

/// A form-encoded body's fields.
func formFields(_ request: Request) async throws -> [String: String] {
    FormEncoding.fields(String(buffer: try await request.body.collect(upTo: 1 << 20)))
}

extension SourceSystem {
    /// The product's name, for messages.
    var displayName: String {
        switch self {
        case .erpnext: "ERPNext"
        case .salesforce: "Salesforce"
        case .supabase: "Supabase"
        case .sheets: "Google Sheets"
        }
    }
}
