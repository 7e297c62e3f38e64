/// What a matching run found: the scored pairs, the clusters with their keys, the model used,
/// and what each phase did.
public struct MatchResult: Sendable {
    /// The input records' ids, by index.
    public let records: [RecordID]
    /// The model that scored the pairs (estimated or fixed).
    public let model: MatchModel
    /// Every compared pair, in blocking order.
    public let pairs: [ScoredPair]
    /// Every record's cluster (singletons included), ordered by first member.
    public let clusters: [Cluster]
    /// For each record, the index of its cluster in ``clusters``.
    public let clusterOfRecord: [Int]
    /// What blocking did.
    public let blocking: BlockingStatistics
    /// Accepted links the clustering guard refused.
    public let refusedLinks: Int
    /// How long each phase took.
    public let timings: [PhaseTiming]

    let scorer: PairScorer
    let policy: DecisionPolicy

    /// The key of record `index`'s cluster.
    public func key(ofRecord index: Int) -> String { clusters[clusterOfRecord[index]].key }

    /// Every record's key, to pass to the next run as its previous keys.
    public var keysByRecord: [RecordID: String] {
        var keys: [RecordID: String] = [:]
        keys.reserveCapacity(records.count)
        for (index, id) in records.enumerated() { keys[id] = key(ofRecord: index) }
        return keys
    }

    /// Each comparator's level for `pair`, nil for null.
    public func levels(of pair: ScoredPair) -> [Int?] {
        scorer.comparer.comparators.indices.map { k in
            let level = scorer.comparer.space.level(pair.pattern, k)
            return level < 0 ? nil : level
        }
    }

    /// Why `pair` weighs what it does.
    public func explanation(of pair: ScoredPair) -> Explanation {
        scorer.explanation(pair.pattern, pair.left, pair.right, policy: policy)
    }

    /// Why records `a` and `b` (indices in the input) would weigh what they do, whether or not
    /// blocking proposed them.
    public func explain(_ a: Int, _ b: Int) -> Explanation {
        let (i, j) = (min(a, b), max(a, b))
        return scorer.explanation(scorer.comparer.pattern(i, j), i, j, policy: policy)
    }
}
