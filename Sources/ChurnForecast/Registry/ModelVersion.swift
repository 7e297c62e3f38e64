import ChurnModel
import Foundation
import Warehouse

/// One trained churn model in the registry.
public struct ModelVersion: Sendable {
    /// Its number, counting from 1.
    public let version: Int
    /// The registry run that trained it.
    public let runID: String
    /// When it was registered (ISO 8601).
    public let createdAt: String
    /// Its out-of-time validation ROC AUC, which decides who is champion.
    public let validationAUC: Double
    /// Its figures and those of the baselines beside it, as recorded.
    public let figures: TrainingFigures?
    /// Its features, in the model's column order.
    public let features: [String]
    /// Its parameters as JSON.
    public let parameters: String
    /// The model as XGBoost JSON.
    public let artifact: Data
    /// Whether scoring uses it.
    public let isChampion: Bool
    /// Since when it has been champion.
    public let championSince: String?

    /// The name predictions carry: `churn-v3`.
    public var name: String { "churn-v\(version)" }

    init(_ row: Row) {
        version = row.int("model_version") ?? 0
        runID = row.string("run_id") ?? ""
        createdAt = row.string("created_at") ?? ""
        validationAUC = row.double("validation_auc") ?? .nan
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        figures = row.string("figures").flatMap { try? decoder.decode(TrainingFigures.self, from: Data($0.utf8)) }
        features = row.string("features").flatMap { try? decoder.decode([String].self, from: Data($0.utf8)) } ?? []
        parameters = row.string("parameters") ?? "{}"
        artifact = Data((row.string("artifact") ?? "").utf8)
        isChampion = row.bool("is_champion") ?? false
        championSince = row.string("champion_since")
    }

    /// The model, ready to predict.
    public func booster() throws -> Booster { try Booster(json: artifact) }

    /// Its features from the catalogue, in its column order; an error names one the catalogue dropped.
    public func featureCatalog() throws -> [ChurnFeature] {
        try features.map { name in
            guard let feature = ChurnFeature.named(name) else {
                throw ChurnForecastError("\(self.name) uses feature \(name), which Tenure no longer computes: retrain with `tenure model train`")
            }
            return feature
        }
    }
}

/// The figures a training recorded, for `tenure model show` and the dashboard.
public struct TrainingFigures: Sendable, Codable {
    /// XGBoost on the validation snapshots.
    public var xgboost: ClassificationMetrics
    /// The logistic baseline on the same rows.
    public var logistic: ClassificationMetrics
    /// The bank's rule on the same rows.
    public var rule: ClassificationMetrics
    /// The snapshots learnt from and validated on.
    public var trainingCutoffs: [String], validationCutoffs: [String]
    /// Rows and churners in each part.
    public var trainingRows: Int, trainingPositives: Int, validationRows: Int, validationPositives: Int
    /// Boosting rounds kept, and run before early stopping.
    public var keptRounds: Int, roundsRun: Int
    /// Whether the kept model was refitted on every labelled snapshot.
    public var refitted: Bool
    /// Features by influence on the validation predictions.
    public var strongestFeatures: [FeatureInfluence]
    /// Training time in seconds.
    public var seconds: Double
}

extension ChurnTrainingResult {
    /// What the registry records of this training.
    public var figures: TrainingFigures {
        TrainingFigures(xgboost: xgboost, logistic: logistic, rule: rule, trainingCutoffs: trainingCutoffs,
                        validationCutoffs: validationCutoffs, trainingRows: trainingRows, trainingPositives: trainingPositives,
                        validationRows: validationRows, validationPositives: validationPositives,
                        keptRounds: history.keptRounds, roundsRun: history.rounds.count, refitted: refitted,
                        strongestFeatures: strongestFeatures, seconds: seconds)
    }
}
