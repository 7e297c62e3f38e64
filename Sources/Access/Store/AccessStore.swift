import Foundation
import Logging
import Warehouse

/// Users, API tokens, sessions and the audit log, kept in the warehouse's `ops` schema.
///
/// Call ``prepare()`` once (at start-up) before anything else: it creates the tables that are
/// missing. Secrets never reach the warehouse as they are: passwords are stored as
/// ``PasswordHash`` strings, API tokens and session ids as their SHA-256. Times are stored as
/// ISO 8601 UTC text with milliseconds, so they compare and sort the same on every engine.
public struct AccessStore: Sendable {
    /// `ops.users`: username, role, password_hash, created_at, disabled.
    public static let usersTable = TableName(.ops, "users")
    /// `ops.api_tokens`: token_id, username, token_hash, label, created_at, last_used_at, revoked.
    public static let tokensTable = TableName(.ops, "api_tokens")
    /// `ops.sessions`: session_hash, username, csrf_token, created_at, expires_at, ip.
    public static let sessionsTable = TableName(.ops, "sessions")
    /// `ops.audit_log`: at, username, role, customer_key, page, action, ip, user_agent.
    public static let auditTable = TableName(.ops, "audit_log")

    let warehouse: any Warehouse
    let logger: Logger
    let now: @Sendable () -> Date

    /// Creates a store over `warehouse`; `now` is the clock (injected so tests can move time).
    public init(warehouse: any Warehouse, logger: Logger, now: @escaping @Sendable () -> Date = { Date() }) {
        self.warehouse = warehouse
        self.logger = logger
        self.now = now
    }

    /// Creates the four tables and their indexes where they are missing.
    public func prepare() async throws {
        try await warehouse.createTable(Self.usersTable, columns: [
            ColumnDefinition("username", .text, isNullable: false), ColumnDefinition("role", .text, isNullable: false),
            ColumnDefinition("password_hash", .text, isNullable: false), ColumnDefinition("created_at", .text, isNullable: false),
            ColumnDefinition("disabled", .integer, isNullable: false),
        ], ifNotExists: true)
        try await warehouse.createIndex("access_users_username", on: Self.usersTable, columns: ["username"], unique: true)
        try await warehouse.createTable(Self.tokensTable, columns: [
            ColumnDefinition("token_id", .text, isNullable: false), ColumnDefinition("username", .text, isNullable: false),
            ColumnDefinition("token_hash", .text, isNullable: false), ColumnDefinition("label", .text),
            ColumnDefinition("created_at", .text, isNullable: false), ColumnDefinition("last_used_at", .text),
            ColumnDefinition("revoked", .integer, isNullable: false),
        ], ifNotExists: true)
        try await warehouse.createIndex("access_api_tokens_hash", on: Self.tokensTable, columns: ["token_hash"], unique: true)
        try await warehouse.createIndex("access_api_tokens_id", on: Self.tokensTable, columns: ["token_id"], unique: true)
        try await warehouse.createTable(Self.sessionsTable, columns: [
            ColumnDefinition("session_hash", .text, isNullable: false), ColumnDefinition("username", .text, isNullable: false),
            ColumnDefinition("csrf_token", .text, isNullable: false), ColumnDefinition("created_at", .text, isNullable: false),
            ColumnDefinition("expires_at", .text, isNullable: false), ColumnDefinition("ip", .text),
        ], ifNotExists: true)
        try await warehouse.createIndex("access_sessions_hash", on: Self.sessionsTable, columns: ["session_hash"], unique: true)
        try await warehouse.createTable(Self.auditTable, columns: [
            ColumnDefinition("at", .text, isNullable: false), ColumnDefinition("username", .text, isNullable: false),
            ColumnDefinition("role", .text, isNullable: false), ColumnDefinition("customer_key", .text),
            ColumnDefinition("page", .text, isNullable: false), ColumnDefinition("action", .text, isNullable: false),
            ColumnDefinition("ip", .text), ColumnDefinition("user_agent", .text),
        ], ifNotExists: true)
        try await warehouse.createIndex("access_audit_customer", on: Self.auditTable, columns: ["customer_key", "at"])
        try await warehouse.createIndex("access_audit_user", on: Self.auditTable, columns: ["username", "at"])
        // Made now rather than on the first unknown username, whose answer would otherwise be slower.
        _ = PasswordHash.dummy
    }
}
