/// Turns a pair's comparison pattern into its match weight, and explains it.
///
/// The total and the explanation add the same prior and per-field weights in the same order,
/// so an explanation sums exactly, not approximately, to the weight that decided the pair.
struct PairScorer: Sendable {
    let comparer: PairComparer
    let weights: [[Double]]
    let prior: Double
    let frequencies: TermFrequencies

    init(comparer: PairComparer, model: MatchModel, frequencies: TermFrequencies) {
        self.comparer = comparer
        self.weights = model.fields.map(\.weights)
        self.prior = model.priorWeight
        self.frequencies = frequencies
    }

    /// The weight comparator `k` adds at `level` (≥ 0) for a pair whose first record is `i`.
    @inline(__always)
    func fieldWeight(_ k: Int, level: Int, left i: Int) -> Double {
        let base = weights[k][level]
        guard level == 0, !frequencies.adjustments[k].isEmpty else { return base }
        return base + frequencies.adjustment(k, comparer.kernels[k].valueID(in: comparer.table, i))
    }

    /// The total weight, prior included, of the pair with `pattern` whose first record is `i`.
    @inline(__always)
    func weight(_ pattern: UInt32, left i: Int) -> Double {
        var total = prior
        for k in weights.indices {
            let level = comparer.space.level(pattern, k)
            if level >= 0 { total += fieldWeight(k, level: level, left: i) }
        }
        return total
    }

    /// The field-by-field account of the pair (`i`, `j`) with `pattern`.
    func explanation(_ pattern: UInt32, _ i: Int, _ j: Int, policy: DecisionPolicy) -> Explanation {
        var contributions: [Explanation.Contribution] = []
        var total = prior
        for k in weights.indices {
            let comparator = comparer.comparators[k]
            let level = comparer.space.level(pattern, k)
            guard level >= 0 else {
                contributions.append(.init(field: comparator.name, level: nil, levelName: FieldComparator.nullLevelName,
                                           levelWeight: 0, termFrequencyAdjustment: 0, weight: 0))
                continue
            }
            let weight = fieldWeight(k, level: level, left: i)
            total += weight
            contributions.append(.init(field: comparator.name, level: level, levelName: comparator.levelNames[level],
                                       levelWeight: weights[k][level], termFrequencyAdjustment: weight - weights[k][level],
                                       weight: weight))
        }
        let table = comparer.table
        return Explanation(left: table.ids[i], right: table.ids[j], prior: prior, contributions: contributions, total: total,
                           decision: policy.decide(total, pattern))
    }
}
