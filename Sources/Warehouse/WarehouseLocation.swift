import Foundation

/// Where a warehouse lives: an SQLite folder or a PostgreSQL database.
public enum WarehouseLocation: Sendable, Hashable, CustomStringConvertible {
    /// A folder holding one SQLite file per schema; created on first use.
    case sqlite(directory: URL)
    /// A PostgreSQL URL, `postgres://user[:password]@host[:port]/database[?sslmode=…]`.
    /// Without a password in the URL, `PGPASSWORD` is used when set.
    case postgres(url: String)

    /// Reads a location: `postgres://…` or `postgresql://…` is PostgreSQL; `sqlite:path` or a
    /// plain path is an SQLite folder (relative paths are taken from the current directory).
    public init(parsing text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let lowered = trimmed.lowercased()
        if lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://") {
            self = .postgres(url: trimmed)
            return
        }
        var path = trimmed
        if lowered.hasPrefix("sqlite:") {
            path = String(trimmed.dropFirst("sqlite:".count))
            // `sqlite:///abs/dir` and `sqlite://dir` are accepted as well as `sqlite:dir`.
            if path.hasPrefix("//") { path = String(path.dropFirst(2)) }
        } else if let colon = trimmed.firstIndex(of: ":"), !trimmed[..<colon].contains("/"), trimmed[..<colon].count > 1 {
            // Something like `mysql://…`: refuse rather than create a folder named after it.
            throw WarehouseError(.invalidLocation, engine: nil,
                message: "unknown warehouse scheme '\(trimmed[..<colon])'; use postgres://…, sqlite:path or a folder path")
        }
        guard !path.isEmpty else {
            throw WarehouseError(.invalidLocation, engine: .sqlite, message: "the SQLite location needs a folder path")
        }
        if path == "~" || path.hasPrefix("~/") {
            path = FileManager.default.homeDirectoryForCurrentUser.path + path.dropFirst()
        }
        self = .sqlite(directory: URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL)
    }

    /// The engine this location names.
    public var engine: WarehouseEngine {
        switch self {
        case .sqlite: .sqlite
        case .postgres: .postgres
        }
    }

    /// A printable form with any password replaced by `***`.
    public var description: String {
        switch self {
        case .sqlite(let directory): "sqlite:\(directory.path)"
        case .postgres(let url): PostgresSettings.redacted(url)
        }
    }
}
