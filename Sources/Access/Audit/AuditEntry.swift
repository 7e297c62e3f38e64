import Foundation

/// One look at the dashboard: who saw which page (and whose data), when and from where.
public struct AuditEntry: Sendable, Hashable {
    /// When.
    public let at: Date
    /// Who.
    public let username: String
    /// Their role at the time, as its raw value (roles may change; the log does not).
    public let role: String
    /// The customer whose data was shown, if a page was about one.
    public let customerKey: String?
    /// The page, e.g. `customer` or `at-risk`.
    public let page: String
    /// What was done: `view`, `export`, `mark-contacted`…
    public let action: String
    /// The client's address.
    public let ip: String?
    /// The client's user agent.
    public let userAgent: String?
}
