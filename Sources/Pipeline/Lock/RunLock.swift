import Foundation
import Logging
import TenureCore
import Warehouse

/// One pipeline run at a time per warehouse: a row in `ops.pipeline_lock` that only one process can
/// insert (a unique key), on SQLite and PostgreSQL alike. The holder refreshes it while it runs; a
/// lock whose holder is gone (its process dead on this machine, or no heartbeat for
/// ``staleAfter``) is taken over, and the run it belonged to is marked abandoned.
public struct RunLock: Sendable {
    /// The lock's table.
    public static let table = TableName(.ops, "pipeline_lock")

    let warehouse: any Warehouse
    /// How long without a heartbeat before a lock held from another machine counts as abandoned.
    public var staleAfter: Duration = .seconds(600)
    /// This machine's name, to tell whether a holder's process can be checked here.
    var host = ProcessInfo.processInfo.hostName
    /// This process.
    var pid = ProcessInfo.processInfo.processIdentifier

    /// The lock of `warehouse`.
    public init(_ warehouse: any Warehouse) { self.warehouse = warehouse }

    /// Who holds the lock.
    public struct Holder: Sendable, Equatable {
        /// The run holding it.
        public let runID: String
        /// Where it runs.
        public let host: String, pid: Int32
        /// When it took the lock, and when it last said it is alive.
        public let acquiredAt: String, heartbeatAt: String
    }

    /// Takes the lock for `runID`; when it is held by a run that is gone, takes it over and returns
    /// that run, else throws saying who holds it.
    public func acquire(for runID: String, at time: Date) async throws -> Holder? {
        try await warehouse.createTable(Self.table, columns: [
            ColumnDefinition("name", .text, isNullable: false), ColumnDefinition("run_id", .text, isNullable: false),
            ColumnDefinition("host", .text), ColumnDefinition("pid", .integer),
            ColumnDefinition("acquired_at", .text), ColumnDefinition("heartbeat_at", .text),
        ], ifNotExists: true)
        try await warehouse.createIndex("ux_pipeline_lock_name", on: Self.table, columns: ["name"], unique: true)
        if try await insert(runID, at: time) { return nil }
        guard let holder = try await holder() else {
            // Released between our insert and our look: try once more.
            if try await insert(runID, at: time) { return nil }
            throw PipelineError("another run took the pipeline lock just now; try again")
        }
        guard isGone(holder, at: time) else {
            throw PipelineError("run \(holder.runID) is in progress (on \(holder.host), process \(holder.pid), since \(holder.acquiredAt)); one run at a time")
        }
        // Take over: delete exactly the stale holder's row, then insert ours; a rival doing the
        // same at the same moment fails on the unique key.
        let (host, pid) = (self.host, self.pid)
        do {
            try await warehouse.transaction { transaction in
                try await transaction.execute("DELETE FROM \(Self.table.sql) WHERE name = 'pipeline' AND run_id = ?", [.text(holder.runID)])
                try await transaction.execute(
                    "INSERT INTO \(Self.table.sql) (name, run_id, host, pid, acquired_at, heartbeat_at) VALUES ('pipeline', ?, ?, ?, ?, ?)",
                    [.text(runID), .text(host), .integer(Int64(pid)), .text(Timestamp.iso(time)), .text(Timestamp.iso(time))])
            }
        } catch let error as WarehouseError where error.kind == .statementFailed {
            throw PipelineError("another run took over the pipeline lock from run \(holder.runID) just now; one run at a time")
        }
        return holder
    }

    /// Says the holder is alive.
    public func heartbeat(_ runID: String, at time: Date) async throws {
        try await warehouse.execute("UPDATE \(Self.table.sql) SET heartbeat_at = ? WHERE name = 'pipeline' AND run_id = ?",
                                    [.text(Timestamp.iso(time)), .text(runID)])
    }

    /// Lets go of the lock.
    public func release(_ runID: String) async throws {
        try await warehouse.execute("DELETE FROM \(Self.table.sql) WHERE name = 'pipeline' AND run_id = ?", [.text(runID)])
    }

    /// Who holds the lock now, if anyone.
    public func holder() async throws -> Holder? {
        guard try await warehouse.tableExists(Self.table) else { return nil }
        return try await warehouse.query("SELECT * FROM \(Self.table.sql) WHERE name = 'pipeline'").first.map { row in
            Holder(runID: row.string("run_id") ?? "", host: row.string("host") ?? "", pid: Int32(row.int("pid") ?? 0),
                   acquiredAt: row.string("acquired_at") ?? "", heartbeatAt: row.string("heartbeat_at") ?? "")
        }
    }

    private func insert(_ runID: String, at time: Date) async throws -> Bool {
        do {
            try await warehouse.execute(
                "INSERT INTO \(Self.table.sql) (name, run_id, host, pid, acquired_at, heartbeat_at) VALUES ('pipeline', ?, ?, ?, ?, ?)",
                [.text(runID), .text(host), .integer(Int64(pid)), .text(Timestamp.iso(time)), .text(Timestamp.iso(time))])
            return true
        } catch let error as WarehouseError where error.kind == .statementFailed {
            return false // the unique key: someone holds it
        }
    }

    /// Whether the holder has stopped: its process is gone from this machine, or it has not
    /// said it is alive for `staleAfter`.
    private func isGone(_ holder: Holder, at time: Date) -> Bool {
        if holder.host == host, holder.pid > 0, holder.pid != pid {
            return kill(holder.pid, 0) != 0 && errno == ESRCH
        }
        guard let heartbeat = Timestamp.date(holder.heartbeatAt) else { return true }
        return time.timeIntervalSince(heartbeat) > Double(staleAfter.components.seconds)
    }
}
