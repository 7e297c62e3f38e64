import Foundation

/// Trains and evaluates a churn model on any labelled table: the engine behind
/// `tenure model train --csv`, so that the learning can be checked on data nobody here generated.
///
/// Both XGBoost (trees) and a logistic baseline (XGBoost's linear booster on standardised
/// features) learn from the same rows, stop early on the same validation rows, and are judged on
/// the same test rows: a holdout file, else the latest rows by a time column, else a stratified
/// random share with a fixed seed.
public struct TabularTraining: Sendable {
    /// The label column: two distinct values, one of them the event.
    public var label: String
    /// A column naming the entity (customer): never a feature, and with a random split an id's rows stay together.
    public var id: String?
    /// A column of times (numbers or ISO dates): never a feature, and the split is out-of-time.
    public var time: String?
    /// The label value meaning the event, when its spelling does not say (churned, yes, 1, true…).
    public var positive: String?
    /// Further columns to leave out of the features.
    public var ignoredColumns: [String]
    /// The seed of the random split and of XGBoost's subsampling.
    public var seed: Int
    /// The share of rows held out for testing when there is no holdout file.
    public var testFraction: Double
    /// The share of the remaining rows that decides early stopping.
    public var validationFraction: Double
    /// The most levels a categorical column keeps as features.
    public var maxLevels: Int
    /// The fewest fitting rows a categorical level needs to be its own feature.
    public var minLevelCount: Int
    /// The `k` of precision at k (the retention team's capacity).
    public var k: Int
    /// The most boosting rounds.
    public var maxRounds: Int
    /// Rounds without improvement on the validation rows before training stops.
    public var earlyStoppingRounds: Int
    /// XGBoost's parameters for the tree model.
    public var tree: BoosterParameters
    /// XGBoost's parameters for the logistic baseline.
    public var linear: BoosterParameters

    /// Training on `label`, with defaults for the rest.
    public init(label: String, id: String? = nil, time: String? = nil, positive: String? = nil,
                ignoredColumns: [String] = [], seed: Int = 42, testFraction: Double = 0.2,
                validationFraction: Double = 0.2, maxLevels: Int = 20, minLevelCount: Int = 10, k: Int = 100,
                maxRounds: Int = 1000, earlyStoppingRounds: Int = 50, threads: Int? = nil) {
        self.label = label
        self.id = id
        self.time = time
        self.positive = positive
        self.ignoredColumns = ignoredColumns
        self.seed = seed
        self.testFraction = testFraction
        self.validationFraction = validationFraction
        self.maxLevels = maxLevels
        self.minLevelCount = minLevelCount
        self.k = k
        self.maxRounds = maxRounds
        self.earlyStoppingRounds = earlyStoppingRounds
        self.tree = BoosterParameters(seed: seed, threads: threads)
        self.linear = BoosterParameters.logisticBaseline(seed: seed, threads: threads)
    }

    /// Reads `csv` (and `holdout`) and trains on it.
    public func run(csv: URL, holdout: URL? = nil) throws -> TabularReport {
        let table = try CSVTable.read(csv)
        let holdoutTable = try holdout.map(CSVTable.read)
        return try run(training: table, holdout: holdoutTable, source: csv.lastPathComponent, holdoutSource: holdout?.lastPathComponent)
    }

    /// Trains both models on `training` and evaluates them on `holdout`, or on rows split from `training`.
    public func run(training: CSVTable, holdout: CSVTable? = nil, source: String = "table", holdoutSource: String? = nil) throws -> TabularReport {
        let started = ContinuousClock.now
        guard testFraction > 0, testFraction < 1, validationFraction > 0, validationFraction < 1 else {
            throw ChurnModelError("the test and validation shares must lie strictly between 0 and 1")
        }
        guard k > 0 else { throw ChurnModelError("k must be positive, got \(k)") }
        let labelIndex = try training.column(label, role: "label column")
        let idIndex = try id.map { try training.column($0, role: "id column") }
        let timeIndex = try time.map { try training.column($0, role: "time column") }
        for name in ignoredColumns { _ = try training.column(name, role: "column to ignore") }

        // Rows without a label cannot be learnt from or judged.
        let labelled = training.rows.indices.filter { !MissingValue.isMissing(training.rows[$0][labelIndex]) }
        let labels = try BinaryLabels.infer(column: label, values: labelled.map { training.rows[$0][labelIndex] }, positive: positive)
        var outcome = [Bool](repeating: false, count: training.rows.count)
        for row in labelled { outcome[row] = training.rows[row][labelIndex] == labels.positive }

        var times: [TimeKey]?
        if let timeIndex, let time {
            let parsed = try TimeKey.parse(labelled.map { training.rows[$0][timeIndex] }, column: time, lines: labelled.map { training.lineNumbers[$0] })
            var all = [TimeKey](repeating: .number(0), count: training.rows.count)
            for (row, key) in zip(labelled, parsed) { all[row] = key }
            times = all
        }
        let groups = idIndex.map { index in training.rows.map { $0[index] } }
        let split = try TabularSplit.make(rows: labelled, labels: outcome, times: times, timeColumn: time, groups: groups,
                                          hasHoldout: holdout != nil, testFraction: testFraction,
                                          validationFraction: validationFraction, seed: UInt64(truncatingIfNeeded: seed))

        // The test rows: the holdout's labelled rows, else those split off.
        let testTable = holdout ?? training
        var testRows = split.test
        var testOutcome = outcome
        var holdoutUnlabelled = 0
        if let holdout {
            let index = try holdout.column(label, role: "label column in the holdout")
            testRows = []
            testOutcome = [Bool](repeating: false, count: holdout.rows.count)
            for (row, fields) in holdout.rows.enumerated() {
                let value = fields[index]
                if MissingValue.isMissing(value) { holdoutUnlabelled += 1; continue }
                guard let positive = labels.isPositive(value) else {
                    throw ChurnModelError("holdout line \(holdout.lineNumbers[row]): label \(label) is '\(value)', but the training rows hold only '\(labels.positive)' and '\(labels.negative)'")
                }
                testOutcome[row] = positive
                testRows.append(row)
            }
        }
        try Self.requireBothClasses(split.fitting.map { outcome[$0] }, in: "the fitting rows")
        try Self.requireBothClasses(split.validation.map { outcome[$0] }, in: "the validation rows")
        try Self.requireBothClasses(testRows.map { testOutcome[$0] }, in: holdout == nil ? "the test rows" : "the holdout")

        let excluded = Set([label] + [id, time].compactMap { $0 } + ignoredColumns)
        let encoding = TabularEncoding.learn(training, rows: split.fitting, excluding: excluded,
                                             maxLevels: maxLevels, minLevelCount: minLevelCount)
        let width = encoding.featureNames.count
        guard width > 0 else { throw ChurnModelError("no column is usable as a feature (\(encoding.omitted.map { "\($0.column): \($0.reason)" }.joined(separator: "; ")))") }
        let fitValues = try encoding.encode(training, rows: split.fitting)
        let validationValues = try encoding.encode(training, rows: split.validation)
        let testValues = try encoding.encode(testTable, rows: testRows)
        let fitLabels = split.fitting.map { Float(outcome[$0] ? 1 : 0) }
        let validationLabels = split.validation.map { Float(outcome[$0] ? 1 : 0) }
        let testLabels = testRows.map { testOutcome[$0] }

        var results: [TabularReport.ModelResult] = []
        for (name, parameters) in [("XGBoost", tree), ("logistic", linear)] {
            let modelStarted = ContinuousClock.now
            // The linear model sees standardised features with missing values at the mean; trees need neither.
            let scaling = parameters.booster == .gblinear ? Standardization(fitting: fitValues, columns: width) : nil
            let transform = { (values: [Float]) in scaling?.apply(values) ?? values }
            let fitting = try DataMatrix(values: transform(fitValues), rows: split.fitting.count, columns: width, labels: fitLabels)
            let validation = try DataMatrix(values: transform(validationValues), rows: split.validation.count, columns: width, labels: validationLabels)
            let test = try DataMatrix(values: transform(testValues), rows: testRows.count, columns: width)
            let (booster, history) = try Booster.train(parameters: parameters, training: fitting, validation: validation,
                                                       rounds: maxRounds, earlyStoppingRounds: earlyStoppingRounds)
            let probabilities = try booster.predict(test).map(Double.init)
            let metrics = try ClassificationMetrics(labels: testLabels, probabilities: probabilities, k: k)
            let influence = try booster.contributions(test).meanAbsolute()
            let names = encoding.featureNames
            let top = influence.indices.sorted { influence[$0] > influence[$1] || (influence[$0] == influence[$1] && $0 < $1) }
                .prefix(10).filter { influence[$0] > 0 }
                .map { TabularReport.FeatureInfluence(feature: names[$0], meanAbsoluteContribution: influence[$0]) }
            results.append(TabularReport.ModelResult(
                name: "\(name) (\(parameters.booster.rawValue))", parameters: parameters, history: history,
                metrics: metrics, strongestFeatures: top, seconds: Self.seconds(since: modelStarted)))
        }

        func positives(_ rows: [Int], _ outcome: [Bool]) -> Int { rows.filter { outcome[$0] }.count }
        return TabularReport(
            source: source, holdoutSource: holdoutSource, labelColumn: label, labels: labels,
            rowsRead: training.rows.count, rowsWithoutLabel: training.rows.count - labelled.count,
            holdoutRowsRead: holdout?.rows.count, holdoutRowsWithoutLabel: holdoutUnlabelled,
            excludedColumns: training.header.filter { excluded.contains($0) && $0 != label },
            encoding: encoding, split: split,
            fittingPositives: positives(split.fitting, outcome), validationPositives: positives(split.validation, outcome),
            testRows: testRows.count, testPositives: positives(testRows, testOutcome),
            models: results, seconds: Self.seconds(since: started))
    }

    private static func requireBothClasses(_ outcomes: [Bool], in part: String) throws {
        let positives = outcomes.filter { $0 }.count
        guard positives > 0, positives < outcomes.count else {
            throw ChurnModelError("\(part) hold \(outcomes.count) rows, \(positives) of them positive: both outcomes are needed; use more data or other split shares")
        }
    }

    private static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}
