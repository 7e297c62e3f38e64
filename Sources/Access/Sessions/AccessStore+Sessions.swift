import Foundation
import Warehouse

/// Browser sessions: a random id in a cookie (stored as its SHA-256) and a CSRF token for forms.
extension AccessStore {
    /// Starts a session for `user` lasting `lifetime`; returns the session id (for the cookie)
    /// and the CSRF token (for forms). Sessions already expired are cleared on the way.
    public func startSession(for user: User, ip: String?, lifetime: Duration = .seconds(8 * 3600)) async throws
        -> (sessionID: String, csrfToken: String) {
        let sessionID = RandomSecret.token(bytes: 32), csrfToken = RandomSecret.token(bytes: 32)
        let start = now()
        let (seconds, attoseconds) = lifetime.components
        let end = start.addingTimeInterval(Double(seconds) + Double(attoseconds) / 1e18)
        let sessions = Self.sessionsTable
        try await warehouse.transaction { transaction in
            try await transaction.execute("DELETE FROM \(sessions.sql) WHERE expires_at <= ?", [.text(StoredTime.text(start))])
            try await transaction.execute("""
                INSERT INTO \(sessions.sql) (session_hash, username, csrf_token, created_at, expires_at, ip) VALUES (?, ?, ?, ?, ?, ?)
                """, [.text(RandomSecret.digest(sessionID)), .text(user.username), .text(csrfToken),
                      .text(StoredTime.text(start)), .text(StoredTime.text(end)), ip.map { .text($0) } ?? .null])
        }
        logger.info("started session", metadata: ["username": "\(user.username)"])
        return (sessionID, csrfToken)
    }

    /// The user and CSRF token of session `id`, or nil when it is unknown, expired or its user is disabled or gone.
    public func session(_ id: String) async throws -> (user: User, csrfToken: String)? {
        let rows = try await warehouse.query("""
            SELECT s.csrf_token, u.username, u.role, u.created_at, u.disabled
            FROM \(Self.sessionsTable.sql) s JOIN \(Self.usersTable.sql) u ON u.username = s.username
            WHERE s.session_hash = ? AND s.expires_at > ?
            """, [.text(RandomSecret.digest(id)), .text(StoredTime.text(now()))])
        guard let row = rows.first, let csrfToken = row.string("csrf_token") else { return nil }
        let user = try Self.user(row)
        return user.disabled ? nil : (user, csrfToken)
    }

    /// Ends session `id` (signing out); unknown ids are ignored.
    public func endSession(_ id: String) async throws {
        try await warehouse.execute("DELETE FROM \(Self.sessionsTable.sql) WHERE session_hash = ?", [.text(RandomSecret.digest(id))])
    }
}
