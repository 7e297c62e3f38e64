/// What the bank calls churn and how the retention team works: the `churn:` section of
/// `tenure.yml`. Every figure has a default, so the section is optional.
public struct ChurnSettings: Sendable, Equatable, Codable {
    /// The forecast's horizon: a customer is labelled churned at a cutoff when they leave within
    /// this many days after it.
    public var horizonDays = 90
    /// A customer with no activity (transaction, app session, case) for this many days has
    /// churned, even without closing the relationship.
    public var inactivityDays = 90
    /// How many monthly snapshots (cutoffs on the 1st) the training and validation sets span.
    public var snapshots = 12
    /// How many of the latest snapshots are held out, out of time, for validation.
    public var validationSnapshots = 3
    /// How many customers the retention team can contact in a week: the `k` of precision at k.
    public var weeklyCapacity = 50
    /// The probability from which a customer is in the HIGH tier.
    public var highRiskThreshold = 0.35
    /// The probability from which a customer is in the MEDIUM tier.
    public var mediumRiskThreshold = 0.12

    /// The defaults.
    public init() {}

    enum CodingKeys: String, CodingKey {
        case horizonDays = "horizon_days", inactivityDays = "inactivity_days", snapshots
        case validationSnapshots = "validation_snapshots", weeklyCapacity = "weekly_capacity"
        case highRiskThreshold = "high_risk_threshold", mediumRiskThreshold = "medium_risk_threshold"
    }

    /// Reads the keys present, keeping the default for each one absent.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = ChurnSettings()
        horizonDays = try container.decodeIfPresent(Int.self, forKey: .horizonDays) ?? defaults.horizonDays
        inactivityDays = try container.decodeIfPresent(Int.self, forKey: .inactivityDays) ?? defaults.inactivityDays
        snapshots = try container.decodeIfPresent(Int.self, forKey: .snapshots) ?? defaults.snapshots
        validationSnapshots = try container.decodeIfPresent(Int.self, forKey: .validationSnapshots) ?? defaults.validationSnapshots
        weeklyCapacity = try container.decodeIfPresent(Int.self, forKey: .weeklyCapacity) ?? defaults.weeklyCapacity
        highRiskThreshold = try container.decodeIfPresent(Double.self, forKey: .highRiskThreshold) ?? defaults.highRiskThreshold
        mediumRiskThreshold = try container.decodeIfPresent(Double.self, forKey: .mediumRiskThreshold) ?? defaults.mediumRiskThreshold
    }

    /// The first setting that makes no sense, said in one line; nil when all are usable.
    public var problem: String? {
        if horizonDays < 7 || horizonDays > 730 { return "churn.horizon_days must be between 7 and 730, not \(horizonDays)" }
        if inactivityDays < 7 { return "churn.inactivity_days must be at least 7, not \(inactivityDays)" }
        if validationSnapshots < 1 { return "churn.validation_snapshots must be at least 1" }
        if snapshots < validationSnapshots + 2 {
            return "churn.snapshots (\(snapshots)) must leave at least 2 for training beside \(validationSnapshots) for validation"
        }
        if weeklyCapacity < 1 { return "churn.weekly_capacity must be at least 1" }
        if !(0 < mediumRiskThreshold && mediumRiskThreshold < highRiskThreshold && highRiskThreshold < 1) {
            return "churn tiers need 0 < medium_risk_threshold < high_risk_threshold < 1"
        }
        return nil
    }
}
