/// A compared pair of records: its weight and decision. Compact, as there are millions.
public struct ScoredPair: Sendable, Hashable {
    let leftIndex: Int32
    let rightIndex: Int32
    /// Every comparator's level, packed (see ``MatchResult/levels(of:)``).
    let pattern: UInt32
    /// The total match weight in bits.
    public let weight: Double
    /// Accept, review or reject: from the thresholds, or from a person's review.
    public let decision: Decision
    /// Whether ``decision`` was made by a person in review rather than by the thresholds.
    public let reviewed: Bool

    /// The first record's index in the run's input (the lower index).
    public var left: Int { Int(leftIndex) }
    /// The second record's index in the run's input.
    public var right: Int { Int(rightIndex) }
}
