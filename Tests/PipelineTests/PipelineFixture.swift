import AsyncHTTPClient
import ChurnForecast
import Connectors
import Foundation
import Logging
import Pipeline
import Simulator
import TenureCore
import Transform
import Unification
import Warehouse

/// A generated bank and the repository's SQL project, for pipeline runs on a fresh warehouse.
enum PipelineFixture {
    static let logger = Logger(label: "tenure.pipeline.tests") { _ in SwiftLogNoOpLogHandler() }
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A bank of 200 customers, generated once.
    static let bank = Task<URL, any Error> {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tenure-pipeline-bank-\(UUID().uuidString)")
        _ = try BankGenerator(specification: try BankSpecification(customers: 200, seed: 42)).generate(into: folder)
        return folder
    }

    /// A folder holding a copy of the repository's models/ and tests/, so a test can add a failing test.
    static func project() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tenure-pipeline-project-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["models", "tests"] {
            try FileManager.default.copyItem(at: repository.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        return folder
    }

    /// A fresh SQLite warehouse in a temporary folder.
    static func warehouse() async throws -> any Warehouse {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tenure-pipeline-wh-\(UUID().uuidString)")
        return try await openWarehouse(WarehouseLocation(parsing: "sqlite:" + folder.path), logger: logger)
    }

    /// A run of the project in `projectFolder` (loaded now, so a test added since counts) on `warehouse`.
    static func dailyRun(project projectFolder: URL, warehouse: any Warehouse, connectors: [any Connector], incremental: Bool = false,
                         settings: PipelineSettings = PipelineSettings()) throws -> DailyRun {
        var configuration = TenureConfiguration(projectDirectory: projectFolder)
        configuration.pipeline = settings
        let models = try CustomerUnification.models() + ChurnForecast.models(settings: configuration.churn)
        var run = DailyRun(configuration: configuration, warehouse: warehouse, connectors: connectors, incremental: incremental,
                           project: try Project.load(from: projectFolder, swiftModels: models), swiftModels: models,
                           progress: LogProgress(logger: logger), logger: logger)
        run.trainingThreads = 1
        return run
    }

    /// Runs `body` with an HTTP client of its own, shut down afterwards whether or not it throws.
    /// Tests use one rather than the shared client, whose pooled keep-alive connections to a test's
    /// loopback server can keep that server's graceful shutdown, and the test, waiting forever.
    static func withHTTPClient<T: Sendable>(_ body: (HTTPClient) async throws -> T) async throws -> T {
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup)
        do {
            let value = try await body(client)
            try await client.shutdown()
            return value
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    /// The file connectors of `bank`.
    static func files(_ bank: URL) -> [any Connector] {
        SourceSystem.allCases.map { FileConnector(system: $0, directory: bank) }
    }
}

extension PipelineResult {
    /// The outcome of `step`.
    func step(_ step: PipelineStep) -> StepOutcome? { steps.first { $0.step == step } }
}

extension SQLExecutor {
    func count(_ sql: String, _ arguments: [SQLValue] = []) async throws -> Int {
        try await query(sql, arguments).first?.int("n") ?? -1
    }
}
