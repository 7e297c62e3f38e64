import Testing
import TenureCore

/// Waiting for a task's result no longer than a limit.
@Suite("Task results within a limit")
struct TaskDeadlineTests {
    @Test func aFinishedTaskGivesItsResult() async throws {
        let task = Task<Int, any Error> { 42 }
        #expect(try await task.result(within: .seconds(30))?.get() == 42)
        let failing = Task<Int, any Error> { throw CancellationError() }
        let result = await failing.result(within: .seconds(30))
        #expect(throws: CancellationError.self) { try result?.get() }
    }

    @Test func aTaskThatDoesNotFinishIsLeftAfterTheLimit() async throws {
        // A task awaiting another task's value cannot be cancelled out of its wait: the limit must end it.
        let endless = Task<Void, Never> { try? await Task.sleep(for: .seconds(3600)) }
        let waiter = Task<Void, Never> { await endless.value }
        defer { endless.cancel() }
        let started = ContinuousClock.now
        #expect(await waiter.result(within: .milliseconds(300)) == nil)
        let waited = ContinuousClock.now - started
        #expect(waited >= .milliseconds(300) && waited < .seconds(60), "\(waited)")
    }
}
