import Foundation

/// What `TabularTraining` did and found: the data, the features, the split, and each model's figures.
public struct TabularReport: Sendable {
    /// A feature and how much a model leans on it.
    public struct FeatureInfluence: Sendable, Hashable, Codable {
        /// The feature (`column` or `column=level`).
        public var feature: String
        /// Its mean absolute contribution to the log-odds over the test rows.
        public var meanAbsoluteContribution: Double
    }

    /// One trained model and its figures on the test rows.
    public struct ModelResult: Sendable {
        /// The model's name in the report, e.g. `XGBoost (gbtree)`.
        public var name: String
        /// The parameters it was trained with.
        public var parameters: BoosterParameters
        /// Its rounds and the one kept.
        public var history: TrainingHistory
        /// Its figures on the test rows.
        public var metrics: ClassificationMetrics
        /// The features it leans on most, strongest first (at most ten).
        public var strongestFeatures: [FeatureInfluence]
        /// Seconds to build its matrices, train, predict and explain.
        public var seconds: Double
    }

    /// The training file's name.
    public var source: String
    /// The holdout file's name, when there was one.
    public var holdoutSource: String?
    /// The label column.
    public var labelColumn: String
    /// Its two values.
    public var labels: BinaryLabels
    /// Rows in the training file.
    public var rowsRead: Int
    /// Of them, rows without a label (left out).
    public var rowsWithoutLabel: Int
    /// Rows in the holdout file.
    public var holdoutRowsRead: Int?
    /// Of them, rows without a label (left out).
    public var holdoutRowsWithoutLabel: Int
    /// The id, time and ignored columns, kept out of the features.
    public var excludedColumns: [String]
    /// How the other columns became features.
    public var encoding: TabularEncoding
    /// Which rows fitted, validated and tested.
    public var split: TabularSplit
    /// Positives among the fitting rows.
    public var fittingPositives: Int
    /// Positives among the validation rows.
    public var validationPositives: Int
    /// Test rows (the split's, or the holdout's labelled rows).
    public var testRows: Int
    /// Positives among them.
    public var testPositives: Int
    /// XGBoost first, then the logistic baseline.
    public var models: [ModelResult]
    /// Seconds for the whole run after reading the files.
    public var seconds: Double

    /// The report as text for a terminal.
    public var text: String {
        var lines: [String] = []
        lines.append("data: \(source)\(holdoutSource.map { ", holdout \($0)" } ?? ""); label \(labelColumn): '\(labels.positive)' = churn, '\(labels.negative)' = not")
        var rowsLine = "rows: \(rowsRead) read"
        if rowsWithoutLabel > 0 { rowsLine += ", \(rowsWithoutLabel) without a label left out" }
        if let holdoutRowsRead {
            rowsLine += "; holdout \(holdoutRowsRead) read"
            if holdoutRowsWithoutLabel > 0 { rowsLine += ", \(holdoutRowsWithoutLabel) without a label left out" }
        }
        lines.append(rowsLine)
        let numeric = encoding.columns.filter { if case .numeric = $0 { true } else { false } }.count
        let categorical = encoding.columns.count - numeric
        lines.append("features: \(encoding.columns.count) columns → \(encoding.featureNames.count) features (\(numeric) numeric, \(categorical) categorical one-hot)")
        if !excludedColumns.isEmpty { lines.append("  not features: " + excludedColumns.joined(separator: ", ") + " (id, time or ignored)") }
        for omission in encoding.omitted { lines.append("  left out: \(omission.column): \(omission.reason)") }
        lines.append("split: \(split.method.rawValue); \(split.description)")
        lines.append("  fitting \(share(split.fitting.count, fittingPositives)), validation \(share(split.validation.count, validationPositives)), test \(share(testRows, testPositives))")
        lines.append("")
        lines.append("model                   rounds  kept  stopped early  validation \(models.first?.history.stoppingMetric.replacingOccurrences(of: "validation-", with: "") ?? "")   seconds")
        for model in models {
            let history = model.history
            lines.append(model.name.padding(toLength: 22, withPad: " ", startingAt: 0)
                + leftPad(String(history.rounds.count), 8) + leftPad(String(history.keptRounds), 6)
                + leftPad(history.stoppedEarly ? "yes" : "no", 15)
                + leftPad(history.bestScore.map { String(format: "%.4f", $0) } ?? "n/a", 18)
                + leftPad(String(format: "%.1f", model.seconds), 10))
        }
        lines.append("")
        lines.append("on the test rows:")
        lines.append(ClassificationMetrics.table(models.map { ($0.name, $0.metrics) }))
        for model in models {
            lines.append("")
            lines.append("calibration, \(model.name):")
            lines.append(model.metrics.calibrationText())
        }
        for model in models where !model.strongestFeatures.isEmpty {
            lines.append("")
            lines.append("strongest features, \(model.name) (mean |contribution| to the log-odds on the test rows):")
            let width = min(48, model.strongestFeatures.map(\.feature.count).max() ?? 0)
            for influence in model.strongestFeatures {
                lines.append("  " + influence.feature.padding(toLength: width, withPad: " ", startingAt: 0)
                    + String(format: "  %.4f", influence.meanAbsoluteContribution))
            }
        }
        return lines.joined(separator: "\n")
    }

    private func share(_ rows: Int, _ positives: Int) -> String {
        String(format: "%d rows (%.1f%% positive)", rows, rows == 0 ? 0 : Double(positives) * 100 / Double(rows))
    }
}

private func leftPad(_ text: String, _ width: Int) -> String {
    text.count >= width ? " " + text : String(repeating: " ", count: width - text.count) + text
}
