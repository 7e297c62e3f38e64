import TenureCore

/// How urgent a customer's risk is, by the thresholds in `tenure.yml`.
public enum RiskTier: String, Sendable, CaseIterable {
    case high = "HIGH", medium = "MEDIUM", low = "LOW"

    /// The tier of `probability`.
    public init(probability: Double, settings: ChurnSettings) {
        self = probability >= settings.highRiskThreshold ? .high : probability >= settings.mediumRiskThreshold ? .medium : .low
    }
}

/// What the retention team should do about a customer.
public enum RetentionAction: String, Sendable, CaseIterable {
    case call = "call within 48 hours"
    case feeWaiver = "offer a fee waiver"
    case engagementEmail = "send an engagement email"
    case none = "no action"

    /// The action for a customer in `tier` whose strongest reason is about `theme`: every HIGH
    /// customer gets a call; a MEDIUM one gets what answers their main reason — money worries a
    /// fee waiver, a fading app habit an e-mail, service trouble or a soured relationship a call.
    public init(tier: RiskTier, theme: ChurnFeature.Theme?) {
        switch (tier, theme) {
        case (.low, _): self = .none
        case (.high, _): self = .call
        case (.medium, .money?): self = .feeWaiver
        case (.medium, .digital?): self = .engagementEmail
        case (.medium, _): self = .call
        }
    }
}
