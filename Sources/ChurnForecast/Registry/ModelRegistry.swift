import ChurnModel
import Foundation
import TenureCore
import Warehouse

/// The churn models trained so far, in the warehouse: `ml.model_runs` (every training attempt,
/// with its parameters, data window, figures and time) and `ml.model_versions` (every model
/// trained, its figures and its XGBoost JSON). One version is the champion, which scoring uses.
///
/// A new model becomes champion only when it beats the champion's out-of-time validation ROC
/// AUC; `promote` overrides that, for a person who knows better.
public struct ModelRegistry: Sendable {
    /// Every training attempt.
    public static let runs = TableName(.ml, "model_runs")
    /// Every model trained.
    public static let versions = TableName(.ml, "model_versions")

    let warehouse: any SQLExecutor

    /// The registry in `warehouse`.
    public init(_ warehouse: any SQLExecutor) { self.warehouse = warehouse }

    static let runColumns = [
        ColumnDefinition("run_id", .text), ColumnDefinition("started_at", .text), ColumnDefinition("finished_at", .text),
        ColumnDefinition("seconds", .real), ColumnDefinition("status", .text), ColumnDefinition("model_version", .integer),
        ColumnDefinition("parameters", .text), ColumnDefinition("features", .text), ColumnDefinition("settings", .text),
        ColumnDefinition("training_from", .text), ColumnDefinition("training_to", .text),
        ColumnDefinition("validation_from", .text), ColumnDefinition("validation_to", .text),
        ColumnDefinition("training_rows", .integer), ColumnDefinition("validation_rows", .integer),
        ColumnDefinition("validation_auc", .real), ColumnDefinition("figures", .text),
        ColumnDefinition("became_champion", .integer), ColumnDefinition("message", .text), ColumnDefinition("mlflow_run_id", .text),
    ]

    static let versionColumns = [
        ColumnDefinition("model_version", .integer), ColumnDefinition("run_id", .text), ColumnDefinition("created_at", .text),
        ColumnDefinition("validation_auc", .real), ColumnDefinition("figures", .text), ColumnDefinition("features", .text),
        ColumnDefinition("parameters", .text), ColumnDefinition("artifact", .text),
        ColumnDefinition("is_champion", .integer), ColumnDefinition("champion_since", .text),
    ]

    /// Creates the tables when missing.
    public func prepare() async throws {
        try await warehouse.createTable(Self.runs, columns: Self.runColumns, ifNotExists: true)
        try await warehouse.createTable(Self.versions, columns: Self.versionColumns, ifNotExists: true)
    }

    /// Records a training that produced `result` as a new version, which becomes champion when it
    /// beats the current one.
    public func register(_ result: ChurnTrainingResult, settings: ChurnSettings, startedAt: Date,
                         finishedAt: Date = Date()) async throws -> Registration {
        try await prepare()
        let champion = try await self.champion()
        let version = (try await warehouse.query("SELECT MAX(model_version) AS latest FROM \(Self.versions.sql)").first?.int("latest") ?? 0) + 1
        let wins = champion.map { result.validationAUC > $0.validationAUC } ?? true
        let runID = Self.runID(startedAt)
        let figures = try Self.json(result.figures)
        let parameters = try Self.json(result.parameters)
        let features = try Self.json(result.features)
        let stamp = Self.timestamp(finishedAt)
        guard let artifact = String(data: result.model, encoding: .utf8) else { throw ChurnForecastError("the model's JSON is not UTF-8") }
        try await execute { transaction in
            if wins {
                try await transaction.execute("UPDATE \(Self.versions.sql) SET is_champion = ? WHERE is_champion = ?", [.integer(0), .integer(1)])
            }
            try await transaction.execute("INSERT INTO \(Self.versions.sql) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
                .integer(Int64(version)), .text(runID), .text(stamp), .real(result.validationAUC), .text(figures), .text(features),
                .text(parameters), .text(artifact), .integer(wins ? 1 : 0), wins ? .text(stamp) : .null,
            ])
            try await transaction.execute("INSERT INTO \(Self.runs.sql) VALUES (\(Array(repeating: "?", count: Self.runColumns.count).joined(separator: ", ")))", [
                .text(runID), .text(Self.timestamp(startedAt)), .text(stamp), .real(result.seconds), .text("succeeded"), .integer(Int64(version)),
                .text(parameters), .text(features), .text(try Self.json(settings)),
                .text(result.trainingCutoffs.first ?? ""), .text(result.trainingCutoffs.last ?? ""),
                .text(result.validationCutoffs.first ?? ""), .text(result.validationCutoffs.last ?? ""),
                .integer(Int64(result.trainingRows)), .integer(Int64(result.validationRows)), .real(result.validationAUC), .text(figures),
                .integer(wins ? 1 : 0), .text(Self.verdict(result.validationAUC, version: version, champion: champion, wins: wins)), .null,
            ])
        }
        return Registration(runID: runID, version: version, becameChampion: wins, previousChampion: champion.map { ($0.version, $0.validationAUC) })
    }

    /// Records a training that failed, with why.
    public func recordFailure(_ message: String, settings: ChurnSettings, startedAt: Date, finishedAt: Date = Date()) async throws {
        try await prepare()
        var values = [SQLValue](repeating: .null, count: Self.runColumns.count)
        values[0] = .text(Self.runID(startedAt)); values[1] = .text(Self.timestamp(startedAt)); values[2] = .text(Self.timestamp(finishedAt))
        values[3] = .real(finishedAt.timeIntervalSince(startedAt)); values[4] = .text("failed"); values[8] = .text(try Self.json(settings))
        values[17] = .integer(0); values[18] = .text(message)
        try await warehouse.execute("INSERT INTO \(Self.runs.sql) VALUES (\(values.map { _ in "?" }.joined(separator: ", ")))", values)
    }

    /// Notes the MLflow run a registry run was also logged as.
    public func recordMLflowRun(_ mlflowRunID: String, for runID: String) async throws {
        try await warehouse.execute("UPDATE \(Self.runs.sql) SET mlflow_run_id = ? WHERE run_id = ?", [.text(mlflowRunID), .text(runID)])
    }

    /// Every version, newest first.
    public func list() async throws -> [ModelVersion] {
        guard try await warehouse.tableExists(Self.versions) else { return [] }
        return try await warehouse.query("SELECT * FROM \(Self.versions.sql) ORDER BY model_version DESC").map(ModelVersion.init)
    }

    /// Version `number`.
    public func version(_ number: Int) async throws -> ModelVersion? {
        guard try await warehouse.tableExists(Self.versions) else { return nil }
        return try await warehouse.query("SELECT * FROM \(Self.versions.sql) WHERE model_version = ?", [.integer(Int64(number))])
            .first.map(ModelVersion.init)
    }

    /// The version scoring uses, if any model was trained.
    public func champion() async throws -> ModelVersion? {
        guard try await warehouse.tableExists(Self.versions) else { return nil }
        return try await warehouse.query("SELECT * FROM \(Self.versions.sql) WHERE is_champion = ? ORDER BY model_version DESC", [.integer(1)])
            .first.map(ModelVersion.init)
    }

    /// Makes version `number` the champion, whatever its figures.
    public func promote(_ number: Int, at time: Date = Date()) async throws {
        guard try await version(number) != nil else { throw ChurnForecastError("there is no model version \(number): `tenure model list` shows them") }
        try await execute { transaction in
            try await transaction.execute("UPDATE \(Self.versions.sql) SET is_champion = ?, champion_since = NULL WHERE is_champion = ?", [.integer(0), .integer(1)])
            try await transaction.execute("UPDATE \(Self.versions.sql) SET is_champion = ?, champion_since = ? WHERE model_version = ?",
                                          [.integer(1), .text(Self.timestamp(time)), .integer(Int64(number))])
        }
    }

    private func execute(_ body: @escaping @Sendable (any WarehouseTransaction) async throws -> Void) async throws {
        guard let warehouse = warehouse as? any Warehouse else { throw ChurnForecastError("the registry needs a warehouse to write to") }
        try await warehouse.transaction { try await body($0) }
    }

    static func verdict(_ auc: Double, version: Int, champion: ModelVersion?, wins: Bool) -> String {
        guard let champion else { return "version \(version) is the first model and the champion" }
        let figures = String(format: "validation ROC AUC %.4f vs %.4f", auc, champion.validationAUC)
        return wins ? "version \(version) replaced champion \(champion.version): \(figures)"
            : "champion \(champion.version) kept: \(figures)"
    }

    static func runID(_ time: Date) -> String {
        "train-" + timestamp(time).filter { $0.isNumber } + "-" + String(UInt32.random(in: 0...UInt32.max), radix: 16)
    }

    static func timestamp(_ time: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: time)
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // A metric can be undefined (no positive among the top k); JSON has no NaN.
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

/// What registering a training did.
public struct Registration: Sendable {
    /// The registry's run id.
    public let runID: String
    /// The new version's number.
    public let version: Int
    /// Whether it is now the champion.
    public let becameChampion: Bool
    /// The champion before it, and its validation ROC AUC.
    public let previousChampion: (version: Int, validationAUC: Double)?
}
