/// How long one phase of a matching run took, for benchmarks and progress logs.
public struct PhaseTiming: Sendable, Hashable {
    /// The phase: `index`, `block`, `compare`, `estimate`, `score`, `cluster`, `keys`.
    public let phase: String
    /// Its wall-clock duration.
    public let duration: Duration
}
