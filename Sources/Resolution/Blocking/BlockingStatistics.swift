/// What blocking did: pairs proposed per rule, and blocks skipped for their size.
public struct BlockingStatistics: Sendable, Hashable {
    /// One rule's share.
    public struct Rule: Sendable, Hashable {
        /// The rule's name.
        public let name: String
        /// Blocks of two or more records that were compared.
        public var blocks = 0
        /// Pairs this rule proposed first.
        public var pairs = 0
        /// Pairs this rule proposed that an earlier rule had already proposed.
        public var duplicatePairs = 0
        /// Blocks larger than the cap, skipped.
        public var oversizedBlocks = 0
        /// Records in the skipped blocks.
        public var recordsInOversizedBlocks = 0
        /// The largest block compared.
        public var largestBlock = 0
    }

    /// One entry per rule, in order.
    public let rules: [Rule]
    /// The candidate pairs, all rules together, without duplicates.
    public var pairs: Int { rules.reduce(0) { $0 + $1.pairs } }
    /// Blocks skipped for their size, all rules together.
    public var oversizedBlocks: Int { rules.reduce(0) { $0 + $1.oversizedBlocks } }
}
