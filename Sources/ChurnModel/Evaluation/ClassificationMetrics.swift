import Foundation

/// How well probabilities predict a binary outcome: ranking (ROC AUC, PR AUC, lift), accuracy of
/// the probabilities themselves (log loss, Brier score) and their calibration.
///
/// Figures that need both classes (the AUCs, lift, capture) are NaN when the outcome has only one.
public struct ClassificationMetrics: Sendable, Hashable, Codable {
    /// The number of rows evaluated.
    public var count: Int
    /// How many of them were positive (churned).
    public var positives: Int
    /// Area under the ROC curve: the chance that a random positive outscores a random negative, ties counting half.
    public var rocAUC: Double
    /// Area under the precision-recall curve, as average precision.
    public var prAUC: Double
    /// Mean negative log-likelihood of the outcomes, probabilities clipped to [1e-15, 1 - 1e-15].
    public var logLoss: Double
    /// Mean squared difference between probability and outcome.
    public var brierScore: Double
    /// The rows in the top decile of scores (a tenth of the rows, rounded up).
    public var topDecileCount: Int
    /// The positive rate in the top decile over the overall positive rate.
    public var topDecileLift: Double
    /// The share of all positives that fall in the top decile.
    public var topDecileCapture: Double
    /// The `k` of `precisionAtK`, at most the number of rows.
    public var k: Int
    /// The share of positives among the `k` highest scores.
    public var precisionAtK: Double
    /// Mean predicted probability against observed rate, per decile of predicted probability.
    public var calibration: [CalibrationBin]

    /// The overall positive rate.
    public var baseRate: Double { count == 0 ? .nan : Double(positives) / Double(count) }

    /// The metrics of `probabilities` for `labels` (true = positive), precision taken at the top `k`.
    ///
    /// Rows with equal scores are ranked as a group: where a group straddles the top decile or the
    /// top `k`, it contributes its positives in proportion to the places it takes, so that a score
    /// with few distinct values (a rule's 0/1 flag) is not flattered or penalised by row order.
    public init(labels: [Bool], probabilities: [Double], k: Int) throws {
        guard labels.count == probabilities.count else {
            throw ChurnModelError("\(labels.count) labels for \(probabilities.count) probabilities")
        }
        guard !labels.isEmpty else { throw ChurnModelError("no rows to evaluate") }
        guard k > 0 else { throw ChurnModelError("precision at k needs k > 0, got \(k)") }
        if let bad = probabilities.first(where: { !($0 >= 0 && $0 <= 1) }) {
            throw ChurnModelError("probabilities must lie in [0, 1], got \(bad)")
        }
        let ranking = Ranking(labels: labels, scores: probabilities)
        count = labels.count
        positives = ranking.positives
        rocAUC = ranking.rocAUC()
        prAUC = ranking.averagePrecision()
        logLoss = Self.logLoss(labels: labels, probabilities: probabilities)
        brierScore = Self.brierScore(labels: labels, probabilities: probabilities)
        topDecileCount = (count + 9) / 10
        let decilePositives = ranking.positivesInTop(topDecileCount)
        let baseRate = Double(positives) / Double(count)
        topDecileLift = positives == 0 ? .nan : (decilePositives / Double(topDecileCount)) / baseRate
        topDecileCapture = positives == 0 ? .nan : decilePositives / Double(positives)
        self.k = min(k, count)
        precisionAtK = ranking.positivesInTop(self.k) / Double(self.k)
        calibration = CalibrationBin.deciles(labels: labels, probabilities: probabilities)
    }

    /// Mean negative log-likelihood, probabilities clipped to [1e-15, 1 - 1e-15] so that a 0/1 score stays finite.
    public static func logLoss(labels: [Bool], probabilities: [Double]) -> Double {
        guard !labels.isEmpty else { return .nan }
        var total = 0.0
        for (label, probability) in zip(labels, probabilities) {
            let p = min(max(probability, 1e-15), 1 - 1e-15)
            total -= label ? log(p) : log(1 - p)
        }
        return total / Double(labels.count)
    }

    /// Mean squared difference between probability and outcome (0 or 1).
    public static func brierScore(labels: [Bool], probabilities: [Double]) -> Double {
        guard !labels.isEmpty else { return .nan }
        var total = 0.0
        for (label, probability) in zip(labels, probabilities) {
            let error = probability - (label ? 1 : 0)
            total += error * error
        }
        return total / Double(labels.count)
    }
}
