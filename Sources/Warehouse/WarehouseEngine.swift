/// The database engine behind a ``Warehouse``; code branches on it only inside this module.
public enum WarehouseEngine: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Embedded SQLite through GRDB: one folder per project, nothing to install.
    case sqlite
    /// PostgreSQL through postgres-nio: a team's shared warehouse.
    case postgres

    /// The engine's lowercase name, as used in messages.
    public var description: String { rawValue }
}
