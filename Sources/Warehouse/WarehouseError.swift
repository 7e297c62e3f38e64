import Foundation

/// The one error type of the Warehouse module.
///
/// Messages carry context (engine, what failed, the statement's text) but never bound values
/// nor passwords: warehouses hold customer data, and errors end up in logs and terminals.
public struct WarehouseError: Error, Sendable, CustomStringConvertible, LocalizedError {
    /// What went wrong, for callers that branch on it.
    public enum Kind: String, Sendable, Hashable {
        /// The location string could not be understood.
        case invalidLocation
        /// The database could not be opened or reached.
        case connectionFailed
        /// The engine rejected or failed a statement.
        case statementFailed
        /// Arguments don't fit the statement (placeholder count, row width).
        case invalidArguments
        /// The API was used in a way that cannot work (e.g. a finished transaction).
        case invalidUse
        /// A value or type this module cannot carry (e.g. an unsupported result column type).
        case unsupported
    }

    /// What went wrong.
    public var kind: Kind
    /// The engine involved, when known.
    public var engine: WarehouseEngine?
    /// A one-line, value-free explanation.
    public var message: String
    /// The engine's error code: a PostgreSQL SQLSTATE (`42P01`) or an SQLite result code (`19`).
    public var code: String?
    /// The statement's text, whitespace collapsed and trimmed to a readable length.
    public var sql: String?

    /// Creates an error; `sql` is condensed to one short line.
    public init(_ kind: Kind, engine: WarehouseEngine?, message: String, code: String? = nil, sql: String? = nil) {
        self.kind = kind
        self.engine = engine
        self.message = message
        self.code = code
        self.sql = sql.map(WarehouseError.condensed)
    }

    /// `warehouse [postgres] statement failed (42P01): relation "bronze.x" does not exist — SQL: SELECT …`
    public var description: String {
        var text = "warehouse"
        if let engine { text += " [\(engine)]" }
        text += " \(kind.phrase)"
        if let code { text += " (\(code))" }
        text += ": \(message)"
        if let sql { text += " — SQL: \(sql)" }
        return text
    }

    /// Same as ``description``, for Foundation's `localizedDescription`.
    public var errorDescription: String? { description }

    /// The longest statement text kept in an error; long model SQL is cut, not dropped.
    static let maximumSQLLength = 240

    static func condensed(_ sql: String) -> String {
        let oneLine = sql.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        guard oneLine.count > maximumSQLLength else { return oneLine }
        return String(oneLine.prefix(maximumSQLLength)) + "…"
    }
}

extension WarehouseError.Kind {
    var phrase: String {
        switch self {
        case .invalidLocation: "invalid location"
        case .connectionFailed: "connection failed"
        case .statementFailed: "statement failed"
        case .invalidArguments: "invalid arguments"
        case .invalidUse: "invalid use"
        case .unsupported: "unsupported"
        }
    }
}
