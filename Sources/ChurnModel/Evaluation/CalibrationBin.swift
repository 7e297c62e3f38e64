/// One decile of predicted probability: what the model said against what happened.
public struct CalibrationBin: Sendable, Hashable, Codable {
    /// The decile, 1 (lowest probabilities) to 10.
    public var decile: Int
    /// The rows in it.
    public var count: Int
    /// The lowest predicted probability in it.
    public var lowest: Double
    /// The highest predicted probability in it.
    public var highest: Double
    /// The mean predicted probability.
    public var meanPredicted: Double
    /// The share of its rows that were positive.
    public var observedRate: Double

    /// Rows sorted by probability and cut into ten groups of equal size (within one row); empty
    /// deciles (fewer than ten rows) are left out. Rows of equal probability keep their input order.
    public static func deciles(labels: [Bool], probabilities: [Double]) -> [CalibrationBin] {
        let order = probabilities.indices.sorted {
            probabilities[$0] < probabilities[$1] || (probabilities[$0] == probabilities[$1] && $0 < $1)
        }
        let n = order.count
        var bins: [CalibrationBin] = []
        for decile in 0..<10 {
            let rows = order[(decile * n / 10)..<((decile + 1) * n / 10)]
            guard !rows.isEmpty else { continue }
            let predicted = rows.map { probabilities[$0] }
            let positives = rows.filter { labels[$0] }.count
            bins.append(CalibrationBin(
                decile: decile + 1,
                count: rows.count,
                lowest: predicted.min() ?? 0,
                highest: predicted.max() ?? 0,
                meanPredicted: predicted.reduce(0, +) / Double(rows.count),
                observedRate: Double(positives) / Double(rows.count)
            ))
        }
        return bins
    }
}
