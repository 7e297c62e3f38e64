import Foundation
import Warehouse

/// Adding, listing and removing users, and checking their passwords.
extension AccessStore {
    /// Adds a user; refuses a malformed or taken username and a password under 12 characters.
    public func addUser(_ username: String, role: Role, password: String) async throws {
        try Self.validate(username: username)
        try Self.validate(password: password)
        let hash = try PasswordHash.make(password)
        let stamp = StoredTime.text(now())
        let table = Self.usersTable
        try await warehouse.transaction { transaction in
            guard try await transaction.query("SELECT 1 FROM \(table.sql) WHERE username = ?", [.text(username)]).isEmpty else {
                throw AccessError.duplicateUser(username)
            }
            try await transaction.execute("INSERT INTO \(table.sql) (username, role, password_hash, created_at, disabled) VALUES (?, ?, ?, ?, ?)",
                                          [.text(username), .text(role.rawValue), .text(hash), .text(stamp), .integer(0)])
        }
        logger.info("added user", metadata: ["username": "\(username)", "role": "\(role.rawValue)"])
    }

    /// Removes a user with their API tokens and sessions; their audit entries stay.
    public func removeUser(_ username: String) async throws {
        let users = Self.usersTable, tokens = Self.tokensTable, sessions = Self.sessionsTable
        try await warehouse.transaction { transaction in
            guard try await !transaction.query("SELECT 1 FROM \(users.sql) WHERE username = ?", [.text(username)]).isEmpty else {
                throw AccessError.unknownUser(username)
            }
            for table in [tokens, sessions, users] {
                try await transaction.execute("DELETE FROM \(table.sql) WHERE username = ?", [.text(username)])
            }
        }
        logger.info("removed user", metadata: ["username": "\(username)"])
    }

    /// Every user, by username.
    public func listUsers() async throws -> [User] {
        try await warehouse.query("SELECT username, role, created_at, disabled FROM \(Self.usersTable.sql) ORDER BY username")
            .map(Self.user)
    }

    /// The user named `username`, or nil.
    public func user(named username: String) async throws -> User? {
        try await warehouse.query("SELECT username, role, created_at, disabled FROM \(Self.usersTable.sql) WHERE username = ?",
                                  [.text(username)]).first.map(Self.user)
    }

    /// Replaces a user's password and ends their sessions.
    public func setPassword(_ username: String, password: String) async throws {
        try Self.validate(password: password)
        let hash = try PasswordHash.make(password)
        let users = Self.usersTable, sessions = Self.sessionsTable
        try await warehouse.transaction { transaction in
            guard try await !transaction.query("SELECT 1 FROM \(users.sql) WHERE username = ?", [.text(username)]).isEmpty else {
                throw AccessError.unknownUser(username)
            }
            try await transaction.execute("UPDATE \(users.sql) SET password_hash = ? WHERE username = ?", [.text(hash), .text(username)])
            try await transaction.execute("DELETE FROM \(sessions.sql) WHERE username = ?", [.text(username)])
        }
        logger.info("changed password", metadata: ["username": "\(username)"])
    }

    /// Disables (or enables again) a user: a disabled user cannot sign in, use tokens or sessions.
    public func setDisabled(_ username: String, _ disabled: Bool) async throws {
        let users = Self.usersTable
        try await warehouse.transaction { transaction in
            guard try await !transaction.query("SELECT 1 FROM \(users.sql) WHERE username = ?", [.text(username)]).isEmpty else {
                throw AccessError.unknownUser(username)
            }
            try await transaction.execute("UPDATE \(users.sql) SET disabled = ? WHERE username = ?", [.integer(disabled ? 1 : 0), .text(username)])
        }
        logger.info(disabled ? "disabled user" : "enabled user", metadata: ["username": "\(username)"])
    }

    /// The user whose password this is, or nil for a wrong password, an unknown or a disabled user.
    ///
    /// Every path verifies one hash (a dummy one for an unknown user), so the time taken does
    /// not tell which usernames exist.
    public func authenticate(username: String, password: String) async throws -> User? {
        let rows = try await warehouse.query(
            "SELECT username, role, created_at, disabled, password_hash FROM \(Self.usersTable.sql) WHERE username = ?",
            [.text(username)])
        guard let row = rows.first, let stored = row.string("password_hash") else {
            _ = PasswordHash.verify(password, against: PasswordHash.dummy)
            logger.info("sign-in refused", metadata: ["reason": "unknown user"])
            return nil
        }
        let matches = PasswordHash.verify(password, against: stored)
        let user = try Self.user(row)
        guard matches, !user.disabled else {
            logger.info("sign-in refused", metadata: ["username": "\(username)", "reason": "\(matches ? "disabled" : "wrong password")"])
            return nil
        }
        return user
    }

    /// Usernames: 2 to 64 of `a-z 0-9 . _ -`.
    static func validate(username: String) throws {
        let allowed = username.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
        guard allowed, (2...64).contains(username.utf8.count) else { throw AccessError.invalidUsername(username) }
    }

    static func validate(password: String) throws {
        guard password.count >= PasswordHash.minimumPasswordLength else {
            throw AccessError.weakPassword(minimumLength: PasswordHash.minimumPasswordLength)
        }
    }

    /// A user from a row with username, role, created_at and disabled.
    static func user(_ row: Row) throws -> User {
        guard let username = row.string("username") else { throw AccessError.corruptRecord("a user without a username") }
        guard let role = row.string("role").flatMap(Role.init(rawValue:)) else {
            throw AccessError.corruptRecord("user \"\(username)\" has an unknown role")
        }
        guard let createdAt = row.string("created_at").flatMap(StoredTime.date) else {
            throw AccessError.corruptRecord("user \"\(username)\" has an unreadable created_at")
        }
        return User(username: username, role: role, createdAt: createdAt, disabled: row.bool("disabled") ?? true)
    }
}
