import Foundation

/// A tracking URI split into the base URL requests go to (credentials removed) and its user info.
struct TrackingEndpoint: Sendable {
    /// `scheme://host[:port][/prefix]`, without a trailing slash and without user info.
    let base: String
    let user: String?
    let password: String?

    /// The endpoint of `uri`, or why it is not an http(s) URL (in words without the password).
    static func parse(_ uri: String) -> Result<TrackingEndpoint, MLflowError> {
        let trimmed = uri.trimmingCharacters(in: .whitespacesAndNewlines)
        guard var components = URLComponents(string: trimmed),
              let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = components.host, !host.isEmpty
        else {
            return .failure(MLflowError(
                operation: "log",
                message: "the tracking URI is not an http(s) URL",
                hint: "pass the server's address, e.g. http://127.0.0.1:55500 as printed by scripts/mlflow url"
            ))
        }
        let user = components.user.flatMap { $0.removingPercentEncoding }
        let password = components.password.flatMap { $0.removingPercentEncoding }
        components.user = nil
        components.password = nil
        components.query = nil
        components.fragment = nil
        var base = components.string ?? trimmed
        while base.hasSuffix("/") { base.removeLast() }
        return .success(TrackingEndpoint(base: base, user: user, password: password))
    }
}

/// Percent-encoding that leaves only RFC 3986's unreserved characters, so `+`, `&` and `/` in an
/// experiment name or artifact file name reach MLflow as themselves.
enum URLEncoding {
    private static let unreserved = CharacterSet(charactersIn:
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    static func component(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    /// Encodes each segment of a `/`-separated path, keeping the separators.
    static func path(_ text: String) -> String {
        text.split(separator: "/", omittingEmptySubsequences: false).map { component(String($0)) }
            .joined(separator: "/")
    }
}
