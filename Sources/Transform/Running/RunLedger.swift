import Foundation
import TenureCore
import Warehouse

/// The runner's records in `ops`: one row per model per run, one per test per run.
enum RunLedger {
    static let modelRuns = TableName(.ops, "model_runs")
    static let testResults = TableName(.ops, "test_results")

    /// Creates the tables when missing.
    static func prepare(_ warehouse: any Warehouse) async throws {
        try await warehouse.createTable(modelRuns, columns: [
            ColumnDefinition("run_id", .text, isNullable: false), ColumnDefinition("model", .text, isNullable: false),
            ColumnDefinition("layer", .text), ColumnDefinition("materialization", .text), ColumnDefinition("status", .text, isNullable: false),
            ColumnDefinition("rows", .integer), ColumnDefinition("incremental", .integer), ColumnDefinition("seconds", .real),
            ColumnDefinition("run_date", .text), ColumnDefinition("finished_at", .text), ColumnDefinition("message", .text),
        ], ifNotExists: true)
        try await warehouse.createIndex("ix_model_runs_model", on: modelRuns, columns: ["model", "finished_at"])
        try await warehouse.createTable(testResults, columns: [
            ColumnDefinition("run_id", .text, isNullable: false), ColumnDefinition("test_name", .text, isNullable: false),
            ColumnDefinition("model", .text), ColumnDefinition("column_name", .text), ColumnDefinition("test_type", .text),
            ColumnDefinition("severity", .text), ColumnDefinition("status", .text, isNullable: false), ColumnDefinition("failures", .integer),
            ColumnDefinition("sample", .text), ColumnDefinition("message", .text), ColumnDefinition("run_date", .text),
            ColumnDefinition("executed_at", .text),
        ], ifNotExists: true)
        try await warehouse.createIndex("ix_test_results_run", on: testResults, columns: ["run_id"])
    }

    /// Records a model's outcome.
    static func record(_ outcome: ModelOutcome, runID: String, runDate: String, in warehouse: any Warehouse) async throws {
        try await warehouse.bulkInsert(
            into: modelRuns,
            columns: ["run_id", "model", "layer", "materialization", "status", "rows", "incremental", "seconds", "run_date", "finished_at", "message"],
            rows: [[.text(runID), .text(outcome.model.name), .text(outcome.model.layer.rawValue), .text(outcome.model.materialization.rawValue),
                    .text(outcome.status.rawValue), .integer(Int64(outcome.rows)), .integer(outcome.incremental ? 1 : 0),
                    .real(outcome.seconds), .text(runDate), .text(now()), outcome.message.map(SQLValue.text) ?? .null]])
    }

    /// Records test outcomes.
    static func record(_ outcomes: [TestOutcome], runID: String, runDate: String, in warehouse: any Warehouse) async throws {
        guard !outcomes.isEmpty else { return }
        let executed = now()
        try await warehouse.bulkInsert(
            into: testResults,
            columns: ["run_id", "test_name", "model", "column_name", "test_type", "severity", "status", "failures", "sample", "message", "run_date", "executed_at"],
            rows: outcomes.map { outcome in
                [.text(runID), .text(outcome.test.name), .text(outcome.test.model), outcome.test.column.map(SQLValue.text) ?? .null,
                 .text(outcome.test.kindName), .text(outcome.test.severity.rawValue), .text(outcome.status.rawValue),
                 .integer(Int64(outcome.failures)), outcome.sample.isEmpty ? .null : .text(outcome.sample),
                 outcome.message.map(SQLValue.text) ?? .null, .text(runDate), .text(executed)]
            })
    }

    /// The run date of the model's last successful build, if any.
    static func lastBuiltRunDate(of model: String, in warehouse: any Warehouse) async throws -> String? {
        try await warehouse.query(
            "SELECT run_date FROM \(modelRuns.sql) WHERE model = ? AND status = 'success' ORDER BY finished_at DESC LIMIT 1",
            [.text(model)]).first?.string("run_date")
    }

    /// A new run's identifier: `20261127T101500Z-3f9a1c`.
    static func newRunID() -> String {
        let stamp = now().filter { $0.isNumber || $0 == "T" }.prefix(15) + "Z"
        return stamp + "-" + String(UInt32.random(in: 0...UInt32.max), radix: 16)
    }

    /// The current UTC time in ISO 8601 with milliseconds.
    static func now() -> String { Timestamp.iso(Date()) }
}
