import Foundation

extension ClassificationMetrics {
    /// Several scorers' metrics side by side, one column each, as fixed-width text.
    public static func table(_ columns: [(name: String, metrics: ClassificationMetrics)]) -> String {
        guard let first = columns.first?.metrics else { return "" }
        let width = max(12, (columns.map(\.name.count).max() ?? 0) + 2)
        let labelWidth = 24
        func row(_ label: String, _ value: (ClassificationMetrics) -> String) -> String {
            label.padding(toLength: labelWidth, withPad: " ", startingAt: 0)
                + columns.map { leftPad(value($0.metrics), width) }.joined()
        }
        let ks = Set(columns.map(\.metrics.k))
        var lines = [
            "".padding(toLength: labelWidth, withPad: " ", startingAt: 0) + columns.map { leftPad($0.name, width) }.joined(),
            row("ROC AUC") { fixed($0.rocAUC, 4) },
            row("PR AUC") { fixed($0.prAUC, 4) },
            row("log loss") { fixed($0.logLoss, 4) },
            row("Brier score") { fixed($0.brierScore, 4) },
            row("top-decile lift") { fixed($0.topDecileLift, 2) },
            row("top-decile capture") { percent($0.topDecileCapture) },
            row(ks.count == 1 ? "precision at k=\(first.k)" : "precision at k") { fixed($0.precisionAtK, 4) },
        ]
        lines.append(String(format: "(%d rows, %d positive = %.1f%%; top decile = %d rows)",
                            first.count, first.positives, first.baseRate * 100, first.topDecileCount))
        return lines.joined(separator: "\n")
    }

    /// The calibration table: per decile of predicted probability, rows, range, mean predicted and observed rate.
    public func calibrationText() -> String {
        var lines = ["decile   rows   predicted range      mean predicted   observed rate"]
        for bin in calibration {
            lines.append(leftPad(String(bin.decile), 6) + leftPad(String(bin.count), 7)
                + "   " + (fixed(bin.lowest, 3) + "–" + fixed(bin.highest, 3)).padding(toLength: 15, withPad: " ", startingAt: 0)
                + leftPad(fixed(bin.meanPredicted, 4), 17) + leftPad(fixed(bin.observedRate, 4), 16))
        }
        return lines.joined(separator: "\n")
    }
}

private func fixed(_ value: Double, _ digits: Int) -> String {
    value.isNaN ? "n/a" : String(format: "%.\(digits)f", value)
}

private func percent(_ value: Double) -> String {
    value.isNaN ? "n/a" : String(format: "%.1f%%", value * 100)
}

private func leftPad(_ text: String, _ width: Int) -> String {
    text.count >= width ? " " + text : String(repeating: " ", count: width - text.count) + text
}
