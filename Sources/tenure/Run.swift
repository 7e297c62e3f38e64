import ArgumentParser
import ChurnForecast
import Connectors
import Dashboard
import Foundation
import Logging
import Pipeline
import TenureCore
import Tracking
import Warehouse

/// `tenure run`: the bank's day, end to end.
struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the bank's day end to end: ingest, resolve, build and test, train when due, score, report, alerts.",
        discussion: """
        Each step is timed and recorded in ops.pipeline_runs and ops.step_runs (see them with \
        `tenure status` or the dashboard's Pipeline runs page). A source that is down does not stop \
        the run: its last good data is used, and the run says so. When a step fails (an \
        error-severity data test, say) no new predictions are published and the last good ones \
        stay served. One run at a time per warehouse; a run killed midway is taken over and redone \
        by the next. Training follows pipeline.training in tenure.yml (weekly by default), and \
        also happens when the champion's ROC AUC on fresh outcomes drops by \
        pipeline.retrain_on_auc_drop. Customers newly at HIGH risk go to pipeline.alerts.channel \
        (salesforce or webhook). The exit status is non-zero when the run failed.
        """
    )

    @OptionGroup var options: ProjectOptions

    @Option(help: "Where to extract from: a folder of exports, or `api` (default: pipeline.sources, else sources.directory of tenure.yml).")
    var from: String?

    @Flag(help: "With --from api: extract everything again instead of what changed since each entity's watermark.")
    var full = false

    @Flag(help: "Train the churn model this run whatever pipeline.training says.")
    var train = false

    @Option(help: "Where alerts about customers newly at HIGH risk go: salesforce, webhook or none (default: pipeline.alerts.channel, else none).")
    var alerts: PipelineSettings.AlertSettings.Channel?

    @Option(help: "Threads XGBoost may use when training (default: every core).")
    var threads: Int?

    func run() async throws {
        var configuration = try options.configuration()
        if train { configuration.pipeline.training = .daily }
        if let alerts { configuration.pipeline.alerts.channel = alerts }
        if let threads, threads < 1 { throw CLIError("--threads must be at least 1, got \(threads)") }
        let logger = options.logger("tenure.run")
        let terminal = isatty(STDERR_FILENO) == 1
        let progress: any ProgressReporter = terminal ? TerminalProgress() : LogProgress(logger: Self.structuredLogger(verbose: options.verbose))
        let result = try await options.withConfiguredWarehouse(configuration, logger: logger) { warehouse in
            var daily = try PipelineAssembly.dailyRun(configuration, warehouse: warehouse, from: from, full: full, progress: progress, logger: logger)
            daily.trainingThreads = threads
            do { return try await daily.run() } catch let error as PipelineError { throw CLIError(error.description) }
        }
        if let abandoned = result.abandonedRun { print("took over from run \(abandoned), which had stopped midway; its work was redone") }
        print("run \(result.runID): \(result.status.rawValue)" + String(format: " in %.1f s", result.seconds))
        switch result.status {
        case .failed:
            throw CLIError("the run failed: no new predictions were published; the last good ones stay (see `tenure status`)")
        case .degraded:
            printError("warning: the run completed with part of its input missing; see the steps above")
        default:
            break
        }
    }

    /// Logs for when output is not a terminal: one line per step, with its figures as metadata.
    static func structuredLogger(verbose: Bool) -> Logger {
        var logger = Logger(label: "tenure.run") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = verbose ? .debug : .notice
        return logger
    }
}

/// How the CLI puts a pipeline run together, for `tenure run` and `tenure serve --schedule`.
enum PipelineAssembly {
    /// A run of the configured project on `warehouse`.
    static func dailyRun(_ configuration: TenureConfiguration, warehouse: any Warehouse, from: String?, full: Bool,
                         progress: any ProgressReporter, logger: Logger) throws -> DailyRun {
        let origin = from ?? configuration.pipeline.sources ?? configuration.sourcesDirectory
        let sources = try SourceConnectors.make(origin: origin, full: full, configuration: configuration)
        let transform = try TransformProject.load(configuration)
        var daily = DailyRun(configuration: configuration, warehouse: warehouse, connectors: sources.connectors, incremental: sources.incremental,
                             project: transform.project, swiftModels: transform.swiftModels, progress: progress, logger: logger)
        if let folder = configuration.pipeline.reportDirectory {
            let directory = configuration.resolve(folder)
            daily.report = { warehouse in
                let written = try await ExecutiveReport(warehouse).write(to: directory)
                return "wrote \(written.html.path) and \(written.csv.path) (\(written.customers) customers at risk)"
            }
        }
        daily.alertChannel = try alertChannel(configuration)
        if let uri = ProcessInfo.processInfo.environment["MLFLOW_TRACKING_URI"], !uri.isEmpty {
            let churn = configuration.churn
            daily.trackTraining = { result, registration in
                let run = try await MLflowClient(trackingURI: uri, requestTimeout: .seconds(15), logger: logger)
                    .log(ChurnTracking.run(result, registration: registration, settings: churn))
                try await ModelRegistry(warehouse).recordMLflowRun(run, for: registration.runID)
                return "logged to MLflow as run \(run)"
            }
        }
        return daily
    }

    /// Where alerts go, as tenure.yml says; a channel that is chosen but not configured is an error
    /// now rather than a failed step later.
    static func alertChannel(_ configuration: TenureConfiguration) throws -> (any AlertChannel)? {
        let settings = configuration.pipeline.alerts
        switch settings.channel {
        case .none:
            return nil
        case .salesforce:
            let environment = try SourceConnectors.environment(configuration)
            let connector = APISources.connectors(for: [.salesforce], environment: environment).first
            guard let salesforce = connector as? SalesforceConnector else {
                let problem = (connector as? UnavailableConnector).map { "\($0.problem)" } ?? "no connector"
                throw CLIError("pipeline.alerts.channel is salesforce, but \(problem)")
            }
            return SalesforceTaskChannel(connector: salesforce)
        case .webhook:
            let environment = try SourceConnectors.environment(configuration)
            guard let url = environment[settings.webhookURLVariable], !url.isEmpty else {
                throw CLIError("pipeline.alerts.channel is webhook, but \(settings.webhookURLVariable) is not set (in the environment or the .env file)")
            }
            do { return try WebhookChannel(url: url) } catch let error as PipelineError {
                throw CLIError("\(settings.webhookURLVariable): \(error.description)")
            }
        }
    }
}

extension PipelineSettings.AlertSettings.Channel: ExpressibleByArgument {}
