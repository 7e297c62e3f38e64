import ChurnModel
import Foundation
import TenureCore
import Warehouse

/// Trains the churn model on the warehouse's point-in-time features and judges it out of time.
///
/// XGBoost learns from the training snapshots, with early stopping on the validation snapshots
/// (the latest labelled ones); the logistic baseline (XGBoost's linear booster) and the bank's
/// rule are scored on the same validation rows. The model kept for scoring is then refitted on
/// every labelled snapshot with the number of rounds validation chose, so it has seen the most
/// recent churn; the figures reported are those of the validated fit.
public struct ChurnTraining: Sendable {
    /// The churn definition and the retention team's capacity.
    public var settings: ChurnSettings
    /// The tree model's parameters.
    public var tree: BoosterParameters
    /// The logistic baseline's parameters.
    public var linear: BoosterParameters
    /// The most boosting rounds.
    public var maxRounds = 1_000
    /// Rounds without improvement on the validation set before stopping.
    public var earlyStoppingRounds = 50
    /// Whether to refit on every labelled snapshot before keeping the model.
    public var refit = true

    /// Training with the house parameters: shallow trees, a small step, logloss early stopping.
    public init(settings: ChurnSettings, seed: Int = 42, threads: Int? = nil) {
        self.settings = settings
        tree = BoosterParameters(eta: 0.03, maxDepth: 3, minChildWeight: 5, subsample: 0.8, columnSampleByTree: 0.8,
                                 lambda: 5, seed: seed, threads: threads, evaluationMetrics: ["auc", "logloss"])
        linear = .logisticBaseline(seed: seed, threads: threads)
        linear.evaluationMetrics = ["auc", "logloss"]
    }

    /// Trains on the features in `warehouse`.
    public func run(on warehouse: any SQLExecutor) async throws -> ChurnTrainingResult {
        let training = try await ChurnDataset.load([.train], from: warehouse)
        let validation = try await ChurnDataset.load([.validation], from: warehouse)
        return try run(training: training, validation: validation)
    }

    /// Trains on `training` and validates on `validation`.
    public func run(training: ChurnDataset, validation: ChurnDataset) throws -> ChurnTrainingResult {
        let started = ContinuousClock.now
        let trainingLabels = try training.requireLabels("the training snapshots")
        let validationLabels = try validation.requireLabels("the validation snapshots")
        let width = training.features.count
        let fitting = try DataMatrix(values: training.values, rows: training.count, columns: width,
                                     labels: trainingLabels.map { $0 ? 1 : 0 })
        let held = try DataMatrix(values: validation.values, rows: validation.count, columns: width,
                                  labels: validationLabels.map { $0 ? 1 : 0 })

        let (booster, history) = try Booster.train(parameters: tree, training: fitting, validation: held,
                                                   rounds: maxRounds, earlyStoppingRounds: earlyStoppingRounds)
        let treeProbabilities = try booster.predict(held).map(Double.init)
        let treeMetrics = try metrics(validationLabels, treeProbabilities, validation)

        // The linear model needs standardised features, with missing values at the mean.
        let scaling = Standardization(fitting: training.values, columns: width)
        let linearFitting = try DataMatrix(values: scaling.apply(training.values), rows: training.count, columns: width,
                                           labels: trainingLabels.map { $0 ? 1 : 0 })
        let linearHeld = try DataMatrix(values: scaling.apply(validation.values), rows: validation.count, columns: width,
                                        labels: validationLabels.map { $0 ? 1 : 0 })
        let (linearBooster, linearHistory) = try Booster.train(parameters: linear, training: linearFitting, validation: linearHeld,
                                                               rounds: 200, earlyStoppingRounds: 20)
        let linearMetrics = try metrics(validationLabels, try linearBooster.predict(linearHeld).map(Double.init), validation)

        // The rule as a probability: the churn rate the training rows showed at each signal count.
        let ruleRates = Self.ratesBySignals(training.ruleSignals, trainingLabels)
        let ruleMetrics = try metrics(validationLabels, validation.ruleSignals.map { ruleRates[$0] ?? 0 }, validation)

        let influence = try booster.contributions(held).meanAbsolute()
        let strongest = influence.indices.sorted { influence[$0] > influence[$1] || (influence[$0] == influence[$1] && $0 < $1) }
            .map { FeatureInfluence(feature: training.features[$0].name, meanAbsoluteContribution: influence[$0]) }

        var kept = booster
        if refit {
            let all = try DataMatrix(values: training.values + validation.values, rows: training.count + validation.count,
                                     columns: width, labels: (trainingLabels + validationLabels).map { $0 ? 1 : 0 })
            kept = try Booster.train(parameters: tree, training: all, rounds: history.keptRounds).booster
        }
        try kept.setFeatureNames(training.features.map(\.name))
        let trainingCutoffs = Array(Set(training.cutoffs)).sorted(), validationCutoffs = Array(Set(validation.cutoffs)).sorted()
        return ChurnTrainingResult(
            parameters: tree, features: training.features.map(\.name), history: history,
            trainingCutoffs: trainingCutoffs, validationCutoffs: validationCutoffs,
            trainingRows: training.count, trainingPositives: trainingLabels.filter { $0 }.count,
            validationRows: validation.count, validationPositives: validationLabels.filter { $0 }.count,
            xgboost: treeMetrics, logistic: linearMetrics, logisticRounds: linearHistory.keptRounds, rule: ruleMetrics,
            strongestFeatures: strongest, refitted: refit, model: try kept.json(), seconds: Self.seconds(since: started))
    }

    /// The metrics on the validation rows, with precision at k taken per validation cutoff (the
    /// team's k calls on that day) and averaged.
    private func metrics(_ labels: [Bool], _ probabilities: [Double], _ rows: ChurnDataset) throws -> ClassificationMetrics {
        var metrics = try ClassificationMetrics(labels: labels, probabilities: probabilities, k: settings.weeklyCapacity)
        var precisions: [Double] = []
        for cutoff in Set(rows.cutoffs) {
            let members = rows.cutoffs.indices.filter { rows.cutoffs[$0] == cutoff }
            let ranked = members.sorted { probabilities[$0] > probabilities[$1] || (probabilities[$0] == probabilities[$1] && $0 < $1) }
            let top = ranked.prefix(settings.weeklyCapacity)
            precisions.append(Double(top.filter { labels[$0] }.count) / Double(max(1, top.count)))
        }
        metrics.precisionAtK = precisions.reduce(0, +) / Double(max(1, precisions.count))
        return metrics
    }

    static func ratesBySignals(_ signals: [Int], _ labels: [Bool]) -> [Int: Double] {
        var counts: [Int: (rows: Int, churned: Int)] = [:]
        for (signal, label) in zip(signals, labels) {
            counts[signal, default: (0, 0)].rows += 1
            if label { counts[signal, default: (0, 0)].churned += 1 }
        }
        return counts.mapValues { Double($0.churned) / Double($0.rows) }
    }

    private static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}

/// A feature and how much it moved the validation predictions, on average.
public struct FeatureInfluence: Sendable, Hashable, Codable {
    /// The feature's name.
    public var feature: String
    /// The mean absolute contribution to the log-odds.
    public var meanAbsoluteContribution: Double
}

/// What a training produced: the model to keep and the figures that judge it.
public struct ChurnTrainingResult: Sendable {
    /// The tree model's parameters.
    public var parameters: BoosterParameters
    /// The feature columns, in the model's order.
    public var features: [String]
    /// The validated fit's rounds and validation scores.
    public var history: TrainingHistory
    /// The training snapshots' cutoffs.
    public var trainingCutoffs: [String]
    /// The validation snapshots' cutoffs.
    public var validationCutoffs: [String]
    /// Training rows and how many churned.
    public var trainingRows: Int, trainingPositives: Int
    /// Validation rows and how many churned.
    public var validationRows: Int, validationPositives: Int
    /// XGBoost on the validation snapshots.
    public var xgboost: ClassificationMetrics
    /// The logistic baseline on the same rows.
    public var logistic: ClassificationMetrics
    /// The rounds the baseline kept.
    public var logisticRounds: Int
    /// The bank's rule (its signal count, as the churn rate training saw for it) on the same rows.
    public var rule: ClassificationMetrics
    /// Features by mean absolute contribution on the validation rows, strongest first.
    public var strongestFeatures: [FeatureInfluence]
    /// Whether the kept model was refitted on every labelled snapshot.
    public var refitted: Bool
    /// The kept model as XGBoost JSON.
    public var model: Data
    /// How long the training took.
    public var seconds: Double

    /// The figure a new model must beat the champion on.
    public var validationAUC: Double { xgboost.rocAUC }

    /// The report `tenure model train` prints.
    public var text: String {
        var lines = [
            "churn model: \(features.count) features, \(settingsLine)",
            "training:   \(trainingRows) rows (\(trainingPositives) churned) from \(trainingCutoffs.count) snapshots, \(trainingCutoffs.first ?? "") to \(trainingCutoffs.last ?? "")",
            "validation: \(validationRows) rows (\(validationPositives) churned) from \(validationCutoffs.count) snapshots, \(validationCutoffs.first ?? "") to \(validationCutoffs.last ?? ""), out of time",
            "XGBoost: \(history.keptRounds) rounds kept of \(history.rounds.count) (early stopping on validation \(history.stoppingMetric))"
                + (refitted ? "; kept model refitted on all \(trainingRows + validationRows) labelled rows" : ""),
            "",
            ClassificationMetrics.table([("XGBoost", xgboost), ("logistic", logistic), ("bank rule", rule)]),
            "",
            "calibration of XGBoost on validation (deciles of predicted probability):",
            xgboost.calibrationText(),
            "",
            "strongest features (mean |contribution| to the log-odds on validation):",
        ]
        for influence in strongestFeatures.prefix(10) {
            lines.append("  " + influence.feature.padding(toLength: 36, withPad: " ", startingAt: 0)
                         + String(format: "%.4f", influence.meanAbsoluteContribution))
        }
        return lines.joined(separator: "\n")
    }

    private var settingsLine: String {
        "eta \(parameters.eta), depth \(parameters.maxDepth), \(String(format: "%.1f", seconds)) s"
    }
}
