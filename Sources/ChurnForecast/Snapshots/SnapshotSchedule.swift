import TenureCore

/// The cutoffs the churn model learns from, is validated on and scores at.
///
/// Cutoffs fall on the 1st of each month. Features at a cutoff come only from days before it;
/// its label says whether the customer churned in the horizon from it. A cutoff is labelled
/// only when that can be known from the data: the horizon has passed, and so have the
/// inactivity days that would reveal a customer who went quiet near its end.
///
/// The latest labelled cutoffs are held out for validation. Training uses the cutoffs whose
/// horizon ends by the first validation cutoff, so no training label looks into the validation
/// period — the model is judged as it would have been on the day it was trained.
public struct SnapshotSchedule: Sendable, Equatable {
    /// What a snapshot is for.
    public enum Role: String, Sendable, CaseIterable {
        case train, validation, score
    }

    /// One cutoff and its role.
    public struct Snapshot: Sendable, Equatable {
        /// The first day the snapshot does not see.
        public let cutoff: CalendarDate
        /// What it is for.
        public let role: Role
    }

    /// Every snapshot, oldest first; the scoring one (the day after the run date) is last.
    public let snapshots: [Snapshot]

    /// The schedule for a run on `runDate` (the newest day of data).
    public init(runDate: CalendarDate, settings: ChurnSettings) throws(ChurnForecastError) {
        guard let scoring = runDate.adding(days: 1),
              let latestKnowable = scoring.adding(days: -(settings.horizonDays + settings.inactivityDays)) else {
            throw ChurnForecastError("the run date \(runDate) is outside the supported calendar")
        }
        let latest = Self.monthStart(onOrBefore: latestKnowable)
        let labelled = (0..<settings.snapshots).reversed().compactMap { Self.month(latest, adding: -$0) }
        let validation = Array(labelled.suffix(settings.validationSnapshots))
        guard let firstValidation = validation.first else { throw ChurnForecastError("no validation snapshot") }
        let training = labelled.dropLast(settings.validationSnapshots).filter {
            ($0.adding(days: settings.horizonDays) ?? firstValidation) <= firstValidation
        }
        guard training.count >= 2 else {
            throw ChurnForecastError("""
                churn.snapshots (\(settings.snapshots)) leaves \(training.count) training snapshot(s) once \
                \(settings.validationSnapshots) are held out with a \(settings.horizonDays)-day gap: raise it
                """)
        }
        snapshots = training.map { Snapshot(cutoff: $0, role: .train) }
            + validation.map { Snapshot(cutoff: $0, role: .validation) }
            + [Snapshot(cutoff: scoring, role: .score)]
    }

    /// The cutoffs with `role`.
    public func cutoffs(_ role: Role) -> [CalendarDate] {
        snapshots.filter { $0.role == role }.map(\.cutoff)
    }

    static func monthStart(onOrBefore date: CalendarDate) -> CalendarDate {
        CalendarDate(year: date.year, month: date.month, day: 1) ?? date
    }

    static func month(_ start: CalendarDate, adding months: Int) -> CalendarDate? {
        let index = start.year * 12 + (start.month - 1) + months
        return CalendarDate(year: index / 12, month: index % 12 + 1, day: 1)
    }
}
