import ChurnForecast
import Connectors
import Foundation
import Ingestion
import Logging
import TenureCore
import Transform
import Unification
import Warehouse

/// The bank's day, one step after another: ingest → resolve → build (with data tests) → train when
/// due → score → report → alerts. Each step is recorded in ``RunHistory`` as it starts and ends.
///
/// Predictions are published only when every step before scoring did its work and no
/// `error`-severity data test failed; otherwise the last good ones stay served. A source that is
/// down does not stop the run: its last good data in bronze is used, and the run says so.
public struct DailyRun: Sendable {
    /// The project's settings (churn definition, pipeline settings).
    public var configuration: TenureConfiguration
    /// The warehouse the run works in.
    public let warehouse: any Warehouse
    /// Where records come from, one connector per source system.
    public var connectors: [any Connector]
    /// Whether each entity is extracted from its watermark (APIs) rather than whole (export files).
    public var incremental: Bool
    /// The SQL project and its Swift models.
    public let project: Project
    /// The Swift models of the project (entity resolution's, the churn forecast's).
    public let swiftModels: [any SwiftModel]
    /// Writes the executive report and says what it wrote, in a line; nil: no report.
    public var report: (@Sendable (any Warehouse) async throws -> String)?
    /// Copies a training to an experiment tracker (MLflow) and says where, in a line; nil: not
    /// tracked. Tracking is a copy for the data scientists: when it fails, the step says so and succeeds.
    public var trackTraining: (@Sendable (ChurnTrainingResult, Registration) async throws -> String)?
    /// Where alerts go; nil: alerts are off.
    public var alertChannel: (any AlertChannel)?
    /// Shows progress (a bar on a terminal, structured logs otherwise).
    public var progress: any ProgressReporter
    /// What started the run.
    public var trigger = PipelineTrigger.manual
    /// Threads XGBoost may use when training (nil: every core).
    public var trainingThreads: Int?
    /// The time now; tests inject their own.
    public var now: @Sendable () -> Date = { Date() }
    let logger: Logger

    /// A run of `project` on `warehouse`, extracting with `connectors`.
    public init(configuration: TenureConfiguration, warehouse: any Warehouse, connectors: [any Connector], incremental: Bool,
                project: Project, swiftModels: [any SwiftModel], progress: any ProgressReporter, logger: Logger) {
        self.configuration = configuration
        self.warehouse = warehouse
        self.connectors = connectors
        self.incremental = incremental
        self.project = project
        self.swiftModels = swiftModels
        self.progress = progress
        self.logger = logger
    }

    /// The model whose building resolves customers across the systems.
    static let resolutionModel = "customer_xref"
    /// The models the score step builds: the published predictions.
    static let scoring = ["churn_predictions", "churn_risk_history"]

    /// Runs the day; returns how it went. Throws only when the run cannot start (the lock is
    /// held, the warehouse unreachable); a step's failure is in the result.
    public func run() async throws -> PipelineResult {
        let history = RunHistory(warehouse)
        try await history.prepare()
        let runID = Self.newRunID(at: now())
        let lock = RunLock(warehouse)
        let started = now()
        let clock = ContinuousClock.now
        let takenOver = try await lock.acquire(for: runID, at: started)
        if let takenOver {
            try await history.abandon(takenOver.runID, at: started, reason: "stopped midway (process \(takenOver.pid) on \(takenOver.host) is gone); run \(runID) redid its work")
            logger.warning("took over the pipeline from a run that stopped midway", metadata: ["abandoned_run": "\(takenOver.runID)"])
        }
        let heartbeat = Task { [now] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(30))
                try? await lock.heartbeat(runID, at: now())
            }
        }
        defer { heartbeat.cancel() }
        logger.info("pipeline run started", metadata: ["run": "\(runID)", "trigger": "\(trigger.rawValue)"])
        var outcomes: [StepOutcome] = []
        do {
            try await history.begin(runID, trigger: trigger, at: started, host: ProcessInfo.processInfo.hostName,
                                    pid: ProcessInfo.processInfo.processIdentifier)
            outcomes = try await steps(runID: runID, history: history)
        } catch {
            // The warehouse failed under the run itself: say so, and free the lock for the next run.
            try? await history.finish(runID, status: .failed, at: now(), seconds: Self.seconds(ContinuousClock.now - clock), summary: Self.oneLine(error))
            heartbeat.cancel()
            try? await lock.release(runID)
            throw error
        }
        let status = Self.status(of: outcomes)
        let summary = outcomes.filter { $0.status != .succeeded }.map { "\($0.step.rawValue) \($0.status.rawValue): \($0.detail)" }
            .joined(separator: "\n")
        let seconds = Self.seconds(ContinuousClock.now - clock)
        try await history.finish(runID, status: status, at: now(), seconds: seconds, summary: summary)
        heartbeat.cancel()
        try await lock.release(runID)
        logger.info("pipeline run finished", metadata: ["run": "\(runID)", "status": "\(status.rawValue)", "seconds": "\(Int(seconds))"])
        return PipelineResult(runID: runID, status: status, steps: outcomes, seconds: seconds, abandonedRun: takenOver?.runID)
    }

    /// Runs each step in order, recording each; a step's failure is in its outcome.
    private func steps(runID: String, history: RunHistory) async throws -> [StepOutcome] {
        var outcomes: [StepOutcome] = []
        var context = Context()
        for step in PipelineStep.allCases {
            let outcome: StepOutcome
            if let reason = context.skipReason(for: step) {
                outcome = StepOutcome(step: step, status: .skipped, rows: 0, detail: reason, seconds: 0, finishedAt: now())
                try await history.begin(step, of: runID, at: now())
            } else {
                try await history.begin(step, of: runID, at: now())
                progress.stepStarted(step)
                let stepClock = ContinuousClock.now
                let result: StepResult
                do {
                    result = try await perform(step, runID: runID)
                } catch {
                    result = StepResult(.failed, detail: Self.oneLine(error))
                }
                outcome = StepOutcome(step: step, status: result.status, rows: result.rows, detail: result.detail,
                                      seconds: Self.seconds(ContinuousClock.now - stepClock), finishedAt: now())
            }
            try await history.finish(outcome, of: runID)
            progress.stepFinished(outcome)
            context.record(outcome)
            outcomes.append(outcome)
        }
        return outcomes
    }

    /// What a step did, before it is timed and recorded.
    struct StepResult {
        var status: StepStatus
        var rows = 0
        var detail: String

        init(_ status: StepStatus, rows: Int = 0, detail: String) {
            self.status = status
            self.rows = rows
            self.detail = detail
        }
    }

    /// What the steps learn that later steps need.
    struct Context {
        var failed: [PipelineStep] = []

        /// Why `step` must not run, given what happened so far: nothing runs after a failed step
        /// but the alerts, which do not need the report.
        func skipReason(for step: PipelineStep) -> String? {
            guard let first = failed.first(where: { $0 != .report }) else { return nil }
            switch step {
            case .ingest, .resolve, .build:
                return "\(first.rawValue) failed: silver and gold keep their last good tables"
            case .train, .score, .report, .alerts:
                return "\(first.rawValue) failed: no new predictions are published; the last good ones stay"
            }
        }

        mutating func record(_ outcome: StepOutcome) {
            if outcome.status == .failed { failed.append(outcome.step) }
        }
    }

    private func perform(_ step: PipelineStep, runID: String) async throws -> StepResult {
        switch step {
        case .ingest: try await ingest()
        case .resolve: try await buildStep(.resolve, selection: Selection(try resolutionModels().joined(separator: " ")))
        case .build: try await buildStep(.build, selection: Selection(try remainingModels().joined(separator: " ")))
        case .train: try await train()
        case .score: try await buildStep(.score, selection: Selection(Self.scoring.joined(separator: " ")))
        case .report: try await writeReport()
        case .alerts: try await sendAlerts(runID: runID)
        }
    }

    /// What the resolve step builds: entity resolution, what it reads, and what their data tests
    /// compare with (a staging table's branch codes are tested against dim_branch).
    func resolutionModels() throws -> [String] {
        var chosen: Set<String> = []
        var pending = [Self.resolutionModel]
        while let name = pending.popLast() {
            for model in try Selection("+" + name).models(in: project) where chosen.insert(model).inserted {
                pending += project.models[model]?.tests.flatMap(\.otherModels) ?? []
            }
        }
        return project.order.filter(chosen.contains)
    }

    /// Every model but entity resolution's (built by the resolve step) and the predictions (built
    /// by the score step, once the rest has passed its tests).
    func remainingModels() throws -> [String] {
        let resolved = Set(try resolutionModels())
        return project.order.filter { !resolved.contains($0) && !Self.scoring.contains($0) }
    }

    private func ingest() async throws -> StepResult {
        let total = connectors.reduce(0) { $0 + SourceEntity.of($1.system).count }
        let done = ProgressCounter()
        let outcomes = await Ingestor(warehouse: warehouse, logger: logger).ingest(connectors, full: !incremental, landed: { system, batch in
            progress.advanced(.ingest, done: done.next(), of: total, item: "\(system.rawValue) \(batch.entity.name)")
        })
        let landed = outcomes.flatMap(\.batches).reduce(0) { $0 + $1.landed }
        let received = outcomes.flatMap(\.batches).reduce(0) { $0 + $1.received }
        let quarantined = outcomes.flatMap(\.batches).reduce(0) { $0 + $1.quarantined }
        var detail = "\(received) records received, \(landed) new, \(quarantined) quarantined"
        let failures = outcomes.filter { $0.failure != nil }
        guard !failures.isEmpty else { return StepResult(.succeeded, rows: landed, detail: detail) }
        if let broken = failures.first(where: \.warehouseFailed) {
            return StepResult(.failed, rows: landed, detail: detail + "; the warehouse failed while landing \(broken.system.rawValue) (\(broken.failure ?? "")): this is not a source outage")
        }
        let status = try await BronzeStatus.read(from: warehouse)
        var missing: [String] = []
        for outcome in failures {
            let last = status.tables.filter { $0.system == outcome.system }.compactMap(\.lastBatchAt).max()
            let problem = outcome.failure ?? "failed"
            if let last {
                detail += "; \(outcome.system.rawValue) unavailable (\(problem)): using its last good data, landed \(last)"
            } else {
                detail += "; \(outcome.system.rawValue) unavailable (\(problem)) and bronze holds none of its data"
                missing.append(outcome.system.rawValue)
            }
        }
        return StepResult(missing.isEmpty ? .degraded : .failed, rows: landed, detail: detail)
    }

    private func buildStep(_ step: PipelineStep, selection: Selection) async throws -> StepResult {
        let total = try selection.models(in: project).count
        let done = ProgressCounter()
        let runner = ProjectRunner(project: project, warehouse: warehouse, swiftModels: swiftModels, logger: logger)
        let report = try await runner.build(selection) { outcome in
            progress.advanced(step, done: done.next(), of: total, item: "\(outcome.model.layer.rawValue).\(outcome.model.name)")
        }
        let rows = report.models.reduce(0) { $0 + $1.rows }
        let tests = report.models.flatMap(\.tests)
        let count = { (status: TestOutcome.Status) in tests.filter { $0.status == status }.count }
        let built = report.models.filter { $0.status == .success }
        var detail = "\(built.count) of \(report.models.count) models built as of \(report.runDate) (build \(report.runID)); "
            + "tests: \(count(.pass)) passed, \(count(.warn)) warned, \(count(.fail)) failed, \(count(.error)) errored"
        let bad = report.models.filter { $0.status != .success }
        if !bad.isEmpty {
            let blocking = tests.filter(\.isBlocking).map(\.test.name)
            detail += "; not built: " + bad.prefix(5).map(\.model.name).joined(separator: ", ")
            if !blocking.isEmpty { detail += "; failing error tests: " + blocking.prefix(5).joined(separator: ", ") }
            return StepResult(.failed, rows: rows, detail: detail)
        }
        if step == .score, let predictions = report.models.first(where: { $0.model.name == "churn_predictions" }) {
            return StepResult(.succeeded, rows: predictions.rows, detail: "\(predictions.rows) customers scored; " + detail)
        }
        return StepResult(.succeeded, rows: rows, detail: detail)
    }

    private func train() async throws -> StepResult {
        let decision = try await TrainingDecision.make(settings: configuration.pipeline, warehouse: warehouse, now: now())
        guard decision.isDue else { return StepResult(.skipped, detail: decision.reason) }
        let registry = ModelRegistry(warehouse)
        let started = now()
        let training = ChurnTraining(settings: configuration.churn, threads: trainingThreads)
        let result: ChurnTrainingResult
        do {
            result = try await training.run(on: warehouse)
        } catch {
            let message = Self.oneLine(error)
            try? await registry.recordFailure(message, settings: configuration.churn, startedAt: started, finishedAt: now())
            let champion = try await registry.champion()
            return StepResult(champion == nil ? .failed : .degraded,
                              detail: "\(decision.reason); training failed: \(message)" + (champion.map { "; \($0.name) stays champion" } ?? ""))
        }
        let registration = try await registry.register(result, settings: configuration.churn, startedAt: started, finishedAt: now())
        let verdict = registration.becameChampion
            ? "churn-v\(registration.version) is the new champion"
            : "churn-v\(registration.version) registered; churn-v\(registration.previousChampion?.version ?? 0) stays champion"
        var tracked = ""
        if let trackTraining {
            do { tracked = "; " + (try await trackTraining(result, registration)) } catch {
                tracked = "; not logged to the experiment tracker: " + Self.oneLine(error)
                logger.warning("training not tracked", metadata: ["error": "\(Self.oneLine(error))"])
            }
        }
        return StepResult(.succeeded, rows: result.trainingRows,
                          detail: "\(decision.reason); " + String(format: "validation ROC AUC %.4f; ", result.validationAUC) + verdict + tracked)
    }

    private func writeReport() async throws -> StepResult {
        guard let report else { return StepResult(.skipped, detail: "no report folder configured (pipeline.report_dir)") }
        return StepResult(.succeeded, detail: try await report(warehouse))
    }

    private func sendAlerts(runID: String) async throws -> StepResult {
        guard let alertChannel else { return StepResult(.skipped, detail: "alerts are off (pipeline.alerts.channel: none)") }
        let alerts = RetentionAlerts(warehouse: warehouse, channel: alertChannel, settings: configuration.pipeline.alerts, logger: logger)
        let summary = try await alerts.send(runID: runID, at: now())
        let status: StepStatus = summary.failed == 0 ? .succeeded : (summary.sent == 0 && summary.candidates > 0 ? .failed : .degraded)
        return StepResult(status, rows: summary.sent, detail: summary.description)
    }

    /// A run's status from its steps': failed when any failed, degraded when any was, else succeeded.
    static func status(of outcomes: [StepOutcome]) -> PipelineRunStatus {
        if outcomes.contains(where: { $0.status == .failed && $0.step != .alerts && $0.step != .report }) { return .failed }
        if outcomes.contains(where: { $0.status == .failed || $0.status == .degraded }) { return .degraded }
        return .succeeded
    }

    /// A new run's identifier: `run-20261127T070000Z-3f9a1c`.
    static func newRunID(at time: Date) -> String {
        let stamp = Timestamp.iso(time).filter { $0.isNumber || $0 == "T" }.prefix(15)
        return "run-\(stamp)Z-" + String(UInt32.random(in: 0...UInt32.max), radix: 16)
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// An error's description on one line, so it fits a log line and a table cell.
    static func oneLine(_ error: any Error) -> String {
        String(describing: error).split(separator: "\n").first.map(String.init) ?? "unknown error"
    }
}

/// How a run went.
public struct PipelineResult: Sendable {
    /// The run's identifier in `ops.pipeline_runs`.
    public let runID: String
    /// How it went.
    public let status: PipelineRunStatus
    /// Each step's outcome, in order.
    public let steps: [StepOutcome]
    /// Its wall-clock seconds.
    public let seconds: Double
    /// A run that had stopped midway and whose work this one redid.
    public let abandonedRun: String?
}
