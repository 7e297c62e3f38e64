import Dispatch

/// Runs independent pieces of one job on every core and waits for them all.
///
/// Synchronous on purpose: matching is a batch computation called from the command line and
/// the pipeline, and `concurrentPerform` needs no executor or task bookkeeping per chunk.
/// Work is split into a fixed number of chunks, never by core count, so results (and the
/// random streams that produce them) are the same on every machine.
enum Concurrently {
    /// Calls `body` with every index in `0..<count`, several at once.
    static func forEach(_ count: Int, _ body: @Sendable (Int) -> Void) {
        guard count > 1 else {
            if count == 1 { body(0) }
            return
        }
        DispatchQueue.concurrentPerform(iterations: count, execute: body)
    }

    /// `body` applied to every index in `0..<count`, computed several at once, in index order.
    static func map<Element>(_ count: Int, _ body: @Sendable (Int) -> Element) -> [Element] {
        Array(unsafeUninitializedCapacity: count) { buffer, initialized in
            let slots = SendableBuffer(buffer)
            forEach(count) { index in slots.buffer.initializeElement(at: index, to: body(index)) }
            initialized = count
        }
    }

    /// The ranges of `0..<count` in chunks of at most `size` elements.
    static func chunks(_ count: Int, size: Int) -> [Range<Int>] {
        stride(from: 0, to: count, by: max(1, size)).map { $0..<min($0 + max(1, size), count) }
    }
}
