import Foundation
import Logging
import TenureCore
import Testing
import Warehouse

/// The engines every test that touches the warehouse runs on, as the argument of a parameterised `@Test`.
///
/// SQLite runs in a fresh temporary folder. PostgreSQL needs a server: the URL in
/// `TENURE_TEST_POSTGRES_URL` names a database the tests may create other databases from;
/// each test gets its own database (dropped afterwards), so tests run in parallel safely.
/// Without the variable the PostgreSQL variants fail, telling how to start one.
public enum TestEngine: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    public var testDescription: String { rawValue }

    public static let postgresURLVariable = "TENURE_TEST_POSTGRES_URL"

    /// Tests log nothing; logging is not what they check.
    public static let logger = Logger(label: "tenure.warehouse.tests") { _ in SwiftLogNoOpLogHandler() }

    /// The PostgreSQL URL the tests use, or a failed test explaining how to get one.
    public static func postgresURL() throws -> String {
        try #require(
            ProcessInfo.processInfo.environment[postgresURLVariable].flatMap { $0.isEmpty ? nil : $0 },
            """
            \(postgresURLVariable) is not set: run `scripts/postgres start` and \
            `export \(postgresURLVariable)=$(scripts/postgres url)`, then run the tests again.
            """)
    }

    /// Runs `body` with the location (a `sqlite:` folder or a `postgres://` URL) of a brand-new,
    /// empty warehouse on this engine, for tests that hand it to another process; deletes it afterwards.
    public func withWarehouseLocation(_ body: (String) async throws -> Void) async throws {
        switch self {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("tenure-warehouse-test-\(UUID().uuidString)", isDirectory: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            try await body("sqlite:" + directory.path)
        case .postgres:
            let baseURL = try Self.postgresURL()
            let admin = try await openWarehouse(baseURL, logger: Self.logger)
            let database = "tenure_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
            try await admin.execute("CREATE DATABASE \(SQLIdentifier.quoted(database))")
            var components = try #require(URLComponents(string: baseURL))
            components.path = "/" + database
            do {
                try await body(try #require(components.string))
            } catch {
                try? await Self.step("dropping test database \(database)") {
                    try await admin.execute("DROP DATABASE IF EXISTS \(SQLIdentifier.quoted(database)) WITH (FORCE)")
                }
                try? await Self.step("closing the administration connection") { try await admin.close() }
                throw error
            }
            try await Self.step("dropping test database \(database)") {
                try await admin.execute("DROP DATABASE IF EXISTS \(SQLIdentifier.quoted(database)) WITH (FORCE)")
            }
            try await Self.step("closing the administration connection") { try await admin.close() }
        }
    }

    /// Runs a step of tearing a test warehouse down; one still running after `limit` fails the
    /// test, naming the step, instead of stalling the whole run.
    /// A slow step is noted on standard error: these take well under a second.
    static func step(_ name: String, limit: Duration = .seconds(120), _ operation: @escaping @Sendable () async throws -> Void) async throws {
        let started = ContinuousClock.now
        guard let result = await Task(operation: operation).result(within: limit) else {
            throw StalledStep(description: "\(name) did not finish within \(limit.components.seconds) s")
        }
        let took = ContinuousClock.now - started
        if took > .seconds(10) {
            FileHandle.standardError.write(Data("tenure tests: \(name) took \(took.components.seconds) s\n".utf8))
        }
        try result.get()
    }

    /// A step of tearing down that did not finish.
    struct StalledStep: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs `body` against a brand-new, empty warehouse on this engine, then deletes it.
    public func withWarehouse(_ body: (any Warehouse) async throws -> Void) async throws {
        try await withWarehouseLocation { location in
            try await Self.run(body, on: try await openWarehouse(location, logger: Self.logger))
        }
    }

    /// Runs `body`, closing the warehouse whether or not it throws.
    private static func run(_ body: (any Warehouse) async throws -> Void, on warehouse: any Warehouse) async throws {
        do {
            try await body(warehouse)
        } catch {
            try? await step("closing the \(warehouse.engine) warehouse") { try await warehouse.close() }
            throw error
        }
        try await step("closing the \(warehouse.engine) warehouse") { try await warehouse.close() }
    }
}

/// An error thrown on purpose by test bodies.
public struct IntentionalError: Error, Equatable {
    public init() {}
}

extension SQLExecutor {
    /// The single integer of a one-row, one-column query.
    public func scalarInt(_ sql: String, _ arguments: [SQLValue] = []) async throws -> Int? {
        let rows = try await query(sql, arguments)
        guard rows.count == 1, let column = rows[0].columns.first else { return nil }
        return rows[0].int(column)
    }
}
