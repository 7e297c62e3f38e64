import Connectors
import Foundation
import TenureCore

/// The connectors `tenure ingest` and `tenure run` extract with: a folder of exports, or the four
/// systems' APIs as the environment (or the `.env` file) configures them.
struct SourceConnectors {
    let connectors: [any Connector]
    /// Whether each entity is extracted from its watermark (APIs) rather than whole (files).
    let incremental: Bool

    /// Connectors for `systems` from `origin`: a folder, or `api`.
    static func make(origin: String, systems: [SourceSystem] = SourceSystem.allCases, full: Bool,
                     configuration: TenureConfiguration) throws -> SourceConnectors {
        if origin == "api" {
            return SourceConnectors(connectors: APISources.connectors(for: systems, environment: try environment(configuration)),
                                    incremental: !full)
        }
        let folder = configuration.resolve(origin)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CLIError("no such folder of exports: \(folder.path) (generate one with `tenure generate --out \(origin)`, or use --from api)")
        }
        return SourceConnectors(connectors: systems.map { FileConnector(system: $0, directory: folder) }, incremental: false)
    }

    /// The process environment over the `.env` file tenure.yml names.
    static func environment(_ configuration: TenureConfiguration) throws -> [String: String] {
        do { return try DotEnv.environment(with: configuration.resolve(configuration.envFile)) } catch { throw CLIError("\(error)") }
    }
}
