import Foundation
import Logging
import TenureCore
import Warehouse

/// Builds and tests a ``Project`` against a warehouse, as of a run date.
///
/// Each table is built beside the old one (`<name>__tenure_new`), tested there, and swapped in
/// only when no error-severity test fails, so readers never see half a table and a bad build
/// leaves the last good table in place. A model that fails stops only the models that read it.
public struct ProjectRunner: Sendable {
    /// The project to run.
    public let project: Project
    let warehouse: any Warehouse
    let swiftModels: [String: any SwiftModel]
    let logger: Logger

    /// Creates a runner; `swiftModels` implement the project's `materialized: swift` models.
    public init(project: Project, warehouse: any Warehouse, swiftModels: [any SwiftModel] = [], logger: Logger) {
        self.project = project
        self.warehouse = warehouse
        self.swiftModels = Dictionary(swiftModels.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.logger = logger
    }

    /// The run date: `explicit` when given (checked to be `YYYY-MM-DD`), else the project's
    /// `run_date` query (the newest day in the data), else today.
    public func resolveRunDate(_ explicit: String?) async throws -> String {
        if let explicit {
            guard Self.isISODate(explicit) else { throw TransformError(.run, "the run date must be YYYY-MM-DD, not '\(explicit)'") }
            return explicit
        }
        guard let query = project.runDateQuery else { return String(RunLedger.now().prefix(10)) }
        for source in query.sources { try await refreshSource(source) }
        let sql = query.render(context(runDate: "", building: nil))
        let value: String?
        do { value = try await warehouse.query(sql).first?.values.first.flatMap(Self.text) } catch {
            throw TransformError(.run, "cannot find the default run date (\(Self.firstLine(error))); ingest data first, or pass --run-date")
        }
        guard let value, Self.isISODate(String(value.prefix(10))) else {
            throw TransformError(.run, "there is no data to find the run date from; run `tenure ingest` first, or pass --run-date")
        }
        return String(value.prefix(10))
    }

    /// Builds the selected models in dependency order, with their tests; `progress` is told
    /// about each model as it finishes.
    public func build(_ selection: Selection, runDate explicitRunDate: String? = nil, fullRefresh: Bool = false,
                      progress: @Sendable (ModelOutcome) -> Void = { _ in }) async throws -> BuildReport {
        let runDate = try await resolveRunDate(explicitRunDate)
        let runID = RunLedger.newRunID()
        try await RunLedger.prepare(warehouse)
        let selected = try selection.models(in: project)
        var failedSources: [SourceReference: String] = [:]
        for source in Set(selected.flatMap { project.models[$0]?.sources ?? [] }) {
            do { try await refreshSource(source) } catch { failedSources[source] = Self.firstLine(error) }
        }
        logger.info("build started", metadata: ["run": "\(runID)", "run_date": "\(runDate)", "models": "\(selected.count)"])

        var failed: Set<String> = []
        var outcomes: [ModelOutcome] = []
        for name in selected {
            guard let model = project.models[name] else { continue }
            let started = ContinuousClock.now
            let outcome: ModelOutcome
            if let blocker = (model.dependencies + model.tests.flatMap(\.otherModels)).first(where: failed.contains) {
                outcome = ModelOutcome(model: model, status: .skipped, rows: 0, incremental: false, seconds: 0, tests: [],
                                       message: "skipped: \(blocker) failed")
            } else if let source = model.sources.first(where: { failedSources[$0] != nil }) {
                outcome = ModelOutcome(model: model, status: .error, rows: 0, incremental: false, seconds: 0, tests: [],
                                       message: "\(source) cannot be read: \(failedSources[source] ?? "")")
            } else {
                do {
                    outcome = try await build(model, runDate: runDate, fullRefresh: fullRefresh, indexTag: String(runID.suffix(8)), started: started)
                } catch {
                    try? await warehouse.dropRelation(Self.staging(of: model))
                    outcome = ModelOutcome(model: model, status: .error, rows: 0, incremental: false,
                                           seconds: Self.seconds(since: started), tests: [], message: Self.firstLine(error))
                }
            }
            if outcome.status != .success { failed.insert(name) }
            try await RunLedger.record(outcome, runID: runID, runDate: runDate, in: warehouse)
            try await RunLedger.record(outcome.tests, runID: runID, runDate: runDate, in: warehouse)
            outcomes.append(outcome)
            progress(outcome)
        }
        return BuildReport(runID: runID, runDate: runDate, models: outcomes)
    }

    /// Runs the selected models' tests against their current tables and records the results.
    public func test(_ selection: Selection, runDate explicitRunDate: String? = nil,
                     progress: @Sendable (TestOutcome) -> Void = { _ in }) async throws -> (runID: String, runDate: String, outcomes: [TestOutcome]) {
        let runDate = try await resolveRunDate(explicitRunDate)
        let runID = RunLedger.newRunID()
        try await RunLedger.prepare(warehouse)
        var outcomes: [TestOutcome] = []
        for name in try selection.models(in: project) {
            guard let model = project.models[name] else { continue }
            let results = try await runTests(of: model, relation: model.table.sql, runDate: runDate, on: warehouse, report: progress)
            try await RunLedger.record(results, runID: runID, runDate: runDate, in: warehouse)
            outcomes += results
        }
        return (runID, runDate, outcomes)
    }

    // MARK: - Building one model

    private func build(_ model: Model, runDate: String, fullRefresh: Bool, indexTag: String, started: ContinuousClock.Instant) async throws -> ModelOutcome {
        let staging = Self.staging(of: model)
        switch model.materialization {
        case .view:
            return try await buildView(model, runDate: runDate, started: started)
        case .incremental:
            // Merging is right only moving forward in time: an earlier run date needs rows removed.
            if !fullRefresh, try await warehouse.relationKind(model.table) == .table,
               let last = try await RunLedger.lastBuiltRunDate(of: model.name, in: warehouse), last <= runDate {
                return try await merge(model, runDate: runDate, started: started)
            }
            fallthrough
        case .table:
            guard let template = model.template else { throw TransformError(.run, "\(model.name) has no SQL") }
            try await warehouse.dropRelation(staging)
            let sql = template.render(context(runDate: runDate, building: model, this: model.table.sql))
            try await warehouse.execute("CREATE TABLE \(staging.sql) AS \(sql)")
        case .seed, .swift:
            let output = try await rows(of: model, runDate: runDate)
            try await warehouse.dropRelation(staging)
            try await warehouse.createTable(staging, columns: output.columns)
            try await warehouse.bulkInsert(into: staging, columns: output.columns.map(\.name), rows: output.rows)
        }
        logger.info("model selected", metadata: ["model": "\(model.name)", "seconds": "\(Self.seconds(since: started))"])
        // Indexed before testing, so tests that look rows up (relationships, SQL tests) are not
        // quadratic; each build's index names are its own, as the old table's still exist.
        for columns in model.indexes where !columns.isEmpty {
            try await warehouse.createIndex("ix_\(model.name)_\(columns.joined(separator: "_"))_\(indexTag)", on: staging, columns: columns)
        }
        let rows = try await count(staging)
        logger.info("model indexed", metadata: ["model": "\(model.name)", "seconds": "\(Self.seconds(since: started))"])
        let tests = try await runTests(of: model, relation: staging.sql, runDate: runDate, on: warehouse)
        logger.info("model tested", metadata: ["model": "\(model.name)", "seconds": "\(Self.seconds(since: started))"])
        if let failing = Self.blockingSummary(tests) {
            try await warehouse.dropRelation(staging)
            return ModelOutcome(model: model, status: .error, rows: rows, incremental: false, seconds: Self.seconds(since: started),
                                tests: tests, message: "\(failing); the previous table stays in place")
        }
        try await warehouse.swapIn(staging, as: model.table)
        return ModelOutcome(model: model, status: .success, rows: rows, incremental: false, seconds: Self.seconds(since: started),
                            tests: tests, message: nil)
    }

    /// A view is replaced and tested in one transaction, rolled back when a test fails.
    private func buildView(_ model: Model, runDate: String, started: ContinuousClock.Instant) async throws -> ModelOutcome {
        guard let template = model.template else { throw TransformError(.run, "\(model.name) has no SQL") }
        let sql = template.render(context(runDate: runDate, building: nil, this: model.table.sql))
        let result: Result<[TestOutcome], RejectedBuild> = try await attempt { transaction in
            try await transaction.dropRelation(model.table)
            try await transaction.execute("CREATE VIEW \(model.table.sql) AS \(sql)")
            return try await runTests(of: model, relation: model.table.sql, runDate: runDate, on: transaction)
        }
        let seconds = Self.seconds(since: started)
        switch result {
        case .success(let tests):
            return ModelOutcome(model: model, status: .success, rows: try await count(model.table), incremental: false,
                                seconds: seconds, tests: tests, message: nil)
        case .failure(let rejected):
            return ModelOutcome(model: model, status: .error, rows: 0, incremental: false, seconds: seconds, tests: rejected.tests,
                                message: "\(rejected.summary); the previous view stays in place")
        }
    }

    /// An incremental run: the rows the model selects as new are merged by unique key, and the
    /// table is tested before the merge commits.
    private func merge(_ model: Model, runDate: String, started: ContinuousClock.Instant) async throws -> ModelOutcome {
        guard let template = model.template, let key = model.uniqueKey else { throw TransformError(.run, "\(model.name) has no SQL") }
        let staging = Self.staging(of: model)
        try await warehouse.dropRelation(staging)
        let sql = template.render(context(runDate: runDate, building: model, this: model.table.sql, incremental: true))
        try await warehouse.execute("CREATE TABLE \(staging.sql) AS \(sql)")
        let delta = try await count(staging)
        let columns = try await warehouse.columns(of: staging)
        guard columns == (try await warehouse.columns(of: model.table)) else {
            try await warehouse.dropRelation(staging)
            throw TransformError(.run, "\(model.name)'s columns changed; rebuild it with --full-refresh")
        }
        let list = columns.map(SQLIdentifier.quoted).joined(separator: ", ")
        let quotedKey = SQLIdentifier.quoted(key)
        let result: Result<[TestOutcome], RejectedBuild> = try await attempt { transaction in
            if delta > 0 {
                try await transaction.execute("DELETE FROM \(model.table.sql) WHERE \(quotedKey) IN (SELECT \(quotedKey) FROM \(staging.sql))")
                try await transaction.execute("INSERT INTO \(model.table.sql) (\(list)) SELECT \(list) FROM \(staging.sql)")
            }
            return try await runTests(of: model, relation: model.table.sql, runDate: runDate, on: transaction)
        }
        try await warehouse.dropRelation(staging)
        let seconds = Self.seconds(since: started)
        switch result {
        case .success(let tests):
            return ModelOutcome(model: model, status: .success, rows: delta, incremental: true, seconds: seconds, tests: tests, message: nil)
        case .failure(let rejected):
            return ModelOutcome(model: model, status: .error, rows: delta, incremental: true, seconds: seconds, tests: rejected.tests,
                                message: "\(rejected.summary); the merge was rolled back")
        }
    }

    /// A seed's rows from its CSV, or a Swift model's computed rows.
    private func rows(of model: Model, runDate: String) async throws -> SwiftModelOutput {
        if let seed = model.seedRows, let header = seed.first {
            return SwiftModelOutput(columns: header.map { ColumnDefinition($0, .text) },
                                    rows: seed.dropFirst().map { $0.map { $0.isEmpty ? .null : .text($0) } })
        }
        guard let implementation = swiftModels[model.name] else {
            throw TransformError(.run, "no Swift implementation is registered for \(model.name)")
        }
        let base = context(runDate: runDate, building: nil)
        return try await implementation.rows(SwiftModelContext(
            warehouse: warehouse, runDate: runDate, relation: base.relation, source: base.source, logger: logger))
    }

    /// Runs `body` in a transaction that is rolled back when an error-severity test fails.
    private func attempt(_ body: @escaping @Sendable (any WarehouseTransaction) async throws -> [TestOutcome]) async throws
        -> Result<[TestOutcome], RejectedBuild> {
        do {
            return .success(try await warehouse.transaction { transaction in
                let tests = try await body(transaction)
                if let summary = Self.blockingSummary(tests) { throw RejectedBuild(tests: tests, summary: summary) }
                return tests
            })
        } catch let rejected as RejectedBuild {
            return .failure(rejected)
        }
    }

    // MARK: - Tests

    private func runTests(of model: Model, relation: String, runDate: String, on executor: any SQLExecutor,
                          report: @Sendable (TestOutcome) -> Void = { _ in }) async throws -> [TestOutcome] {
        let context = context(runDate: runDate, building: nil, this: relation)
        var outcomes: [TestOutcome] = []
        for test in model.tests {
            let sql = test.failingRowsSQL(relation: relation, context: context)
            let outcome: TestOutcome
            do {
                let failures = try await executor.query("SELECT COUNT(*) AS failures FROM (\(sql)) failing").first?.int("failures") ?? 0
                var sample = ""
                if failures > 0 {
                    sample = try await executor.query("SELECT * FROM (\(sql)) failing LIMIT 5").map { row in
                        zip(row.columns, row.values).map { "\($0)=\(Self.text($1) ?? "NULL")" }.joined(separator: ", ")
                    }.joined(separator: "\n")
                }
                let status: TestOutcome.Status = failures == 0 ? .pass : (test.severity == .warn ? .warn : .fail)
                outcome = TestOutcome(test: test, status: status, failures: failures, sample: sample, message: nil)
            } catch {
                outcome = TestOutcome(test: test, status: .error, failures: 0, sample: "", message: Self.firstLine(error))
            }
            logger.debug("test ran", metadata: ["test": "\(test.name)", "status": "\(outcome.status.rawValue)"])
            report(outcome)
            outcomes.append(outcome)
        }
        return outcomes
    }

    // MARK: - Helpers

    /// How tags render during this run: refs name the models' tables, sources their latest-version views.
    private func context(runDate: String, building model: Model?, this: String = "", incremental: Bool = false) -> RenderContext {
        let models = project.models
        return RenderContext(
            relation: { name in models[name]?.table.sql ?? SQLIdentifier.quoted(name) },
            source: { source in SourceRelation.table(for: source).map { SourceRelation.view(for: $0).sql } ?? SQLIdentifier.quoted(source.table) },
            runDate: runDate, this: this, isIncremental: incremental)
    }

    private func refreshSource(_ source: SourceReference) async throws {
        guard let table = SourceRelation.table(for: source) else {
            throw TransformError(.graph, "unknown \(source)")
        }
        guard try await warehouse.relationKind(table) == .table else {
            throw TransformError(.run, "\(table.layer.rawValue).\(table.name) does not exist yet; run `tenure ingest` first")
        }
        try await SourceRelation.refreshView(of: table, in: warehouse)
    }

    private func count(_ table: TableName) async throws -> Int {
        try await warehouse.query("SELECT COUNT(*) AS n FROM \(table.sql)").first?.int("n") ?? 0
    }

    static func staging(of model: Model) -> TableName { TableName(model.layer, model.name + "__tenure_new") }

    static func blockingSummary(_ tests: [TestOutcome]) -> String? {
        let blocking = tests.filter(\.isBlocking)
        guard !blocking.isEmpty else { return nil }
        return "\(blocking.count) test\(blocking.count == 1 ? "" : "s") failed: " + blocking.prefix(3).map(\.test.name).joined(separator: ", ")
    }

    /// Whether `text` is a real day written `YYYY-MM-DD`.
    static func isISODate(_ text: String) -> Bool {
        text.utf8.count == 10 && CalendarDateText.iso(text) == text
    }

    static func text(_ value: SQLValue) -> String? {
        switch value {
        case .null: nil
        case .integer(let number): String(number)
        case .real(let number): String(number)
        case .text(let text): text
        case .blob(let bytes): "<\(bytes.count) bytes>"
        }
    }

    static func firstLine(_ error: any Error) -> String {
        String(describing: error).split(separator: "\n").first.map(String.init) ?? "unknown error"
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}

/// A build undone because a test failed; carries the tests' outcomes out of the rolled-back transaction.
private struct RejectedBuild: Error {
    let tests: [TestOutcome]
    let summary: String
}
