import Foundation
import Warehouse

/// API tokens: random secrets shown once, stored as their SHA-256, acting as their user.
extension AccessStore {
    /// The text every token starts with, so a leaked one is easy to recognise (and scan for).
    public static let tokenPrefix = "tnr_"

    /// Makes a token for `username` and returns it: `tnr_` and 32 random bytes in base64url.
    ///
    /// This is the only time the token exists in the clear; only its SHA-256 is stored.
    public func createToken(for username: String, label: String? = nil) async throws -> String {
        let token = Self.tokenPrefix + RandomSecret.token(bytes: 32)
        let id = RandomSecret.hex(RandomSecret.bytes(6))
        let users = Self.usersTable, tokens = Self.tokensTable
        let stamp = StoredTime.text(now())
        try await warehouse.transaction { transaction in
            guard try await !transaction.query("SELECT 1 FROM \(users.sql) WHERE username = ?", [.text(username)]).isEmpty else {
                throw AccessError.unknownUser(username)
            }
            try await transaction.execute("""
                INSERT INTO \(tokens.sql) (token_id, username, token_hash, label, created_at, last_used_at, revoked)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, [.text(id), .text(username), .text(RandomSecret.digest(token)), label.map { .text($0) } ?? .null,
                      .text(stamp), .null, .integer(0)])
        }
        logger.info("created API token", metadata: ["username": "\(username)", "token_id": "\(id)"])
        return token
    }

    /// The user `token` acts as, or nil for an unknown or revoked token or a disabled user; notes the use.
    public func user(forToken token: String) async throws -> User? {
        guard token.hasPrefix(Self.tokenPrefix) else { return nil }
        let rows = try await warehouse.query("""
            SELECT t.token_id, u.username, u.role, u.created_at, u.disabled
            FROM \(Self.tokensTable.sql) t JOIN \(Self.usersTable.sql) u ON u.username = t.username
            WHERE t.token_hash = ? AND t.revoked = 0
            """, [.text(RandomSecret.digest(token))])
        guard let row = rows.first, let id = row.string("token_id") else { return nil }
        let user = try Self.user(row)
        guard !user.disabled else { return nil }
        try await warehouse.execute("UPDATE \(Self.tokensTable.sql) SET last_used_at = ? WHERE token_id = ?",
                                    [.text(StoredTime.text(now())), .text(id)])
        return user
    }

    /// The tokens of `username` (everyone's when nil), newest first; never the tokens themselves.
    public func tokens(for username: String? = nil) async throws -> [APIToken] {
        var sql = "SELECT token_id, username, label, created_at, last_used_at, revoked FROM \(Self.tokensTable.sql)"
        var arguments: [SQLValue] = []
        if let username {
            sql += " WHERE username = ?"
            arguments.append(.text(username))
        }
        return try await warehouse.query(sql + " ORDER BY created_at DESC, token_id", arguments).map { row in
            guard let id = row.string("token_id"), let owner = row.string("username"),
                  let createdAt = row.string("created_at").flatMap(StoredTime.date) else {
                throw AccessError.corruptRecord("an API token without id, user or creation time")
            }
            return APIToken(id: id, username: owner, label: row.string("label"), createdAt: createdAt,
                            lastUsedAt: row.string("last_used_at").flatMap(StoredTime.date), revoked: row.bool("revoked") ?? true)
        }
    }

    /// Revokes the token with public id `id`; it stops working at once.
    public func revokeToken(id: String) async throws {
        let tokens = Self.tokensTable
        try await warehouse.transaction { transaction in
            guard try await !transaction.query("SELECT 1 FROM \(tokens.sql) WHERE token_id = ?", [.text(id)]).isEmpty else {
                throw AccessError.unknownToken(id)
            }
            try await transaction.execute("UPDATE \(tokens.sql) SET revoked = 1 WHERE token_id = ?", [.text(id)])
        }
        logger.info("revoked API token", metadata: ["token_id": "\(id)"])
    }

    /// Revokes `token` itself (e.g. one its holder reports leaked); false when no such token exists.
    @discardableResult
    public func revokeToken(_ token: String) async throws -> Bool {
        let rows = try await warehouse.query("SELECT token_id FROM \(Self.tokensTable.sql) WHERE token_hash = ?",
                                             [.text(RandomSecret.digest(token))])
        guard let id = rows.first?.string("token_id") else { return false }
        try await revokeToken(id: id)
        return true
    }
}
