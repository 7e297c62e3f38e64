import ChurnModel
import Foundation
import TenureCore
import Transform
import Warehouse

/// `gold.churn_risk_history`: the champion model's probability and tier for every customer at
/// every monthly snapshot, so the dashboard can show how risk moved month by month and the
/// retention team can see one customer's risk over time.
///
/// Every snapshot is scored by today's champion, so the months read as one model's view (the
/// training months are in-sample, which the dashboard says). Each cutoff is read and scored on
/// its own: memory holds one month of features, not twelve. Empty until a model is trained.
public struct ChurnRiskHistoryModel: SwiftModel {
    /// The model's name.
    public let name = "churn_risk_history"
    /// The features it scores.
    public let dependencies = ["churn_features"]
    let settings: ChurnSettings

    /// The model for `settings`' tiers.
    public init(settings: ChurnSettings) { self.settings = settings }

    /// One row per customer and snapshot cutoff.
    public func rows(_ context: SwiftModelContext) async throws -> SwiftModelOutput {
        guard let champion = try await ModelRegistry(context.warehouse).champion() else {
            return SwiftModelOutput(columns: Self.columns, rows: [])
        }
        let features = try champion.featureCatalog()
        let relation = context.relation("churn_features")
        let snapshots = try await context.warehouse.query(
            "SELECT DISTINCT cutoff_date, snapshot_role FROM \(relation) ORDER BY cutoff_date")
        let booster = try champion.booster()
        var rows: [[SQLValue]] = []
        for snapshot in snapshots {
            guard let cutoff = snapshot.string("cutoff_date"), let role = snapshot.string("snapshot_role") else { continue }
            let dataset = try await ChurnDataset.load(SnapshotSchedule.Role.allCases, from: context.warehouse, table: relation,
                                                      features: features, cutoff: cutoff)
            guard dataset.count > 0 else { continue }
            let matrix = try DataMatrix(values: dataset.values, rows: dataset.count, columns: features.count)
            let probabilities = try booster.predict(matrix)
            for row in 0..<dataset.count {
                let probability = Double(probabilities[row])
                rows.append([.text(dataset.customerKeys[row]), .text(cutoff), .text(role), .real(probability),
                             .text(RiskTier(probability: probability, settings: settings).rawValue),
                             dataset.labels[row].map { .integer($0 ? 1 : 0) } ?? .null, .text(champion.name)])
            }
        }
        return SwiftModelOutput(columns: Self.columns, rows: rows)
    }

    static let columns = [
        ColumnDefinition("customer_key", .text), ColumnDefinition("cutoff_date", .text), ColumnDefinition("snapshot_role", .text),
        ColumnDefinition("churn_probability", .real), ColumnDefinition("risk_tier", .text),
        ColumnDefinition("churned_in_horizon", .integer), ColumnDefinition("model_version", .text),
    ]
}
