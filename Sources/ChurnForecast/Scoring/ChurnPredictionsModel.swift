import ChurnModel
import Foundation
import TenureCore
import Transform
import Warehouse

/// `gold.churn_predictions`: every customer at the scoring cutoff, scored by the champion model,
/// with a tier, the three reasons that push their risk up most (from the model's per-feature
/// contributions, in plain words) and what to do.
///
/// With no model trained yet it has no rows, so a first `tenure build` succeeds; `tenure model
/// train` then scores.
public struct ChurnPredictionsModel: SwiftModel {
    /// The model's name.
    public let name = "churn_predictions"
    /// The features it scores.
    public let dependencies = ["churn_features"]
    let settings: ChurnSettings

    /// The model for `settings`' tiers.
    public init(settings: ChurnSettings) { self.settings = settings }

    /// One row per customer at the scoring cutoff.
    public func rows(_ context: SwiftModelContext) async throws -> SwiftModelOutput {
        guard let champion = try await ModelRegistry(context.warehouse).champion() else {
            context.logger.warning("no churn model is trained yet: churn_predictions is empty until `tenure model train`")
            return SwiftModelOutput(columns: Self.columns, rows: [])
        }
        let features = try champion.featureCatalog()
        let relation = context.relation("churn_features")
        let dataset = try await ChurnDataset.load([.score], from: context.warehouse, table: relation, features: features)
        let scores = try ChurnScorer(booster: champion.booster(), settings: settings).score(dataset)
        let scoredAt = ModelRegistry.timestamp(Date())
        let rows: [[SQLValue]] = scores.map { score in
            var row: [SQLValue] = [.text(score.customerKey), .text(score.cutoff), .real(score.probability), .text(score.tier.rawValue)]
            for index in 0..<3 { row.append(index < score.reasons.count ? .text(score.reasons[index].text) : .null) }
            for index in 0..<3 { row.append(index < score.reasons.count ? .text(score.reasons[index].feature.name) : .null) }
            return row + [.text(score.action.rawValue), .text(champion.name), .text(scoredAt)]
        }
        return SwiftModelOutput(columns: Self.columns, rows: rows)
    }

    static let columns = [
        ColumnDefinition("customer_key", .text), ColumnDefinition("cutoff_date", .text),
        ColumnDefinition("churn_probability", .real), ColumnDefinition("risk_tier", .text),
        ColumnDefinition("reason_1", .text), ColumnDefinition("reason_2", .text), ColumnDefinition("reason_3", .text),
        ColumnDefinition("reason_1_feature", .text), ColumnDefinition("reason_2_feature", .text), ColumnDefinition("reason_3_feature", .text),
        ColumnDefinition("recommended_action", .text), ColumnDefinition("model_version", .text), ColumnDefinition("scored_at", .text),
    ]
}

/// Scores rows with a model: probabilities, tiers, reasons and actions.
public struct ChurnScorer {
    /// A reason: a feature, the words for its value, and how much it raised the log-odds.
    public struct Reason: Sendable {
        /// The feature.
        public let feature: ChurnFeature
        /// Its value in plain words.
        public let text: String
        /// Its contribution to the log-odds.
        public let contribution: Double
    }

    /// One customer's score.
    public struct Score: Sendable {
        /// Who.
        public let customerKey: String
        /// The cutoff scored at.
        public let cutoff: String
        /// The churn probability within the horizon.
        public let probability: Double
        /// The tier.
        public let tier: RiskTier
        /// The three features that raise the risk most, strongest first.
        public let reasons: [Reason]
        /// What to do.
        public let action: RetentionAction
    }

    let booster: Booster
    let settings: ChurnSettings

    /// A scorer with `booster` and `settings`' tiers.
    public init(booster: Booster, settings: ChurnSettings) {
        self.booster = booster
        self.settings = settings
    }

    /// Scores every row of `dataset`.
    public func score(_ dataset: ChurnDataset) throws -> [Score] {
        guard dataset.count > 0 else { return [] }
        let width = dataset.features.count
        let matrix = try DataMatrix(values: dataset.values, rows: dataset.count, columns: width)
        let probabilities = try booster.predict(matrix)
        let contributions = try booster.contributions(matrix)
        return (0..<dataset.count).map { row in
            let ranked = (0..<width).sorted {
                contributions[row, $0] > contributions[row, $1] || (contributions[row, $0] == contributions[row, $1] && $0 < $1)
            }
            let reasons = ranked.prefix(3).map { column in
                let feature = dataset.features[column]
                return Reason(feature: feature, text: feature.reason(Double(dataset.value(row: row, column: column))),
                              contribution: Double(contributions[row, column]))
            }
            let probability = Double(probabilities[row])
            let tier = RiskTier(probability: probability, settings: settings)
            return Score(customerKey: dataset.customerKeys[row], cutoff: dataset.cutoffs[row], probability: probability, tier: tier,
                         reasons: reasons, action: RetentionAction(tier: tier, theme: reasons.first?.feature.theme))
        }
    }
}
