/// The records found to be one person, under a stable key.
public struct Cluster: Sendable, Hashable {
    /// The person's key, kept across runs (``StableKeys``).
    public let key: String
    /// The records' indices in the run's input, ascending.
    public let members: [Int]
}
