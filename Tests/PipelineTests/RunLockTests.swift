import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Pipeline
import ProcessTestSupport
import Testing
import Warehouse
import WarehouseTestSupport

/// One pipeline run at a time per warehouse, on both engines: a held lock refuses a second run; a
/// lock whose holder died (its process gone, or silent for too long on another machine) is taken over.
@Suite("the pipeline's one-run lock")
struct RunLockTests {
    /// The process id of a process that has exited.
    static func deadProcess() throws -> Int32 {
        // Not Foundation's Process, whose pipes and termination socket other tests' commands could inherit.
        let pid = try spawnProcess(["/bin/true"]) { _ in }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return pid
    }

    static func plant(_ warehouse: any Warehouse, run: String, host: String, pid: Int32, heartbeat: Date) async throws {
        let stamp = ISO8601DateFormatter().string(from: heartbeat)
        try await warehouse.execute(
            "INSERT INTO ops.pipeline_lock (name, run_id, host, pid, acquired_at, heartbeat_at) VALUES ('pipeline', ?, ?, ?, ?, ?)",
            [.text(run), .text(host), .integer(Int64(pid)), .text(stamp), .text(stamp)])
    }

    @Test(arguments: TestEngine.allCases)
    func aHeldLockRefusesAndADeadHoldersLockIsTakenOver(engine: TestEngine) async throws {
        try await engine.withWarehouseLocation { location in
            let warehouse = try await openWarehouse(WarehouseLocation(parsing: location), logger: TestEngine.logger)
            let lock = RunLock(warehouse)
            #expect(try await lock.acquire(for: "run-1", at: Date()) == nil)
            await #expect(throws: PipelineError.self) { _ = try await lock.acquire(for: "run-2", at: Date()) }
            #expect(try await lock.holder()?.runID == "run-1")
            try await lock.release("run-1")

            // Killed on this machine: its process is gone, so the lock is taken over at once.
            let here = ProcessInfo.processInfo.hostName
            try await Self.plant(warehouse, run: "run-killed", host: here, pid: try Self.deadProcess(), heartbeat: Date())
            #expect(try await lock.acquire(for: "run-3", at: Date())?.runID == "run-killed")
            #expect(try await lock.holder()?.runID == "run-3")
            try await lock.release("run-3")

            // On another machine: waited for while its heartbeat is fresh, taken over once it is stale.
            try await Self.plant(warehouse, run: "run-elsewhere", host: "another-host", pid: 4242, heartbeat: Date())
            await #expect(throws: PipelineError.self) { _ = try await lock.acquire(for: "run-4", at: Date()) }
            #expect(try await lock.acquire(for: "run-4", at: Date().addingTimeInterval(3600))?.runID == "run-elsewhere")
            #expect(try await warehouse.query("SELECT run_id FROM ops.pipeline_lock").map { $0.string("run_id") } == ["run-4"])
            try await warehouse.close()
        }
    }
}
