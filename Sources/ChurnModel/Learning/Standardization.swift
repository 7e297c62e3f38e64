/// Centres and scales each feature by its training mean and standard deviation, and puts missing
/// values at the mean: what a linear model needs so that its regularisation treats features alike
/// and a missing value pulls no way.
public struct Standardization: Sendable, Hashable, Codable {
    /// Each feature's mean over its present training values.
    public var means: [Double]
    /// Each feature's standard deviation, 1 where it was 0 or undefined.
    public var scales: [Double]

    /// Learns the means and scales of row-major `values` with `columns` features per row, NaN missing.
    public init(fitting values: [Float], columns: Int) {
        var sums = [Double](repeating: 0, count: columns)
        var squares = [Double](repeating: 0, count: columns)
        var counts = [Int](repeating: 0, count: columns)
        for (index, value) in values.enumerated() where !value.isNaN {
            let column = index % columns
            sums[column] += Double(value)
            squares[column] += Double(value) * Double(value)
            counts[column] += 1
        }
        let means = (0..<columns).map { counts[$0] == 0 ? 0 : sums[$0] / Double(counts[$0]) }
        self.means = means
        scales = (0..<columns).map { column in
            guard counts[column] > 1 else { return 1 }
            let variance = max(0, squares[column] / Double(counts[column]) - means[column] * means[column])
            let deviation = variance.squareRoot()
            return deviation > 1e-12 ? deviation : 1
        }
    }

    /// `values` standardised, missing values set to 0 (the mean).
    public func apply(_ values: [Float]) -> [Float] {
        let columns = means.count
        return values.enumerated().map { index, value in
            value.isNaN ? 0 : Float((Double(value) - means[index % columns]) / scales[index % columns])
        }
    }
}
