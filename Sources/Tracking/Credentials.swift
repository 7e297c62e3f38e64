import Foundation

/// The Authorization header that MLflow's own clients send, read from the same environment variables.
///
/// It prints as `<redacted>` so that dumping an `MLflowClient` cannot leak it, and it knows the raw
/// secrets so that error messages can be scrubbed of them.
struct Credentials: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    let authorization: String
    private let secrets: [String]

    /// Bearer `MLFLOW_TRACKING_TOKEN` first (as MLflow does), else basic auth from
    /// `MLFLOW_TRACKING_USERNAME`/`MLFLOW_TRACKING_PASSWORD`, else the tracking URI's user info.
    static func from(environment: [String: String], uriUser: String?, uriPassword: String?) -> Credentials? {
        if let token = nonEmpty(environment["MLFLOW_TRACKING_TOKEN"]) {
            return Credentials(authorization: "Bearer \(token)", secrets: [token])
        }
        let user = nonEmpty(environment["MLFLOW_TRACKING_USERNAME"]) ?? uriUser
        let password = nonEmpty(environment["MLFLOW_TRACKING_PASSWORD"]) ?? uriPassword
        guard let user, let password else { return nil }
        let encoded = Data("\(user):\(password)".utf8).base64EncodedString()
        return Credentials(authorization: "Basic \(encoded)", secrets: [password, encoded])
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }

    /// `text` with every secret replaced, for anything that leaves this type as a message.
    func redact(_ text: String) -> String {
        secrets.filter { $0.count >= 3 }.reduce(text) { $0.replacingOccurrences(of: $1, with: "<redacted>") }
    }

    var description: String { "<redacted>" }
    var debugDescription: String { "<redacted>" }
    var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
