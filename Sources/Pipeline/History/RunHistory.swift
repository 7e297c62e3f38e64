import Foundation
import TenureCore
import Warehouse

/// The pipeline's own records in `ops`: one row per run (`ops.pipeline_runs`) and one per step of
/// a run (`ops.step_runs`), written as the run goes, so a run killed midway leaves a trace.
public struct RunHistory: Sendable {
    /// One row per run.
    public static let runs = TableName(.ops, "pipeline_runs")
    /// One row per step of a run.
    public static let steps = TableName(.ops, "step_runs")

    let warehouse: any SQLExecutor

    /// The history in `warehouse`.
    public init(_ warehouse: any SQLExecutor) { self.warehouse = warehouse }

    /// Creates the tables when missing.
    public func prepare() async throws {
        try await warehouse.createTable(Self.runs, columns: [
            ColumnDefinition("run_id", .text, isNullable: false), ColumnDefinition("trigger", .text), ColumnDefinition("status", .text, isNullable: false),
            ColumnDefinition("started_at", .text, isNullable: false), ColumnDefinition("finished_at", .text), ColumnDefinition("seconds", .real),
            ColumnDefinition("host", .text), ColumnDefinition("pid", .integer), ColumnDefinition("summary", .text),
        ], ifNotExists: true)
        try await warehouse.createIndex("ux_pipeline_runs_run", on: Self.runs, columns: ["run_id"], unique: true)
        try await warehouse.createTable(Self.steps, columns: [
            ColumnDefinition("run_id", .text, isNullable: false), ColumnDefinition("position", .integer), ColumnDefinition("step", .text, isNullable: false),
            ColumnDefinition("status", .text, isNullable: false), ColumnDefinition("started_at", .text), ColumnDefinition("finished_at", .text),
            ColumnDefinition("seconds", .real), ColumnDefinition("rows", .integer), ColumnDefinition("detail", .text),
        ], ifNotExists: true)
        try await warehouse.createIndex("ux_step_runs_step", on: Self.steps, columns: ["run_id", "step"], unique: true)
    }

    /// Records that run `id` started.
    func begin(_ id: String, trigger: PipelineTrigger, at time: Date, host: String, pid: Int32) async throws {
        try await warehouse.execute(
            "INSERT INTO \(Self.runs.sql) (run_id, trigger, status, started_at, host, pid) VALUES (?, ?, ?, ?, ?, ?)",
            [.text(id), .text(trigger.rawValue), .text(PipelineRunStatus.running.rawValue), .text(Timestamp.iso(time)), .text(host), .integer(Int64(pid))])
    }

    /// Records that a step started.
    func begin(_ step: PipelineStep, of run: String, at time: Date) async throws {
        try await warehouse.execute(
            "INSERT INTO \(Self.steps.sql) (run_id, position, step, status, started_at) VALUES (?, ?, ?, ?, ?)",
            [.text(run), .integer(Int64(step.position)), .text(step.rawValue), .text(StepStatus.running.rawValue), .text(Timestamp.iso(time))])
    }

    /// Records how a step ended.
    func finish(_ outcome: StepOutcome, of run: String) async throws {
        try await warehouse.execute(
            "UPDATE \(Self.steps.sql) SET status = ?, finished_at = ?, seconds = ?, rows = ?, detail = ? WHERE run_id = ? AND step = ?",
            [.text(outcome.status.rawValue), .text(Timestamp.iso(outcome.finishedAt)), .real(outcome.seconds), .integer(Int64(outcome.rows)),
             .text(outcome.detail), .text(run), .text(outcome.step.rawValue)])
    }

    /// Records how a run ended.
    func finish(_ run: String, status: PipelineRunStatus, at time: Date, seconds: Double, summary: String) async throws {
        try await warehouse.execute(
            "UPDATE \(Self.runs.sql) SET status = ?, finished_at = ?, seconds = ?, summary = ? WHERE run_id = ?",
            [.text(status.rawValue), .text(Timestamp.iso(time)), .real(seconds), .text(summary), .text(run)])
    }

    /// Marks a run that stopped without finishing (killed, or its machine lost) as abandoned,
    /// with the step it was in.
    func abandon(_ run: String, at time: Date, reason: String) async throws {
        try await warehouse.execute(
            "UPDATE \(Self.steps.sql) SET status = ?, finished_at = ?, detail = ? WHERE run_id = ? AND status = ?",
            [.text(StepStatus.abandoned.rawValue), .text(Timestamp.iso(time)), .text(reason), .text(run), .text(StepStatus.running.rawValue)])
        try await warehouse.execute(
            "UPDATE \(Self.runs.sql) SET status = ?, finished_at = ?, summary = ? WHERE run_id = ? AND status = ?",
            [.text(PipelineRunStatus.abandoned.rawValue), .text(Timestamp.iso(time)), .text(reason), .text(run),
             .text(PipelineRunStatus.running.rawValue)])
    }

    /// The latest runs, newest first.
    public func recent(limit: Int = 50) async throws -> [PipelineRunRecord] {
        guard try await warehouse.tableExists(Self.runs) else { return [] }
        return try await warehouse.query("SELECT * FROM \(Self.runs.sql) ORDER BY started_at DESC, run_id DESC LIMIT \(max(1, limit))")
            .map(PipelineRunRecord.init)
    }

    /// Run `id`, if there is one.
    public func run(_ id: String) async throws -> PipelineRunRecord? {
        guard try await warehouse.tableExists(Self.runs) else { return nil }
        return try await warehouse.query("SELECT * FROM \(Self.runs.sql) WHERE run_id = ?", [.text(id)]).first.map(PipelineRunRecord.init)
    }

    /// A run's steps, in order.
    public func steps(of run: String) async throws -> [StepRecord] {
        guard try await warehouse.tableExists(Self.steps) else { return [] }
        return try await warehouse.query("SELECT * FROM \(Self.steps.sql) WHERE run_id = ? ORDER BY position", [.text(run)]).map(StepRecord.init)
    }
}

/// One run as `ops.pipeline_runs` holds it.
public struct PipelineRunRecord: Sendable, Equatable {
    /// The run's identifier.
    public let id: String
    /// Who started it: by hand or by the schedule.
    public let trigger: String
    /// How it went (or `running`).
    public let status: String
    /// When it started and finished (ISO 8601, UTC).
    public let startedAt: String, finishedAt: String?
    /// Its wall-clock seconds.
    public let seconds: Double?
    /// One line per step worth saying.
    public let summary: String?

    init(_ row: Row) {
        id = row.string("run_id") ?? ""
        trigger = row.string("trigger") ?? ""
        status = row.string("status") ?? ""
        startedAt = row.string("started_at") ?? ""
        finishedAt = row.string("finished_at")
        seconds = row.double("seconds")
        summary = row.string("summary")
    }
}

/// One step of a run as `ops.step_runs` holds it.
public struct StepRecord: Sendable, Equatable {
    /// The step's name.
    public let step: String
    /// How it went.
    public let status: String
    /// Its wall-clock seconds, when finished.
    public let seconds: Double?
    /// Rows it handled (records landed, rows built, customers scored, alerts sent).
    public let rows: Int?
    /// What it did, in a line.
    public let detail: String?

    init(_ row: Row) {
        step = row.string("step") ?? ""
        status = row.string("status") ?? ""
        seconds = row.double("seconds")
        rows = row.int("rows")
        detail = row.string("detail")
    }
}
