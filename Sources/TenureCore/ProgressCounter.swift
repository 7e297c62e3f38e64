import Foundation

/// Counts progress callbacks (a model built, a batch landed) that may come from any task.
public final class ProgressCounter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()

    /// A counter at zero.
    public init() {}

    /// Counts one more and returns the count.
    public func next() -> Int { lock.withLock { value += 1; return value } }
}
