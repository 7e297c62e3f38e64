import ChurnForecast
import ChurnModel
import Connectors
import Foundation
import Ingestion
import Logging
import Simulator
import TenureCore
import Testing
import Transform
import Unification
import Warehouse
import WarehouseTestSupport

/// The churn forecast on the default simulated bank (500 customers, seed 42), built once into a
/// SQLite warehouse that each test copies: leakage guards, the out-of-time figures, the registry
/// and the predictions with their reasons.
@Suite("Churn forecast on the simulated bank", .serialized)
struct ChurnPipelineTests {
    static let logger = Logger(label: "tenure.churn.tests") { _ in SwiftLogNoOpLogHandler() }
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let settings = ChurnSettings()

    static func models() throws -> [any SwiftModel] {
        try CustomerUnification.models() + ChurnForecast.models(settings: settings)
    }

    static func runner(on warehouse: any Warehouse) throws -> ProjectRunner {
        let models = try models()
        return ProjectRunner(project: try Project.load(from: repository, swiftModels: models), warehouse: warehouse, swiftModels: models, logger: logger)
    }

    /// The built warehouse's folder, made once for the suite.
    static let built = Task<URL, any Error> {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("tenure-churn-\(UUID().uuidString)")
        let bank = root.appendingPathComponent("bank")
        _ = try BankGenerator(specification: try BankSpecification(customers: 500, seed: 42)).generate(into: bank)
        let folder = root.appendingPathComponent("warehouse")
        let warehouse = try await openWarehouse(WarehouseLocation(parsing: "sqlite:" + folder.path), logger: logger)
        let outcomes = await Ingestor(warehouse: warehouse, logger: logger).ingest(SourceSystem.allCases.map { FileConnector(system: $0, directory: bank) })
        #expect(outcomes.allSatisfy { $0.failure == nil })
        let report = try await runner(on: warehouse).build(.all)
        for outcome in report.models where outcome.status != .success { Issue.record("\(outcome.model.name): \(outcome.message ?? "")") }
        try await warehouse.close()
        return folder
    }

    /// A private copy of the built warehouse, open for `body`.
    static func withCopy(_ body: (any Warehouse) async throws -> Void) async throws {
        let source = try await built.value
        let copy = source.deletingLastPathComponent().appendingPathComponent("copy-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: source, to: copy)
        defer { try? FileManager.default.removeItem(at: copy) }
        let warehouse = try await openWarehouse(WarehouseLocation(parsing: "sqlite:" + copy.path), logger: logger)
        do { try await body(warehouse) } catch { try? await warehouse.close(); throw error }
        try await warehouse.close()
    }

    static func training(refit: Bool = true) -> ChurnTraining {
        var training = ChurnTraining(settings: settings, threads: 1)
        training.refit = refit
        return training
    }

    static let featureColumns = (ChurnFeature.all.map(\.name) + ["rule_signals"]).map { "\"\($0)\"" }.joined(separator: ", ")

    static func features(at cutoff: String, in warehouse: any SQLExecutor) async throws -> [String] {
        try await warehouse.query("SELECT customer_key, \(featureColumns) FROM gold.churn_features WHERE cutoff_date = ? ORDER BY customer_key", [.text(cutoff)])
            .map { row in zip(row.columns, row.values).map { "\($0)=\($1)" }.joined(separator: " ") }
    }

    @Test func featuresAtACutoffIgnoreEverythingAfterIt() async throws {
        try await Self.withCopy { warehouse in
            let cutoff = "2025-02-01", later = "2025-07-01"
            let before = try await Self.features(at: cutoff, in: warehouse)
            let laterBefore = try await Self.features(at: later, in: warehouse)
            #expect(before.count > 400)
            // The world as it stood at the cutoff: no event from that day on, and cases closed
            // later still open, unrated.
            for (table, column) in [("fct_transactions", "transaction_date"), ("fct_app_sessions", "session_date"), ("fct_app_events", "event_date"),
                                    ("fct_complaints", "opened_on"), ("fct_customer_notes", "note_date"), ("fct_interactions", "activity_date")] {
                try await warehouse.execute("DELETE FROM silver.\(table) WHERE \(column) >= ?", [.text(cutoff)])
            }
            try await warehouse.execute("UPDATE silver.fct_complaints SET closed_at = NULL, satisfaction_score = NULL WHERE SUBSTR(closed_at, 1, 10) >= ?", [.text(cutoff)])
            let report = try await Self.runner(on: warehouse).build(Selection("churn_snapshots churn_features"), runDate: "2026-01-31")
            #expect(report.models.allSatisfy { $0.status == .success })
            let after = try await Self.features(at: cutoff, in: warehouse)
            #expect(after.count == before.count)
            for (old, new) in zip(before, after) where old != new { Issue.record("changed: \(old)\n     to: \(new)") }
            // The deletion did bite: a later cutoff's features changed.
            #expect(try await Self.features(at: later, in: warehouse) != laterBefore)
        }
    }

    @Test func shuffledLabelsGiveAChanceAUC() async throws {
        try await Self.withCopy { warehouse in
            var training = try await ChurnDataset.load([.train], from: warehouse)
            var validation = try await ChurnDataset.load([.validation], from: warehouse)
            var random = SplitMix64(seed: 7)
            training.labels = random.shuffled(training.labels)
            validation.labels = random.shuffled(validation.labels)
            let result = try Self.training(refit: false).run(training: training, validation: validation)
            #expect((0.35...0.65).contains(result.xgboost.rocAUC), "AUC on shuffled labels: \(result.xgboost.rocAUC)")
        }
    }

    @Test func outOfTimeFiguresBeatTheRuleAndTheBaselineWithoutALeak() async throws {
        try await Self.withCopy { warehouse in
            let result = try await Self.training().run(on: warehouse)
            #expect(result.validationCutoffs == ["2025-06-01", "2025-07-01", "2025-08-01"])
            #expect(result.trainingCutoffs.last == "2025-03-01")
            #expect(result.validationPositives > 50 && result.trainingPositives > 40)
            // The bank's bar, and the leak alarm: above 0.95 something peeks at the future.
            #expect(result.xgboost.rocAUC >= 0.80 && result.xgboost.rocAUC <= 0.95, "ROC AUC \(result.xgboost.rocAUC)")
            #expect(result.xgboost.rocAUC > result.logistic.rocAUC)
            #expect(result.xgboost.rocAUC > result.rule.rocAUC)
            #expect(result.xgboost.prAUC > result.rule.prAUC)
            // Calibrated: on validation the mean prediction is near the churn rate seen.
            let predicted = result.xgboost.calibration.reduce(0.0) { $0 + $1.meanPredicted * Double($1.count) } / Double(result.validationRows)
            #expect(abs(predicted - result.xgboost.baseRate) < 0.03, "mean prediction \(predicted) vs rate \(result.xgboost.baseRate)")
            #expect(result.history.stoppedEarly)
            #expect(result.text.contains("bank rule") && result.text.contains("precision at k=50"))
        }
    }

    @Test func theRegistryKeepsTheBetterModelAndItsExactPredictions() async throws {
        try await Self.withCopy { warehouse in
            let result = try await Self.training(refit: false).run(on: warehouse)
            let registry = ModelRegistry(warehouse)
            let first = try await registry.register(result, settings: Self.settings, startedAt: Date())
            #expect(first.version == 1 && first.becameChampion)

            // The saved model predicts exactly what the trained one did.
            let validation = try await ChurnDataset.load([.validation], from: warehouse)
            let matrix = try DataMatrix(values: validation.values, rows: validation.count, columns: validation.features.count)
            let champion = try #require(try await registry.champion())
            #expect(champion.version == 1 && champion.features == ChurnFeature.all.map(\.name))
            #expect(try champion.booster().predict(matrix) == (try Booster(json: result.model).predict(matrix)))
            #expect(champion.figures?.xgboost.rocAUC == result.xgboost.rocAUC)

            var worse = result
            worse.xgboost.rocAUC -= 0.05
            let second = try await registry.register(worse, settings: Self.settings, startedAt: Date())
            #expect(second.version == 2 && !second.becameChampion)
            #expect(try await registry.champion()?.version == 1)
            var better = result
            better.xgboost.rocAUC += 0.01
            #expect(try await registry.register(better, settings: Self.settings, startedAt: Date()).becameChampion)
            #expect(try await registry.champion()?.version == 3)

            try await registry.promote(2)
            #expect(try await registry.champion()?.version == 2)
            await #expect(throws: ChurnForecastError.self) { try await registry.promote(99) }
            #expect(try await registry.list().map(\.version) == [3, 2, 1])
            #expect(try await warehouse.query("SELECT COUNT(*) AS n FROM ml.model_runs WHERE status = 'succeeded'").first?.int("n") == 3)
        }
    }

    @Test func everyCustomerGetsAScoreATierThreeReasonsAndAnAction() async throws {
        try await Self.withCopy { warehouse in
            let result = try await Self.training().run(on: warehouse)
            _ = try await ModelRegistry(warehouse).register(result, settings: Self.settings, startedAt: Date())
            let report = try await Self.runner(on: warehouse).build(Selection("churn_predictions"))
            #expect(report.models.allSatisfy { $0.status == .success } && report.models.flatMap(\.tests).allSatisfy { !$0.isBlocking })

            let scoring = try await ChurnDataset.load([.score], from: warehouse)
            let booster = try Booster(json: result.model)
            let matrix = try DataMatrix(values: scoring.values, rows: scoring.count, columns: scoring.features.count)
            let contributions = try booster.contributions(matrix)
            let probabilities = try booster.predict(matrix)
            let rows = try await warehouse.query("SELECT * FROM gold.churn_predictions")
            #expect(rows.count == scoring.count && rows.count > 350)
            let byCustomer = Dictionary(uniqueKeysWithValues: rows.map { ($0.string("customer_key") ?? "", $0) })
            var tiers: [String: Int] = [:]
            for index in 0..<scoring.count {
                let row = try #require(byCustomer[scoring.customerKeys[index]])
                let probability = try #require(row.double("churn_probability"))
                #expect(abs(probability - Double(probabilities[index])) < 1e-6)
                let tier = RiskTier(probability: probability, settings: Self.settings)
                #expect(row.string("risk_tier") == tier.rawValue)
                tiers[tier.rawValue, default: 0] += 1
                // The reasons are the three largest contributions, in order, in words.
                let ranked = (0..<scoring.features.count).sorted { contributions[index, $0] > contributions[index, $1] }
                for k in 0..<3 {
                    let feature = scoring.features[ranked[k]]
                    #expect(row.string("reason_\(k + 1)_feature") == feature.name)
                    #expect(row.string("reason_\(k + 1)") == feature.reason(Double(scoring.value(row: index, column: ranked[k]))))
                }
                #expect(row.string("recommended_action") == RetentionAction(tier: tier, theme: scoring.features[ranked[0]].theme).rawValue)
                #expect(row.string("model_version") == "churn-v1")
            }
            #expect((tiers["HIGH"] ?? 0) > 10 && (tiers["LOW"] ?? 0) > 200, "\(tiers)")
        }
    }
}
