/// Term-frequency adjustments: an exact agreement on a rare value says more than one on a
/// common value (two Smiths are less telling than two Oyelarans).
///
/// For value v with frequency f(v) among the records' non-missing values, a random pair
/// agrees on v with probability f(v)², a matching pair with probability ∝ f(v); the weight of
/// agreeing on v is the level's weight plus log2(Σ f² / f(v)): the value's frequency against
/// the frequency of the value an agreeing random pair typically shares. Common values get a
/// negative adjustment, rare ones a positive one, bounded by a configured limit because a
/// value seen once or twice has a frequency too noisy to trust fully.
struct TermFrequencies: Sendable {
    /// For each comparator, the adjustment per value id; empty when the comparator is not adjusted.
    let adjustments: [[Double]]

    init(_ table: RecordTable, comparators: [FieldComparator], limit: Double) {
        adjustments = comparators.map { comparator in
            guard comparator.termFrequencyAdjusted, let (ids, distinct) = comparator.values(in: table) else { return [] }
            var counts = [Int](repeating: 0, count: distinct)
            var total = 0
            for id in ids where id >= 0 {
                counts[Int(id)] += 1
                total += 1
            }
            guard total > 0 else { return [Double](repeating: 0, count: distinct) }
            let frequencies = counts.map { Double($0) / Double(total) }
            let typical = frequencies.reduce(0) { $0 + $1 * $1 }
            return frequencies.map { frequency in
                frequency > 0 ? min(limit, max(-limit, Logarithm.binary(typical / frequency))) : 0
            }
        }
    }

    /// The adjustment for an exact agreement of comparator `k` on value `id`.
    @inline(__always)
    func adjustment(_ k: Int, _ id: Int32) -> Double {
        let values = adjustments[k]
        return values.isEmpty || id < 0 ? 0 : values[Int(id)]
    }
}
