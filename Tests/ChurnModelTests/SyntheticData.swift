import TenureCore
@testable import ChurnModel

/// Small synthetic problems for the learning tests, the same on every run.
struct SyntheticData {
    var values: [Float]
    var labels: [Float]
    let rows: Int
    let columns: Int

    /// `rows` rows of `columns` uniform features in [0, 1); the label is 1 when x0 + x1 > 1 (flipped
    /// for a `noise` share of rows), or, with `signal` false, a coin toss unrelated to the features.
    init(rows: Int, columns: Int = 5, seed: UInt64, signal: Bool = true, noise: Double = 0, missing: Double = 0) {
        var generator = SplitMix64(seed: seed)
        func uniform() -> Double { Double(generator.next() >> 11) / Double(1 << 53) }
        var values: [Float] = []
        var labels: [Float] = []
        for _ in 0..<rows {
            let row = (0..<columns).map { _ in Float(uniform()) }
            var positive = signal ? row[0] + row[1] > 1 : uniform() < 0.3
            if uniform() < noise { positive.toggle() }
            values += row.enumerated().map { $0.offset >= 2 && uniform() < missing ? .nan : $0.element }
            labels.append(positive ? 1 : 0)
        }
        self.values = values
        self.labels = labels
        self.rows = rows
        self.columns = columns
    }

    /// The rows `range` as a matrix with labels.
    func matrix(_ range: Range<Int>, labelled: Bool = true) throws -> DataMatrix {
        try DataMatrix(values: Array(values[(range.lowerBound * columns)..<(range.upperBound * columns)]),
                       rows: range.count, columns: columns, labels: labelled ? Array(labels[range]) : nil)
    }

    /// The labels of rows `range` as outcomes.
    func outcomes(_ range: Range<Int>) -> [Bool] { labels[range].map { $0 == 1 } }

    /// The labels shuffled across rows with a fixed seed: any link between features and label is cut.
    func shuffledLabels(seed: UInt64) -> SyntheticData {
        var copy = self
        var generator = SplitMix64(seed: seed)
        copy.labels = generator.shuffled(labels)
        return copy
    }
}
