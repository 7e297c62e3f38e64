/// Why a pair scored what it did: the prior and each field's level and weight, adding up to the total.
public struct Explanation: Sendable, Hashable {
    /// One field's part of the total.
    public struct Contribution: Sendable, Hashable {
        /// The comparator's name.
        public let field: String
        /// The level reached, or nil when either record lacks the field.
        public let level: Int?
        /// The level's name (`null` when missing).
        public let levelName: String
        /// The level's match weight, log2(m/u), before term-frequency adjustment.
        public let levelWeight: Double
        /// The adjustment for how common the agreed value is (0 unless an exact agreement).
        public let termFrequencyAdjustment: Double
        /// The weight this field adds to the total.
        public let weight: Double
    }

    /// The first record of the pair.
    public let left: RecordID
    /// The second record of the pair.
    public let right: RecordID
    /// The prior's weight, where every pair starts (``MatchModel/priorWeight``).
    public let prior: Double
    /// One contribution per comparator, in the configured order.
    public let contributions: [Contribution]
    /// The total match weight: the prior plus the contributions' weights, summed in order.
    public let total: Double
    /// The probability of a match the total stands for.
    public var matchProbability: Double { MatchModel.probability(weight: total) }
    /// The decision the total reaches.
    public let decision: Decision
}
