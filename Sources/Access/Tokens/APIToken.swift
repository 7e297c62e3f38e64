import Foundation

/// What is known of an API token after it was shown: never the token itself.
public struct APIToken: Sendable, Hashable {
    /// The token's public id, for listing and revoking it.
    public let id: String
    /// The user the token acts as.
    public let username: String
    /// What the token is for, as given when it was made.
    public let label: String?
    /// When it was made.
    public let createdAt: Date
    /// When it was last used, if ever.
    public let lastUsedAt: Date?
    /// Whether it has been revoked.
    public let revoked: Bool
}
