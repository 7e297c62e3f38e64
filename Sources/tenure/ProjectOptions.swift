import ArgumentParser
import Foundation
import Logging
import TenureCore
import Warehouse
import Yams

/// Options every command that works on a project shares.
struct ProjectOptions: ParsableArguments {
    @Option(help: "The project folder, holding tenure.yml (default: the current folder).")
    var project: String?

    @Option(help: "The warehouse: sqlite:PATH or postgres://user@host:port/db (overrides TENURE_WAREHOUSE_URL and tenure.yml).")
    var warehouse: String?

    @Flag(name: .shortAndLong, help: "Log what happens, step by step, on standard error.")
    var verbose = false

    /// The configuration: flags > environment > tenure.yml > defaults.
    func configuration(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> TenureConfiguration {
        let directory = URL(fileURLWithPath: project ?? FileManager.default.currentDirectoryPath).standardizedFileURL
        var configuration = TenureConfiguration(projectDirectory: directory)
        let file = directory.appendingPathComponent("tenure.yml")
        if FileManager.default.fileExists(atPath: file.path) {
            let text: String
            do { text = try String(contentsOf: file, encoding: .utf8) } catch {
                throw CLIError("cannot read \(file.path): \(error.localizedDescription)")
            }
            let settings: ProjectFile
            do { settings = try YAMLDecoder().decode(ProjectFile.self, from: text) } catch {
                throw CLIError("\(file.path) is not valid: \(Self.describe(error))")
            }
            if let url = settings.warehouse { configuration.warehouseURL = url }
            if let sources = settings.sources?.directory { configuration.sourcesDirectory = sources }
            if let envFile = settings.sources?.envFile { configuration.envFile = envFile }
            if let churn = settings.churn {
                if let problem = churn.problem { throw CLIError("\(file.path): \(problem)") }
                configuration.churn = churn
            }
            if let pipeline = settings.pipeline {
                if let problem = pipeline.problem { throw CLIError("\(file.path): \(problem)") }
                configuration.pipeline = pipeline
            }
        }
        if let url = environment["TENURE_WAREHOUSE_URL"], !url.isEmpty { configuration.warehouseURL = url }
        if let warehouse { configuration.warehouseURL = warehouse }
        return configuration
    }

    /// A logger on standard error: warnings only, or everything with `--verbose`.
    func logger(_ label: String) -> Logger {
        var logger = Logger(label: label) { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = verbose ? .info : .warning
        return logger
    }

    /// Opens the configured warehouse.
    func openConfiguredWarehouse(_ configuration: TenureConfiguration, logger: Logger) async throws -> any Warehouse {
        do {
            return try await openWarehouse(WarehouseLocation(parsing: configuration.resolvedWarehouseURL), logger: logger)
        } catch let error as WarehouseError {
            throw CLIError("cannot open the warehouse: \(error)")
        }
    }

    /// Runs `body` on the configured warehouse and closes it, whether or not `body` throws.
    func withConfiguredWarehouse<T: Sendable>(_ configuration: TenureConfiguration, logger: Logger,
                                              _ body: (any Warehouse) async throws -> T) async throws -> T {
        let warehouse = try await openConfiguredWarehouse(configuration, logger: logger)
        do {
            let result = try await body(warehouse)
            try await warehouse.close()
            return result
        } catch {
            try? await warehouse.close()
            throw error
        }
    }

    private static func describe(_ error: Error) -> String {
        if case DecodingError.typeMismatch(_, let context) = error { return context.debugDescription }
        if case DecodingError.dataCorrupted(let context) = error { return context.debugDescription }
        return "\(error)".split(separator: "\n").first.map(String.init) ?? "unreadable YAML"
    }
}

/// The parts of `tenure.yml` read so far.
struct ProjectFile: Decodable {
    var warehouse: String?
    var sources: Sources?
    var churn: ChurnSettings?
    var pipeline: PipelineSettings?

    struct Sources: Decodable {
        var directory: String?
        var envFile: String?

        enum CodingKeys: String, CodingKey {
            case directory
            case envFile = "env_file"
        }
    }
}

/// A failure to report in one line and exit non-zero.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
