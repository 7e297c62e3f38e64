/// What a dashboard user is there to do; each role grants a fixed set of capabilities.
///
/// The capability matrix (why: PII only for those who talk to customers; data health for those
/// who keep the pipeline running; administration for one role only):
///
/// | role             | seesPII | administers | worksRetention | seesDataHealth |
/// |------------------|---------|-------------|----------------|----------------|
/// | admin            | yes     | yes         | yes            | yes            |
/// | engineer         | no      | no          | no             | yes            |
/// | analyst          | no      | no          | no             | no             |
/// | retention_agent  | yes     | no          | yes            | no             |
public enum Role: String, CaseIterable, Sendable, Hashable, Codable {
    /// Runs the bank's Tenure: users, audit log, everything else.
    case admin
    /// Keeps the pipeline and data healthy; sees no customer PII.
    case engineer
    /// Studies churn and segments; sees no customer PII.
    case analyst
    /// Calls customers at risk and records what came of it.
    case retentionAgent = "retention_agent"

    /// Whether the role sees customers' names, emails and phone numbers unmasked.
    public var seesPII: Bool {
        switch self {
        case .admin, .retentionAgent: true
        case .engineer, .analyst: false
        }
    }

    /// Whether the role may open the users page and the audit page.
    public var administers: Bool { self == .admin }

    /// Whether the role may mark customers contacted and record retention outcomes.
    public var worksRetention: Bool {
        switch self {
        case .admin, .retentionAgent: true
        case .engineer, .analyst: false
        }
    }

    /// Whether the role sees the data-health pages (pipeline runs, data tests, quarantine).
    public var seesDataHealth: Bool {
        switch self {
        case .admin, .engineer: true
        case .analyst, .retentionAgent: false
        }
    }
}
