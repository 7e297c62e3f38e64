import Access
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import TenureCore

/// Finds the viewer of each request — a session cookie for the pages, a bearer token for the
/// API — and turns strangers away: the sign-in page for a browser, 401 for the API.
struct Authentication: RouterMiddleware {
    typealias Context = DashboardRequestContext

    static let sessionCookie = "tenure_session"
    static let loginCSRFCookie = "tenure_login"
    /// Paths anyone may open.
    static let open: Set<String> = ["/login", "/healthz", "/static/tenure.css"]

    let access: AccessStore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let header = request.headers[.authorization], header.hasPrefix("Bearer ") {
            guard let user = try await access.user(forToken: String(header.dropFirst("Bearer ".count))) else {
                throw HTTPError(.unauthorized, message: "The API token is not valid.")
            }
            // A token is not a browser session: it posts no forms, so it needs no CSRF token.
            context.viewer = Viewer(username: user.username, capabilities: user.role, csrfToken: "")
        } else if let id = request.cookies[Self.sessionCookie]?.value, !id.isEmpty, let session = try await access.session(id) {
            context.viewer = Viewer(username: session.user.username, capabilities: session.user.role, csrfToken: session.csrfToken)
        }
        if context.viewer == nil && !Self.open.contains(request.uri.path) {
            if request.uri.path.hasPrefix("/api/") { throw HTTPError(.unauthorized, message: "Sign in or send an API token.") }
            return Response.redirect(to: "/login", type: .found)
        }
        return try await next(request, context)
    }

    /// Refuses a form that does not carry the session's CSRF token.
    static func requireCSRF(_ form: [String: String], _ context: Context) throws {
        guard let viewer = context.viewer, !viewer.csrfToken.isEmpty, let sent = form["csrf"],
              Secret.equal(sent, viewer.csrfToken) else {
            throw HTTPError(.forbidden, message: "The form expired; reload the page and try again.")
        }
    }
}

/// Security headers on every response, and errors answered plainly: a short page or JSON
/// message, never a stack trace or a database error.
struct SafeResponses: RouterMiddleware {
    typealias Context = DashboardRequestContext

    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as HTTPError {
            response = answer(request, context, status: error.status, message: error.body ?? error.status.reasonPhrase)
        } catch {
            logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(String(describing: error).prefix(300))"])
            response = answer(request, context, status: .internalServerError, message: "The dashboard could not answer this request; the error is in the server's log.")
        }
        response.headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }

    private func answer(_ request: Request, _ context: Context, status: HTTPResponse.Status, message: String) -> Response {
        if request.uri.path.hasPrefix("/api/") {
            let body = (try? JSONEncoder().encode(["error": message])) ?? Data()
            return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(data: body)))
        }
        return html(ErrorPage(status: Int(status.code), message: message).page(for: context.viewer).html, status: status)
    }
}

/// A submitted form's fields.
enum Form {
    static func read(_ request: Request, limit: Int = 64 * 1024) async throws -> [String: String] {
        FormEncoding.fields(String(buffer: try await request.body.collect(upTo: limit)))
    }
}

/// Random tokens and comparisons that do not leak timing.
enum Secret {
    static func random(bytes: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<bytes).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
