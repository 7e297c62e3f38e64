import Foundation
import Pipeline
import TenureCore
import Warehouse

/// The warehouse's state in Prometheus's text exposition format, for `GET /metrics`: pipeline
/// runs and their steps, build and model durations, rows per table, each source's freshness, data
/// test failures, predictions per tier, and alerts. Every figure is read from what the pipeline recorded, so a scrape costs
/// a few small queries.
public struct PrometheusMetrics: Sendable {
    let warehouse: any SQLExecutor

    /// Metrics of `warehouse`.
    public init(_ warehouse: any SQLExecutor) { self.warehouse = warehouse }

    /// The exposition text; `nextRun` is the schedule's next fire time, when this process has one.
    public func render(now: Date = Date(), nextRun: Date? = nil) async throws -> String {
        var out = Exposition()
        let queries = DashboardQueries(warehouse)
        try await pipelineRuns(into: &out, nextRun: nextRun)
        if let latest = try await queries.buildRuns(limit: 1).first {
            out.family("tenure_build_duration_seconds", "gauge", "Seconds the latest build of the models took, summed over its steps.")
            out.sample("tenure_build_duration_seconds", [:], latest.seconds)
            out.family("tenure_build_models", "gauge", "Models of the latest build, by outcome.")
            for (status, count) in [("success", latest.built), ("error", latest.failed), ("skipped", latest.skipped)] {
                out.sample("tenure_build_models", ["status": status], Double(count))
            }
            if let finished = latest.finishedAt.flatMap(Timestamp.date) {
                out.family("tenure_build_last_finished_timestamp_seconds", "gauge", "When the latest build finished (Unix time).")
                out.sample("tenure_build_last_finished_timestamp_seconds", [:], finished.timeIntervalSince1970)
            }
            let states = try await queries.tableStates()
            out.family("tenure_step_duration_seconds", "gauge", "Seconds each model's step took in the latest build that built it.")
            for state in states {
                out.sample("tenure_step_duration_seconds", ["layer": state.layer, "model": state.model], state.seconds ?? 0)
            }
            out.family("tenure_rows", "gauge", "Rows in each model's table after its latest build.")
            for state in states where state.rows != nil {
                out.sample("tenure_rows", ["layer": state.layer, "model": state.model], Double(state.rows ?? 0))
            }
        }
        let tests = try await queries.latestTests()
        out.family("tenure_data_tests", "gauge", "Data tests by their latest outcome and severity.")
        for status in ["pass", "warn", "fail", "error"] {
            for severity in ["error", "warn"] {
                let count = tests.filter { $0.status == status && $0.severity == severity }.count
                out.sample("tenure_data_tests", ["status": status, "severity": severity], Double(count))
            }
        }
        out.family("tenure_source_last_loaded_timestamp_seconds", "gauge", "When each source's newest batch landed (Unix time).")
        out.family("tenure_source_age_seconds", "gauge", "Seconds since each source's newest batch landed.")
        out.family("tenure_source_rows_landed", "gauge", "Rows each source has landed in bronze.")
        for source in try await queries.freshness() {
            if let loaded = source.lastLoadedAt.flatMap(Timestamp.date) {
                out.sample("tenure_source_last_loaded_timestamp_seconds", ["source": source.source], loaded.timeIntervalSince1970)
                out.sample("tenure_source_age_seconds", ["source": source.source], now.timeIntervalSince(loaded))
            }
            out.sample("tenure_source_rows_landed", ["source": source.source], Double(source.rows))
        }
        if try await warehouse.tableExists(TableName(.gold, "churn_predictions")) {
            out.family("tenure_predictions", "gauge", "Customers scored today, by risk tier.")
            for row in try await warehouse.query("SELECT risk_tier, COUNT(*) AS n FROM gold.churn_predictions GROUP BY risk_tier ORDER BY risk_tier") {
                out.sample("tenure_predictions", ["tier": row.string("risk_tier") ?? ""], Double(row.int("n") ?? 0))
            }
        }
        if try await warehouse.tableExists(RetentionAlerts.table) {
            out.family("tenure_alerts", "gauge", "Alerts to the retention team ever raised, by delivery status.")
            for row in try await warehouse.query("SELECT status, COUNT(*) AS n FROM \(RetentionAlerts.table.sql) GROUP BY status ORDER BY status") {
                out.sample("tenure_alerts", ["status": row.string("status") ?? ""], Double(row.int("n") ?? 0))
            }
        }
        return out.text
    }

    /// The latest finished pipeline run, its steps, when the last good one finished, and the next.
    private func pipelineRuns(into out: inout Exposition, nextRun: Date?) async throws {
        if let nextRun {
            out.family("tenure_pipeline_next_run_timestamp_seconds", "gauge", "When the next scheduled pipeline run starts (Unix time).")
            out.sample("tenure_pipeline_next_run_timestamp_seconds", [:], nextRun.timeIntervalSince1970)
        }
        let history = RunHistory(warehouse)
        let runs = try await history.recent(limit: 200)
        guard let latest = runs.first(where: { $0.finishedAt != nil }) else { return }
        out.family("tenure_pipeline_run_duration_seconds", "gauge", "Seconds the latest finished pipeline run took.")
        out.sample("tenure_pipeline_run_duration_seconds", [:], latest.seconds ?? 0)
        out.family("tenure_pipeline_last_run_status", "gauge", "1 for the status of the latest finished pipeline run, 0 for the others.")
        for status in ["succeeded", "degraded", "failed", "abandoned"] {
            out.sample("tenure_pipeline_last_run_status", ["status": status], latest.status == status ? 1 : 0)
        }
        if let finished = latest.finishedAt.flatMap(Timestamp.date) {
            out.family("tenure_pipeline_last_run_timestamp_seconds", "gauge", "When the latest pipeline run finished (Unix time).")
            out.sample("tenure_pipeline_last_run_timestamp_seconds", [:], finished.timeIntervalSince1970)
        }
        if let published = runs.first(where: { $0.status == "succeeded" || $0.status == "degraded" })?.finishedAt.flatMap(Timestamp.date) {
            out.family("tenure_pipeline_last_published_timestamp_seconds", "gauge", "When a pipeline run last published predictions (Unix time).")
            out.sample("tenure_pipeline_last_published_timestamp_seconds", [:], published.timeIntervalSince1970)
        }
        let steps = try await history.steps(of: latest.id)
        out.family("tenure_pipeline_step_duration_seconds", "gauge", "Seconds each step of the latest finished pipeline run took.")
        for step in steps { out.sample("tenure_pipeline_step_duration_seconds", ["step": step.step, "status": step.status], step.seconds ?? 0) }
        out.family("tenure_pipeline_step_rows", "gauge", "Rows each step of the latest finished pipeline run handled.")
        for step in steps { out.sample("tenure_pipeline_step_rows", ["step": step.step], Double(step.rows ?? 0)) }
    }
}

/// Prometheus's text format: a HELP and TYPE line per family, then its samples.
struct Exposition {
    private(set) var text = ""

    mutating func family(_ name: String, _ type: String, _ help: String) {
        text += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
    }

    mutating func sample(_ name: String, _ labels: [String: String], _ value: Double) {
        let rendered = labels.sorted { $0.key < $1.key }.map { "\($0.key)=\"\(Self.escape($0.value))\"" }.joined(separator: ",")
        let number = value.isFinite ? (value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)) : "NaN"
        text += name + (rendered.isEmpty ? "" : "{\(rendered)}") + " " + number + "\n"
    }

    /// Label values escape backslash, quote and newline.
    static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n")
    }
}
