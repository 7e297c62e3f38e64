import Foundation

/// A person who signs in to the dashboard.
public struct User: Sendable, Hashable {
    /// The sign-in name, `[a-z0-9._-]{2,64}`.
    public let username: String
    /// What the user may see and do.
    public let role: Role
    /// When the user was added.
    public let createdAt: Date
    /// Whether sign-in, tokens and sessions are refused for the user.
    public let disabled: Bool

    /// Creates a user value (``AccessStore`` is what stores them).
    public init(username: String, role: Role, createdAt: Date, disabled: Bool) {
        self.username = username
        self.role = role
        self.createdAt = createdAt
        self.disabled = disabled
    }
}
