import AsyncHTTPClient
import Foundation
import NIOHTTP1

/// Fixed headers: ERPNext's `token key:secret`, Supabase's `apikey` and bearer key. Nothing to
/// renew, so a 401 means the key is wrong.
struct StaticAuthorizer: Authorizer {
    let fields: [(String, String)]
    func headers(using session: HTTPSession) async throws(ConnectorError) -> [(String, String)] { fields }
    func renew() async -> Bool { false }
}

/// An OAuth access token fetched on first use and renewed once when the API says it expired:
/// Salesforce's client-credentials (or password) flow and Google's JWT-bearer grant.
final class OAuthAuthorizer: Authorizer, @unchecked Sendable {
    /// A token and where the API lives (Salesforce's `instance_url`).
    struct Grant: Sendable {
        let accessToken: String
        let instanceURL: String?
    }

    private let lock = NSLock()
    private var grant: Grant?
    private let fetch: @Sendable (HTTPSession) async throws(ConnectorError) -> Grant

    /// An authorizer getting its tokens from `fetch`.
    init(fetch: @escaping @Sendable (HTTPSession) async throws(ConnectorError) -> Grant) { self.fetch = fetch }

    /// The current grant, fetched when there is none.
    func current(using session: HTTPSession) async throws(ConnectorError) -> Grant {
        if let grant = lock.withLock({ grant }) { return grant }
        let fresh = try await fetch(session)
        lock.withLock { grant = fresh }
        return fresh
    }

    func headers(using session: HTTPSession) async throws(ConnectorError) -> [(String, String)] {
        [("Authorization", "Bearer \(try await current(using: session).accessToken)")]
    }

    func renew() async -> Bool {
        lock.withLock { grant = nil }
        return true
    }
}

/// A form-encoded body.
func formBody(_ fields: [(String, String)]) -> [UInt8] {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return Array(fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&").utf8)
}

/// Percent-encodes a query value (so `+` in a time zone survives).
func queryValue(_ text: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
}
