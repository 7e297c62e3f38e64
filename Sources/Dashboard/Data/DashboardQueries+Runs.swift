import Foundation
import Warehouse

extension DashboardQueries {
    /// One build of the models: when, how long, what failed.
    public struct BuildRun: Sendable, Codable {
        public var runID: String, runDate: String?, startedAt: String?, finishedAt: String?
        /// Models built, failed, and skipped because something upstream failed.
        public var built: Int, failed: Int, skipped: Int
        /// Data tests that failed with severity error, and with warn.
        public var testErrors: Int, testWarnings: Int
        /// The sum of the models' build times.
        public var seconds: Double
    }

    /// One step (a model's build) of a run.
    public struct BuildStep: Sendable, Codable {
        public var model: String, layer: String, materialization: String, status: String
        public var rows: Int?, seconds: Double, finishedAt: String?, message: String?
    }

    /// The latest `limit` builds, newest first.
    public func buildRuns(limit: Int = 50) async throws -> [BuildRun] {
        let runs = TableName(.ops, "model_runs"), tests = TableName(.ops, "test_results")
        guard try await warehouse.tableExists(runs) else { return [] }
        let hasTests = try await warehouse.tableExists(tests)
        let testCounts = hasTests ? """
            LEFT JOIN (SELECT run_id,
                              SUM(CASE WHEN status <> 'pass' AND severity = 'error' THEN 1 ELSE 0 END) AS errors,
                              SUM(CASE WHEN status <> 'pass' AND severity = 'warn' THEN 1 ELSE 0 END) AS warnings
                       FROM \(tests.sql) GROUP BY run_id) t ON t.run_id = r.run_id
            """ : ""
        return try await warehouse.query("""
            SELECT r.run_id, MAX(r.run_date) AS run_date, MIN(r.finished_at) AS first_finished, MAX(r.finished_at) AS finished,
                   SUM(CASE WHEN r.status = 'success' THEN 1 ELSE 0 END) AS built,
                   SUM(CASE WHEN r.status = 'error' THEN 1 ELSE 0 END) AS failed,
                   SUM(CASE WHEN r.status = 'skipped' THEN 1 ELSE 0 END) AS skipped,
                   SUM(r.seconds) AS seconds\(hasTests ? ", MAX(t.errors) AS errors, MAX(t.warnings) AS warnings" : "")
            FROM \(runs.sql) r \(testCounts)
            GROUP BY r.run_id ORDER BY MAX(r.finished_at) DESC LIMIT \(max(1, limit))
            """).map {
            BuildRun(runID: $0.string("run_id") ?? "", runDate: $0.string("run_date"), startedAt: $0.string("first_finished"),
                     finishedAt: $0.string("finished"), built: $0.int("built") ?? 0, failed: $0.int("failed") ?? 0, skipped: $0.int("skipped") ?? 0,
                     testErrors: $0.int("errors") ?? 0, testWarnings: $0.int("warnings") ?? 0, seconds: $0.double("seconds") ?? 0)
        }
    }

    /// The steps of run `runID` in the order they finished; empty when there is no such run.
    public func buildSteps(of runID: String) async throws -> [BuildStep] {
        let runs = TableName(.ops, "model_runs")
        guard try await warehouse.tableExists(runs) else { return [] }
        return try await warehouse.query("""
            SELECT model, layer, materialization, status, rows, seconds, finished_at, message FROM \(runs.sql)
            WHERE run_id = ? ORDER BY finished_at, model
            """, [.text(runID)]).map {
            BuildStep(model: $0.string("model") ?? "", layer: $0.string("layer") ?? "", materialization: $0.string("materialization") ?? "",
                      status: $0.string("status") ?? "", rows: $0.int("rows"), seconds: $0.double("seconds") ?? 0,
                      finishedAt: $0.string("finished_at"), message: $0.string("message"))
        }
    }
}
