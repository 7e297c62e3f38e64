import Foundation
import GRDB
import Logging
import TenureCore

/// The embedded warehouse: a folder with one SQLite file per schema, attached under the
/// schema's name to every connection so `bronze.erp_customers` reads the same as on PostgreSQL.
///
/// Layout: `<folder>/main.sqlite` (SQLite's `main` schema, left empty: model SQL always names
/// a schema) and `<folder>/bronze.sqlite`, `silver.sqlite`, `gold.sqlite`, `ml.sqlite`,
/// `ops.sqlite`. Every file is in WAL mode with `synchronous=NORMAL`: durable across
/// application crashes, fast enough for bulk loads. A `DatabasePool` gives one writer and
/// several concurrent readers; read-only queries go to readers, everything else to the
/// writer, one access (or one transaction) at a time through ``WriterGate``.
///
/// SQLite does not make a commit atomic across several attached WAL databases (a crash
/// mid-commit can keep one schema's part and lose another's), so a unit of work that must be
/// atomic stays within one schema.
final class SQLiteWarehouse: Warehouse {
    let engine = WarehouseEngine.sqlite
    let directory: URL
    let pool: DatabasePool
    let gate = WriterGate()
    let logger: Logger

    /// How long a connection waits for another process's lock before failing.
    static let busyTimeout: TimeInterval = 30

    private init(directory: URL, pool: DatabasePool, logger: Logger) {
        self.directory = directory
        self.pool = pool
        self.logger = logger
    }

    /// Opens (creating when missing) the warehouse folder and its schema files.
    static func open(directory: URL, logger: Logger) async throws -> SQLiteWarehouse {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw WarehouseError(.connectionFailed, engine: .sqlite,
                message: "cannot create the warehouse folder \(directory.path): \(error.localizedDescription)")
        }
        let schemaFiles = Layer.allCases.map { layer in
            (schema: layer.rawValue, path: directory.appendingPathComponent("\(layer.rawValue).sqlite").path)
        }
        var configuration = Configuration()
        configuration.label = "tenure.warehouse"
        configuration.journalMode = .wal
        configuration.busyMode = .timeout(busyTimeout)
        configuration.foreignKeysEnabled = true
        // Transactions span several awaited writer accesses (see `transaction`), which GRDB
        // only allows when told; `WriterGate` keeps other writes out meanwhile.
        configuration.allowsUnsafeTransactions = true
        configuration.prepareDatabase { db in
            try prepare(db, attaching: schemaFiles)
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: directory.appendingPathComponent("main.sqlite").path, configuration: configuration)
        } catch {
            throw WarehouseError(.connectionFailed, engine: .sqlite,
                message: "cannot open the warehouse in \(directory.path): \(WarehouseError(sqlite: error, sql: nil).message)")
        }
        logger.info("opened SQLite warehouse", metadata: ["directory": "\(directory.path)"])
        return SQLiteWarehouse(directory: directory, pool: pool, logger: logger)
    }

    /// Sets up every new connection, writer and readers alike.
    private static func prepare(_ db: Database, attaching schemaFiles: [(schema: String, path: String)]) throws {
        let isWriter = !db.configuration.readonly
        for (schema, path) in schemaFiles {
            let quoted = SQLIdentifier.quoted(schema)
            try db.execute(sql: "ATTACH DATABASE ? AS \(quoted)", arguments: [path])
            if isWriter {
                // Journal mode and synchronous are per database file, not per connection.
                try db.execute(sql: "PRAGMA \(quoted).journal_mode = WAL")
                try db.execute(sql: "PRAGMA \(quoted).synchronous = NORMAL")
                // A batch of millions of rows is one transaction. With SQLite's 2 MB default page
                // cache, its dirty pages spill to the WAL, and pages of a randomly ordered index
                // (bronze's content hashes) are spilled, changed and spilled again: landing the
                // N=50,000 bank's 10.5 M app events wrote 50 GB to a 5 GB WAL. Up to 1 GiB of
                // cache per schema holds such an index; SQLite takes the memory only as it needs it.
                try db.execute(sql: "PRAGMA \(quoted).cache_size = -1048576")
            }
        }
        if isWriter {
            try db.execute(sql: "PRAGMA main.synchronous = NORMAL")
        }
        for function in portableFunctions() {
            db.add(function: function)
        }
    }

    func execute(_ sql: String, _ arguments: [SQLValue]) async throws {
        try TransactionScope.ensureOutside(self, engine: engine)
        logger.trace("execute", metadata: ["sql": "\(WarehouseError.condensed(sql))"])
        try await gate.withGate {
            try await write(sql) { db in try SQLiteStatements.execute(db, sql, arguments) }
        }
    }

    func query(_ sql: String, _ arguments: [SQLValue]) async throws -> [Row] {
        try TransactionScope.ensureOutside(self, engine: engine)
        logger.trace("query", metadata: ["sql": "\(WarehouseError.condensed(sql))"])
        // Readers run concurrently with the writer; a statement that writes (`RETURNING`,
        // some pragmas) is detected when prepared and sent to the writer instead.
        let readRows: [Row]? = try await mapErrors(sql) {
            try await pool.read { db in try SQLiteStatements.query(db, sql, arguments, onlyIfReadOnly: true) }
        }
        if let readRows { return readRows }
        return try await gate.withGate {
            try await write(sql) { db in
                try SQLiteStatements.query(db, sql, arguments, onlyIfReadOnly: false) ?? []
            }
        }
    }

    func transaction<T: Sendable>(_ body: @Sendable (any WarehouseTransaction) async throws -> T) async throws -> T {
        try TransactionScope.ensureOutside(self, engine: engine)
        return try await gate.withGate {
            try await write("BEGIN IMMEDIATE") { db in
                // A previous transaction interrupted before it could roll back must not
                // swallow this one.
                if db.isInsideTransaction { try db.execute(sql: "ROLLBACK") }
                try db.execute(sql: "BEGIN IMMEDIATE")
            }
            let transaction = SQLiteTransaction(warehouse: self)
            do {
                let value = try await TransactionScope.inside(self) { try await body(transaction) }
                await transaction.state.finish()
                try await write("COMMIT") { db in try db.execute(sql: "COMMIT") }
                return value
            } catch {
                await transaction.state.finish()
                await rollback()
                throw error
            }
        }
    }

    /// Rolls back in a fresh task, so that a cancelled caller still leaves the writer clean.
    private func rollback() async {
        let pool = self.pool
        let logger = self.logger
        await Task {
            do {
                try await pool.writeWithoutTransaction { db in
                    if db.isInsideTransaction { try db.execute(sql: "ROLLBACK") }
                }
            } catch {
                logger.error("rollback failed", metadata: ["error": "\(WarehouseError(sqlite: error, sql: "ROLLBACK"))"])
            }
        }.value
    }

    func close() async throws {
        try await gate.withGate {
            try mapErrors(nil) { try pool.close() }
        }
        logger.info("closed SQLite warehouse", metadata: ["directory": "\(directory.path)"])
    }

    /// Runs `work` on the writer connection, outside any GRDB-managed transaction.
    func write<T: Sendable>(_ sql: String, _ work: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await mapErrors(sql) { try await pool.writeWithoutTransaction(work) }
    }

    private func mapErrors<T>(_ sql: String?, _ work: () async throws -> T) async throws -> T {
        do {
            return try await work()
        } catch let error as CancellationError {
            throw error
        } catch {
            throw WarehouseError(sqlite: error, sql: sql)
        }
    }

    private func mapErrors<T>(_ sql: String?, _ work: () throws -> T) throws -> T {
        do {
            return try work()
        } catch {
            throw WarehouseError(sqlite: error, sql: sql)
        }
    }
}
