import Foundation

/// The project's settings, built once at the edge (flags > environment > `tenure.yml` > defaults)
/// and passed down.
public struct TenureConfiguration: Sendable, Equatable {
    /// The folder holding `tenure.yml`; relative paths are resolved against it.
    public var projectDirectory: URL
    /// Where the warehouse lives: `sqlite:PATH` (a folder), a plain path, or `postgres://user@host:port/db`.
    public var warehouseURL: String
    /// The folder of source exports the file connector reads (`tenure generate` writes one).
    public var sourcesDirectory: String
    /// The `.env` file the API connectors' settings and secrets may come from (the process
    /// environment wins over it).
    public var envFile = ".env"
    /// The bank's churn definition, forecast horizon, retention capacity and risk tiers.
    public var churn = ChurnSettings()
    /// How the bank's day runs: sources, schedule, retraining, report and alerts.
    public var pipeline = PipelineSettings()

    /// The defaults: an embedded SQLite warehouse in `warehouse/` and the simulated bank in `data/bank/`.
    public init(projectDirectory: URL, warehouseURL: String = "sqlite:warehouse", sourcesDirectory: String = "data/bank") {
        self.projectDirectory = projectDirectory
        self.warehouseURL = warehouseURL
        self.sourcesDirectory = sourcesDirectory
    }

    /// `path` resolved against the project folder unless absolute.
    public func resolve(_ path: String) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : projectDirectory.appendingPathComponent(path)
    }

    /// The warehouse URL with a relative SQLite path resolved against the project folder.
    public var resolvedWarehouseURL: String {
        if warehouseURL.hasPrefix("postgres://") || warehouseURL.hasPrefix("postgresql://") { return warehouseURL }
        let path = warehouseURL.hasPrefix("sqlite:") ? String(warehouseURL.dropFirst("sqlite:".count)) : warehouseURL
        return "sqlite:" + resolve(path).path
    }
}
