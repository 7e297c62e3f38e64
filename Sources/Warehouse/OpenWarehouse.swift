import Foundation
import Logging

/// Opens the warehouse at `location`, creating the schemas of `Layer` when missing.
///
/// - Parameters:
///   - logger: Receives connection and statement logs (statement text at trace level; never
///     bound values or passwords).
///   - environment: Where `PGPASSWORD` is looked up when the URL has no password.
public func openWarehouse(
    _ location: WarehouseLocation,
    logger: Logger,
    environment: [String: String] = ProcessInfo.processInfo.environment
) async throws -> any Warehouse {
    switch location {
    case .sqlite(let directory):
        return try await SQLiteWarehouse.open(directory: directory, logger: logger)
    case .postgres(let url):
        let settings = try PostgresSettings(url: url, environment: environment)
        return try await PostgresWarehouse.open(settings: settings, logger: logger)
    }
}

/// Opens the warehouse at a location string such as `postgres://…` or `sqlite:warehouse`.
public func openWarehouse(
    _ location: String,
    logger: Logger,
    environment: [String: String] = ProcessInfo.processInfo.environment
) async throws -> any Warehouse {
    try await openWarehouse(WarehouseLocation(parsing: location), logger: logger, environment: environment)
}
