import ChurnForecast
import TenureCore
import Testing

@Suite("Snapshot schedule, settings and reasons in words")
struct SnapshotScheduleTests {
    static func date(_ text: String) -> CalendarDate { CalendarDateText.parse(text)! }

    @Test func defaultScheduleHoldsOutTheLatestKnowableMonthsWithAGap() throws {
        let schedule = try SnapshotSchedule(runDate: Self.date("2026-01-31"), settings: ChurnSettings())
        // Outcome known needs the 90-day horizon and the 90 quiet days that reveal a leaver: the
        // latest labelled cutoff is the 1st on or before 2025-08-05.
        #expect(schedule.cutoffs(.validation).map(\.iso) == ["2025-06-01", "2025-07-01", "2025-08-01"])
        #expect(schedule.cutoffs(.train).map(\.iso) == ["2024-09-01", "2024-10-01", "2024-11-01", "2024-12-01", "2025-01-01", "2025-02-01", "2025-03-01"])
        #expect(schedule.cutoffs(.score).map(\.iso) == ["2026-02-01"])
        // No training label reaches into the validation period.
        for cutoff in schedule.cutoffs(.train) {
            #expect(cutoff.adding(days: 90)! <= Self.date("2025-06-01"))
        }
    }

    @Test func shorterHorizonsLeaveMoreTrainingMonths() throws {
        var settings = ChurnSettings()
        settings.horizonDays = 30
        settings.inactivityDays = 60
        let schedule = try SnapshotSchedule(runDate: Self.date("2025-12-15"), settings: settings)
        #expect(schedule.cutoffs(.validation).last?.iso == "2025-09-01")
        #expect(schedule.cutoffs(.train).last?.iso == "2025-06-01")
        #expect(schedule.cutoffs(.train).count == 9)
    }

    @Test func tooFewSnapshotsAreRefusedWithAReason() {
        var settings = ChurnSettings()
        settings.snapshots = 5
        #expect(throws: ChurnForecastError.self) { try SnapshotSchedule(runDate: Self.date("2026-01-31"), settings: settings) }
        settings.snapshots = 3
        #expect(settings.problem?.contains("churn.snapshots") == true)
        var tiers = ChurnSettings()
        tiers.mediumRiskThreshold = 0.5
        #expect(tiers.problem?.contains("medium_risk_threshold") == true)
        #expect(ChurnSettings().problem == nil)
    }

    @Test func reasonsReadAsARetentionAgentWouldSayThem() throws {
        let feature = { (name: String) in try #require(ChurnFeature.named(name)) }
        #expect(try feature("complaints_last_30_days").reason(3) == "3 complaints in the last 30 days")
        #expect(try feature("complaints_last_30_days").reason(1) == "1 complaint in the last 30 days")
        #expect(try feature("app_login_frequency_change").reason(-0.7) == "app logins down 70% vs the previous quarter")
        #expect(try feature("balance_trend_90d").reason(0.125) == "balance up 13% in 90 days")
        #expect(try feature("balance").reason(-1234567.4) == "balance of -$1,234,567")
        #expect(try feature("days_since_last_login").reason(.nan) == "no app login in the past year")
        #expect(Set(ChurnFeature.all.map(\.name)).count == ChurnFeature.all.count)
    }

    @Test func actionsFollowTheTierAndTheMainReason() {
        #expect(RetentionAction(tier: .high, theme: .digital) == .call)
        #expect(RetentionAction(tier: .medium, theme: .money) == .feeWaiver)
        #expect(RetentionAction(tier: .medium, theme: .digital) == .engagementEmail)
        #expect(RetentionAction(tier: .medium, theme: .service) == .call)
        #expect(RetentionAction(tier: .low, theme: .service) == RetentionAction.none)
        let settings = ChurnSettings()
        #expect(RiskTier(probability: 0.35, settings: settings) == .high)
        #expect(RiskTier(probability: 0.34, settings: settings) == .medium)
        #expect(RiskTier(probability: 0.11, settings: settings) == .low)
    }
}
