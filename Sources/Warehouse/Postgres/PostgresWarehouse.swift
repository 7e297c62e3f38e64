import Logging
import PostgresNIO
import TenureCore

/// The PostgreSQL warehouse: a postgres-nio connection pool over one database whose schemas
/// are the layers.
///
/// Opening connects once directly, so a wrong host or password fails at once with a clear
/// error instead of inside the pool's retries, and creates missing schemas. The pool's
/// background work runs in a task that ``close()`` ends.
final class PostgresWarehouse: Warehouse {
    /// How long closing waits for the client to stop.
    static let stopLimit: Duration = .seconds(15)
    let engine = WarehouseEngine.postgres
    private let client: PostgresClient
    private let runTask: Task<Void, Never>
    private let settings: PostgresSettings
    private let logger: Logger
    private let lifecycle = Lifecycle()

    private init(client: PostgresClient, runTask: Task<Void, Never>, settings: PostgresSettings, logger: Logger) {
        self.client = client
        self.runTask = runTask
        self.settings = settings
        self.logger = logger
    }

    /// Connects, makes sure every schema and the portable SQL functions exist, then starts the pool.
    static func open(settings: PostgresSettings, logger: Logger) async throws -> PostgresWarehouse {
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(
                configuration: try settings.connectionConfiguration(), id: 0, logger: logger)
        } catch {
            var failure = WarehouseError(postgres: error, sql: nil, connecting: true)
            failure.message = "cannot connect to \(settings.displayName): \(failure.message)"
            throw failure
        }
        do {
            try await createMissingSchemas(connection, logger: logger)
            try await PostgresFunctions.installIfNeeded(connection, logger: logger)
            try? await connection.close()
        } catch {
            try? await connection.close()
            throw error
        }
        let client = PostgresClient(configuration: settings.clientConfiguration(), backgroundLogger: logger)
        // PostgresNIO warns when a connection is leased before run() has begun, which would
        // spoil the one-line error of a command that fails fast. Wait until the task is about to
        // call run(), then give its synchronous start (which marks the client running) a moment.
        let (started, signal) = AsyncStream<Void>.makeStream()
        let runTask = Task {
            signal.finish()
            await client.run()
        }
        for await _ in started {}
        try? await Task.sleep(for: .milliseconds(10))
        logger.info("opened PostgreSQL warehouse", metadata: ["database": "\(settings.displayName)"])
        return PostgresWarehouse(client: client, runTask: runTask, settings: settings, logger: logger)
    }

    /// Creates the layers' schemas that are missing. Checking first lets users without the
    /// CREATE privilege open a prepared database; the advisory lock keeps concurrent openers
    /// from racing on `CREATE SCHEMA`.
    private static func createMissingSchemas(_ connection: PostgresConnection, logger: Logger) async throws {
        let names = Layer.allCases.map(\.rawValue)
        let placeholders = names.map { _ in "?" }.joined(separator: ", ")
        let existing = try await PostgresStatements.query(
            connection, "SELECT nspname FROM pg_namespace WHERE nspname IN (\(placeholders))",
            names.map(SQLValue.text), logger: logger
        ).compactMap { $0.string("nspname") }
        let missing = names.filter { !existing.contains($0) }
        guard !missing.isEmpty else { return }
        try await PostgresStatements.execute(connection, "BEGIN", [], logger: logger)
        do {
            try await PostgresStatements.execute(connection, "SELECT pg_advisory_xact_lock(hashtext('tenure.schemas'))", [], logger: logger)
            for schema in missing {
                try await PostgresStatements.execute(connection, "CREATE SCHEMA IF NOT EXISTS \(SQLIdentifier.quoted(schema))", [], logger: logger)
            }
            try await PostgresStatements.execute(connection, "COMMIT", [], logger: logger)
        } catch {
            try? await PostgresStatements.execute(connection, "ROLLBACK", [], logger: logger)
            throw error
        }
        logger.info("created schemas", metadata: ["schemas": "\(missing.joined(separator: ", "))"])
    }

    func execute(_ sql: String, _ arguments: [SQLValue]) async throws {
        try TransactionScope.ensureOutside(self, engine: engine)
        logger.trace("execute", metadata: ["sql": "\(WarehouseError.condensed(sql))"])
        try await withConnection(sql) { connection in
            try await PostgresStatements.execute(connection, sql, arguments, logger: self.logger)
        }
    }

    func query(_ sql: String, _ arguments: [SQLValue]) async throws -> [Row] {
        try TransactionScope.ensureOutside(self, engine: engine)
        logger.trace("query", metadata: ["sql": "\(WarehouseError.condensed(sql))"])
        return try await withConnection(sql) { connection in
            try await PostgresStatements.query(connection, sql, arguments, logger: self.logger)
        }
    }

    func transaction<T: Sendable>(_ body: @Sendable (any WarehouseTransaction) async throws -> T) async throws -> T {
        try TransactionScope.ensureOutside(self, engine: engine)
        return try await withConnection("BEGIN") { connection in
            try await PostgresStatements.execute(connection, "BEGIN", [], logger: self.logger)
            let transaction = PostgresTransaction(connection: connection, logger: self.logger)
            do {
                let value = try await TransactionScope.inside(self) { try await body(transaction) }
                await transaction.state.finish()
                try await PostgresStatements.execute(connection, "COMMIT", [], logger: self.logger)
                return value
            } catch {
                await transaction.state.finish()
                do {
                    try await PostgresStatements.execute(connection, "ROLLBACK", [], logger: self.logger)
                } catch {
                    // A connection whose transaction state is unknown must not go back to the pool.
                    self.logger.error("rollback failed; closing the connection", metadata: ["error": "\(error)"])
                    try? await connection.close()
                }
                throw error
            }
        }
    }

    func close() async throws {
        await lifecycle.close()
        runTask.cancel()
        // PostgresNIO's pool returns from run() once its connections are closed. Should it not, a
        // command must still end: the client is left behind after a while, with a warning.
        if await runTask.result(within: Self.stopLimit) == nil {
            logger.warning("the PostgreSQL client did not stop; closed without it",
                           metadata: ["database": "\(settings.displayName)", "waited": "\(Self.stopLimit)"])
            return
        }
        logger.info("closed PostgreSQL warehouse", metadata: ["database": "\(settings.displayName)"])
    }

    /// Leases a pooled connection for `work`, turning pool failures into ``WarehouseError``;
    /// errors thrown by `work` itself (a transaction body's) pass through unchanged.
    private func withConnection<T: Sendable>(_ sql: String, _ work: (PostgresConnection) async throws -> T) async throws -> T {
        do {
            return try await client.withConnection { connection in
                do {
                    return try await work(connection)
                } catch {
                    throw WorkError(underlying: error)
                }
            }
        } catch let error as WorkError {
            throw error.underlying
        } catch let error as PSQLError {
            throw WarehouseError(postgres: error, sql: sql)
        } catch {
            // The pool's own errors (shut down, request cancelled, cannot connect) hold no values.
            if await lifecycle.isClosed {
                throw WarehouseError(.invalidUse, engine: .postgres, message: "the warehouse is closed", sql: sql)
            }
            throw WarehouseError(.connectionFailed, engine: .postgres, message: "\(error)", sql: sql)
        }
    }

    /// Marks an error as coming from the work rather than from leasing the connection.
    private struct WorkError: Error {
        let underlying: any Error
    }

    /// Remembers that ``close()`` was called, to explain later failures.
    private actor Lifecycle {
        private(set) var isClosed = false
        func close() { isClosed = true }
    }
}
