/// Each feature's additive contribution to each row's margin (log-odds), XGBoost's SHAP values:
/// per row, the contributions plus the bias sum to the model's raw prediction.
public struct FeatureContributions: Sendable, Hashable {
    /// The number of rows explained.
    public let rows: Int
    /// The number of features (the bias is not counted).
    public let features: Int
    /// Row-major values, `features + 1` per row, the bias last.
    public let values: [Float]

    /// Contributions from XGBoost's row-major output.
    public init(rows: Int, features: Int, values: [Float]) {
        precondition(values.count == rows * (features + 1), "contributions must hold rows × (features + 1) values")
        self.rows = rows
        self.features = features
        self.values = values
    }

    /// The contribution of `feature` to `row`'s margin.
    public subscript(row: Int, feature: Int) -> Float { values[row * (features + 1) + feature] }

    /// The contributions of every feature to `row`, without the bias.
    public func row(_ row: Int) -> ArraySlice<Float> {
        values[(row * (features + 1))..<(row * (features + 1) + features)]
    }

    /// The part of `row`'s margin no feature accounts for (the base score).
    public func bias(_ row: Int) -> Float { values[row * (features + 1) + features] }

    /// `row`'s margin: the sum of its contributions and the bias.
    public func margin(_ row: Int) -> Double {
        values[(row * (features + 1))..<((row + 1) * (features + 1))].reduce(0) { $0 + Double($1) }
    }

    /// Each feature's mean absolute contribution over all rows: how much the model leans on it.
    public func meanAbsolute() -> [Double] {
        var sums = [Double](repeating: 0, count: features)
        for row in 0..<rows {
            for feature in 0..<features { sums[feature] += Double(abs(self[row, feature])) }
        }
        return sums.map { rows == 0 ? 0 : $0 / Double(rows) }
    }
}
