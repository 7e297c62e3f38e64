@testable import ChurnModel
import Foundation
import Testing

@Suite("Evaluation metrics: hand-computed figures, ties, calibration")
struct MetricsTests {
    func metrics(_ labels: [Bool], _ scores: [Double], k: Int = 1) throws -> ClassificationMetrics {
        try ClassificationMetrics(labels: labels, probabilities: scores, k: k)
    }

    @Test("ROC AUC: perfect 1, inverted 0, constant 0.5, a hand-counted example and ties counting half")
    func rocAUC() throws {
        let labels = [true, false, true, false]
        #expect(try metrics(labels, [0.9, 0.1, 0.8, 0.2]).rocAUC == 1)
        #expect(try metrics(labels, [0.1, 0.9, 0.2, 0.8]).rocAUC == 0)
        #expect(try metrics(labels, [0.5, 0.5, 0.5, 0.5]).rocAUC == 0.5)
        // Positives 0.9 and 0.4, negatives 0.8 and 0.3: 3 of 4 pairs ordered right.
        #expect(try metrics(labels, [0.9, 0.8, 0.4, 0.3]).rocAUC == 0.75)
        // Positives 0.8 and 0.5, negatives 0.5 and 0.2: 3 right and one tie = 3.5 / 4.
        #expect(try metrics([true, true, false, false], [0.8, 0.5, 0.5, 0.2]).rocAUC == 0.875)
        // One class only: undefined.
        #expect(try metrics([false, false], [0.3, 0.4]).rocAUC.isNaN)
    }

    @Test("average precision: precision at each positive's threshold, tied scores one threshold")
    func averagePrecision() throws {
        // Threshold 0.9: precision 1 at recall 1/2; threshold 0.4: precision 2/3 at recall 1.
        let ap = try metrics([true, false, true, false], [0.9, 0.8, 0.4, 0.3]).prAUC
        #expect(abs(ap - (0.5 * 1 + 0.5 * 2.0 / 3.0)) < 1e-12)
        #expect(try metrics([true, false, true, false], [0.9, 0.1, 0.8, 0.2]).prAUC == 1)
        // All tied: one threshold, precision = the base rate.
        #expect(abs(try metrics([true, false, false, false], [0.5, 0.5, 0.5, 0.5]).prAUC - 0.25) < 1e-12)
    }

    @Test("log loss and Brier score")
    func probabilityScores() throws {
        let m = try metrics([true, false], [0.8, 0.4])
        #expect(abs(m.logLoss - (-(log(0.8) + log(0.6)) / 2)) < 1e-12)
        #expect(abs(m.brierScore - (0.04 + 0.16) / 2) < 1e-12)
        // A 0/1 score that is wrong stays finite, clipped at 1e-15.
        let flag = try metrics([true, false], [0, 0])
        #expect(flag.logLoss.isFinite && abs(flag.logLoss - (-log(1e-15) / 2)) < 1e-6)
        #expect(flag.brierScore == 0.5)
    }

    @Test("top-decile lift and capture, precision at k")
    func lift() throws {
        // 20 rows, 4 positive (base rate 0.2); the two highest scores are positive.
        var labels = [Bool](repeating: false, count: 20)
        var scores = (0..<20).map { Double($0) / 100 }
        labels[19] = true; labels[18] = true; labels[3] = true; labels[0] = true
        scores[19] = 0.99; scores[18] = 0.98
        let m = try metrics(labels, scores, k: 4)
        #expect(m.topDecileCount == 2)
        #expect(abs(m.topDecileLift - 5) < 1e-12)
        #expect(abs(m.topDecileCapture - 0.5) < 1e-12)
        #expect(abs(m.precisionAtK - 0.5) < 1e-12)
        #expect(try metrics(labels, scores, k: 100).k == 20)
    }

    @Test("a tied group straddling the cut counts its positives in proportion: a flag is not flattered by row order")
    func tiesAtTheCut() throws {
        let labels = [true, false, false, true, false, false, true, false, false, false]
        let flat = try metrics(labels, [Double](repeating: 0.5, count: 10), k: 5)
        #expect(abs(flat.topDecileLift - 1) < 1e-12)
        #expect(abs(flat.precisionAtK - 0.3) < 1e-12)
        // Reordering rows does not change anything.
        let reordered = try metrics(labels.reversed(), [Double](repeating: 0.5, count: 10), k: 5)
        #expect(reordered.precisionAtK == flat.precisionAtK)
        // A 0/1 flag: three flagged rows, two of them positive; precision at k=5 takes the three and
        // two fifths of the seven unflagged (one positive among them).
        let flag = try metrics(labels, [1, 1, 0, 0, 0, 0, 1, 0, 0, 0], k: 5)
        #expect(abs(flag.precisionAtK - (2 + 2.0 / 7.0) / 5) < 1e-12)
    }

    @Test("calibration: ten groups of equal size by predicted probability, mean predicted against observed rate")
    func calibration() throws {
        let probabilities = (0..<20).map { Double($0) / 20 }
        let labels = (0..<20).map { $0 % 2 == 1 || $0 >= 18 }
        let bins = try metrics(labels, probabilities).calibration
        #expect(bins.count == 10)
        #expect(bins.allSatisfy { $0.count == 2 })
        #expect(abs(bins[0].meanPredicted - 0.025) < 1e-12)
        #expect(bins[0].observedRate == 0.5)
        #expect(bins[9].observedRate == 1)
        #expect(bins[9].lowest == 0.9 && bins[9].highest == 0.95)
        // Fewer than ten rows: only the non-empty deciles.
        #expect(try metrics([true, false, true], [0.2, 0.1, 0.9]).calibration.count == 3)
    }

    @Test("bad input is refused with a clear message")
    func refusals() {
        #expect(throws: ChurnModelError("2 labels for 1 probabilities")) { try metrics([true, false], [0.5]) }
        #expect(throws: ChurnModelError("probabilities must lie in [0, 1], got 1.5")) { try metrics([true], [1.5]) }
        #expect(throws: ChurnModelError.self) { try metrics([], []) }
    }

    @Test("the side-by-side table names each scorer and every figure")
    func table() throws {
        let a = try metrics([true, false, true, false], [0.9, 0.8, 0.4, 0.3], k: 2)
        let text = ClassificationMetrics.table([("XGBoost", a), ("rule flag", a)])
        for word in ["XGBoost", "rule flag", "ROC AUC", "PR AUC", "log loss", "Brier score", "top-decile lift", "top-decile capture", "precision at k=2", "0.7500"] {
            #expect(text.contains(word), "\(word) in \(text)")
        }
        #expect(a.calibrationText().split(separator: "\n").count == 1 + a.calibration.count)
    }
}
