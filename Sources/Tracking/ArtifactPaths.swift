import Foundation

/// Where a run's artifacts go on a server that proxies artifact storage (`mlflow server --serve-artifacts`).
enum ArtifactPaths {
    /// The run's folder under `/api/2.0/mlflow-artifacts/artifacts/`, from its `artifact_uri`,
    /// e.g. `mlflow-artifacts:/1/<run_id>/artifacts` gives `1/<run_id>/artifacts`; nil when the
    /// server stores artifacts somewhere the client would have to reach itself (file:, s3:, …).
    static func proxiedRoot(artifactURI: String) -> String? {
        let scheme = "mlflow-artifacts:"
        guard artifactURI.hasPrefix(scheme) else { return nil }
        var rest = String(artifactURI.dropFirst(scheme.count))
        // mlflow-artifacts://host:port/path names another server; its path is still what the proxy serves.
        if rest.hasPrefix("//") {
            let afterAuthority = rest.dropFirst(2).drop { $0 != "/" }
            rest = String(afterAuthority)
        }
        let trimmed = rest.split(separator: "/").joined(separator: "/")
        return trimmed.removingPercentEncoding ?? trimmed
    }

    /// Why `path` cannot be an artifact's relative path, or nil when it can.
    static func problem(with path: String) -> String? {
        if path.isEmpty { return "it is empty" }
        if path.hasPrefix("/") { return "it is absolute; use a relative path such as model/model.json" }
        if path.contains("\\") { return "it contains a backslash; separate folders with /" }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        if segments.contains(where: { $0.isEmpty }) { return "it has an empty folder name" }
        if segments.contains(where: { $0 == "." || $0 == ".." }) { return "it contains . or .." }
        return nil
    }
}
