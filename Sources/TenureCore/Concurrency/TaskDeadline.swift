import Foundation

extension Task {
    /// The task's result, or nil when it has not finished within `limit`; the task is left to run on then.
    ///
    /// For waits that must end even if what they wait for never does (awaiting a task's value
    /// cannot be cancelled, so a task group racing it against a timer would wait for it anyway).
    public func result(within limit: Duration) async -> Result<Success, Failure>? {
        let first = FirstResult<Result<Success, Failure>?>()
        return await withCheckedContinuation { continuation in
            first.waiting(continuation)
            let timer = Task<Void, Never> {
                try? await Task<Never, Never>.sleep(for: limit)
                first.resume(with: nil)
            }
            Task<Void, Never> {
                let result = await self.result
                timer.cancel()
                first.resume(with: result)
            }
        }
    }
}

/// A continuation resumed by whichever of several racers comes first.
private final class FirstResult<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Value, Never>?

    func waiting(_ continuation: CheckedContinuation<Value, Never>) {
        lock.withLock { self.continuation = continuation }
    }

    func resume(with value: Value) {
        lock.withLock {
            let waiting = continuation
            continuation = nil
            return waiting
        }?.resume(returning: value)
    }
}
