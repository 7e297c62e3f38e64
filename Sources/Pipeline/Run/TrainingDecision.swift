import ChurnForecast
import ChurnModel
import Foundation
import TenureCore
import Warehouse

/// Whether the pipeline retrains the churn model today, and why: there is no champion yet; the
/// cadence (`pipeline.training`) says so; or the champion ranks the outcomes that came in after it
/// was trained clearly worse than it ranked its validation snapshots.
public struct TrainingDecision: Sendable, Equatable {
    /// Whether to train.
    public let isDue: Bool
    /// Why, in a few words.
    public let reason: String

    /// Today's decision for `warehouse` under `settings`.
    public static func make(settings: PipelineSettings, warehouse: any SQLExecutor, now: Date = Date()) async throws -> TrainingDecision {
        let registry = ModelRegistry(warehouse)
        try await registry.prepare()
        guard let champion = try await registry.champion() else {
            return TrainingDecision(isDue: true, reason: "no champion yet")
        }
        let lastTraining = try await warehouse.query(
            "SELECT MAX(finished_at) AS last FROM \(ModelRegistry.runs.sql) WHERE status <> 'failed'").first?.string("last")
            .flatMap(Timestamp.date)
        if let cadence = cadenceReason(settings.training, lastTraining: lastTraining, now: now) {
            return TrainingDecision(isDue: true, reason: cadence)
        }
        if settings.retrainOnAUCDrop > 0, let fresh = try await freshAUC(of: champion, in: warehouse) {
            let drop = champion.validationAUC - fresh.auc
            let figures = String(format: "%@ ranks %d fresh outcomes at ROC AUC %.4f against %.4f in validation", champion.name, fresh.rows, fresh.auc, champion.validationAUC)
            if drop > settings.retrainOnAUCDrop {
                return TrainingDecision(isDue: true, reason: figures + String(format: " (a drop of %.4f)", drop))
            }
            return TrainingDecision(isDue: false, reason: "not due (\(settings.training.rawValue)); " + figures)
        }
        return TrainingDecision(isDue: false, reason: "not due (\(settings.training.rawValue)); \(champion.name) stays champion")
    }

    /// Why the cadence asks for training now, or nil.
    static func cadenceReason(_ cadence: PipelineSettings.TrainingCadence, lastTraining: Date?, now: Date) -> String? {
        guard let lastTraining else { return cadence == .never ? nil : "no training recorded yet" }
        switch cadence {
        case .daily:
            return "trained daily"
        case .weekly:
            let days = now.timeIntervalSince(lastTraining) / 86_400
            return days >= 7 ? String(format: "weekly: last trained %.0f days ago", days) : nil
        case .monthly:
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            let month = { (date: Date) in calendar.dateComponents([.year, .month], from: date) }
            return month(now) != month(lastTraining) ? "monthly: last trained in an earlier month" : nil
        case .never:
            return nil
        }
    }

    /// The champion's ROC AUC on the snapshots labelled after it was trained: those later than
    /// its last validation cutoff, whose outcomes are now known (gold.churn_risk_history scores
    /// every snapshot with the champion). Nil until such outcomes hold both classes.
    static func freshAUC(of champion: ModelVersion, in warehouse: any SQLExecutor) async throws -> (auc: Double, rows: Int)? {
        let history = TableName(.gold, "churn_risk_history")
        guard let after = champion.figures?.validationCutoffs.max(), try await warehouse.tableExists(history) else { return nil }
        let rows = try await warehouse.query(
            "SELECT churn_probability, churned_in_horizon FROM \(history.sql) WHERE cutoff_date > ? AND churned_in_horizon IS NOT NULL AND model_version = ?",
            [.text(after), .text(champion.name)])
        let labels = rows.map { ($0.int("churned_in_horizon") ?? 0) == 1 }
        guard labels.contains(true), labels.contains(false) else { return nil }
        let ranking = Ranking(labels: labels, scores: rows.map { $0.double("churn_probability") ?? 0 })
        return (ranking.rocAUC(), rows.count)
    }
}
