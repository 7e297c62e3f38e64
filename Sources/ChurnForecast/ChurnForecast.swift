import TenureCore
import Transform

/// The bank's churn forecast as models of the SQL project.
public enum ChurnForecast {
    /// The Swift models: the snapshot schedule the features are computed at, the scoring, and
    /// the risk history.
    public static func models(settings: ChurnSettings) -> [any SwiftModel] {
        [ChurnSnapshotsModel(settings: settings), ChurnPredictionsModel(settings: settings), ChurnRiskHistoryModel(settings: settings)]
    }
}
