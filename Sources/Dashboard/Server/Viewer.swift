import Access

/// Who is looking: the signed-in user (by session or API token), their role's capabilities,
/// and the CSRF token their forms carry.
public struct Viewer: Sendable {
    /// The user's name.
    public let username: String
    /// What their role may do.
    public let capabilities: Role
    /// The token every form of their session must return.
    public let csrfToken: String

    /// The role's name.
    public var role: String { capabilities.rawValue }

    /// The e-mail as this viewer may see it: masked unless their role is granted PII.
    func mask(email: String?) -> String? { capabilities.seesPII ? email : PIIMask.email(email) }

    /// The phone number as this viewer may see it.
    func mask(phone: String?) -> String? { capabilities.seesPII ? phone : PIIMask.phone(phone) }
}
