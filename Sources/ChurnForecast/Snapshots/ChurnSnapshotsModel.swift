import TenureCore
import Transform
import Warehouse

/// `gold.churn_snapshots`: the cutoffs of the run's schedule, with the churn definition the SQL
/// of `churn_features` applies at each, so the features read their settings from one table.
public struct ChurnSnapshotsModel: SwiftModel {
    /// The model's name.
    public let name = "churn_snapshots"
    /// It reads no model: only the run date and the settings.
    public let dependencies: [String] = []
    let settings: ChurnSettings

    /// The model for `settings`.
    public init(settings: ChurnSettings) { self.settings = settings }

    /// One row per cutoff.
    public func rows(_ context: SwiftModelContext) async throws -> SwiftModelOutput {
        guard let runDate = CalendarDateText.parse(context.runDate) else {
            throw ChurnForecastError("the run date '\(context.runDate)' is not a date")
        }
        let schedule = try SnapshotSchedule(runDate: runDate, settings: settings)
        let rows: [[SQLValue]] = schedule.snapshots.map { snapshot in
            [.text(snapshot.cutoff.iso), .text(snapshot.role.rawValue),
             .text(snapshot.cutoff.adding(days: settings.horizonDays)?.iso ?? ""),
             .integer(Int64(settings.horizonDays)), .integer(Int64(settings.inactivityDays))]
        }
        return SwiftModelOutput(columns: Self.columns, rows: rows)
    }

    static let columns = [
        ColumnDefinition("cutoff_date", .text), ColumnDefinition("snapshot_role", .text),
        ColumnDefinition("label_until", .text), ColumnDefinition("horizon_days", .integer),
        ColumnDefinition("inactivity_days", .integer),
    ]
}
