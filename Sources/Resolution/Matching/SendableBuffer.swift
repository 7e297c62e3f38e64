/// A buffer that concurrent chunks write to at disjoint indices.
///
/// Unchecked because the compiler cannot see the two facts that make it safe: every chunk
/// writes only its own indices, and ``Concurrently`` returns only after every chunk has finished,
/// before the buffer's owner reads it or lets it go.
struct SendableBuffer<Element>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Element>
    init(_ buffer: UnsafeMutableBufferPointer<Element>) { self.buffer = buffer }
}
