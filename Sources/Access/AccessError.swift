/// The one error type of the Access module.
///
/// Messages name users, roles and tables but never a password, token or session id: errors end
/// up in logs, terminals and HTTP responses.
public enum AccessError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A username outside `[a-z0-9._-]{2,64}`.
    case invalidUsername(String)
    /// A role name that is not one of ``Role``'s.
    case invalidRole(String)
    /// A password shorter than the minimum length.
    case weakPassword(minimumLength: Int)
    /// A user with that name exists already.
    case duplicateUser(String)
    /// No user with that name.
    case unknownUser(String)
    /// No API token with that id.
    case unknownToken(String)
    /// A day that is not `YYYY-MM-DD`.
    case invalidDay(String)
    /// A stored record Access cannot read (e.g. an unknown role in `ops.users`).
    case corruptRecord(String)

    /// One line saying what went wrong.
    public var description: String {
        switch self {
        case .invalidUsername(let name):
            "invalid username \"\(name)\": use 2 to 64 of a-z, 0-9, '.', '_' and '-'"
        case .invalidRole(let role):
            "unknown role \"\(role)\": use one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))"
        case .weakPassword(let minimum):
            "the password is too weak: use at least \(minimum) characters"
        case .duplicateUser(let name):
            "user \"\(name)\" exists already"
        case .unknownUser(let name):
            "no user \"\(name)\""
        case .unknownToken(let id):
            "no API token with id \"\(id)\""
        case .invalidDay(let day):
            "invalid day \"\(day)\": use YYYY-MM-DD"
        case .corruptRecord(let what):
            "unreadable access record: \(what)"
        }
    }
}
