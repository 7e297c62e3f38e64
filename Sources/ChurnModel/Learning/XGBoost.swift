// The one file of Tenure that touches XGBoost's C API (DESIGN.md): handles are owned by the two
// classes below and freed when they go; every call's status is checked and turned into
// ChurnModelError with XGBoost's own message; every buffer XGBoost returns is copied at once,
// since XGBoost reuses it on the next call.
import CXGBoost
import Foundation

/// A dense matrix of features in XGBoost's memory, with labels and weights for training.
///
/// Values are row-major `Float`s; NaN marks a missing value, which XGBoost routes down the
/// branch it learnt for missing values (trees) or leaves out (linear).
public final class DataMatrix {
    /// The number of rows.
    public let rows: Int
    /// The number of feature columns.
    public let columns: Int
    /// The labels (0 or 1 for binary objectives), when given.
    public let labels: [Float]?
    fileprivate let handle: DMatrixHandle

    /// A matrix of `rows` × `columns` row-major `values`, with optional labels and per-row weights.
    public init(values: [Float], rows: Int, columns: Int, labels: [Float]? = nil, weights: [Float]? = nil) throws {
        guard rows > 0, columns > 0 else {
            throw ChurnModelError("a data matrix needs at least one row and one column, got \(rows) × \(columns)")
        }
        guard values.count == rows * columns else {
            throw ChurnModelError("a \(rows) × \(columns) data matrix needs \(rows * columns) values, got \(values.count)")
        }
        if let labels, labels.count != rows {
            throw ChurnModelError("\(labels.count) labels for \(rows) rows")
        }
        if let weights, weights.count != rows {
            throw ChurnModelError("\(weights.count) weights for \(rows) rows")
        }
        XGBoostLibrary.configure()
        var created: DMatrixHandle?
        try values.withUnsafeBufferPointer { buffer in
            try check(XGDMatrixCreateFromMat(buffer.baseAddress, bst_ulong(rows), bst_ulong(columns), Float.nan, &created),
                      "create a \(rows) × \(columns) data matrix")
        }
        guard let created else { throw ChurnModelError("XGBoost returned no data matrix") }
        self.handle = created
        self.rows = rows
        self.columns = columns
        self.labels = labels
        // From here on deinit frees the handle, also when setting the labels fails.
        if let labels { try setFloatInfo("label", labels) }
        if let weights { try setFloatInfo("weight", weights) }
    }

    /// A matrix from one array of `Float`s per row, all of the same length.
    public convenience init(rows values: [[Float]], labels: [Float]? = nil, weights: [Float]? = nil) throws {
        let columns = values.first?.count ?? 0
        if let ragged = values.firstIndex(where: { $0.count != columns }) {
            throw ChurnModelError("row \(ragged) has \(values[ragged].count) values, the first row \(columns)")
        }
        try self.init(values: values.flatMap { $0 }, rows: values.count, columns: columns, labels: labels, weights: weights)
    }

    deinit {
        XGDMatrixFree(handle)
    }

    private func setFloatInfo(_ field: String, _ array: [Float]) throws {
        try array.withUnsafeBufferPointer { buffer in
            try check(XGDMatrixSetFloatInfo(handle, field, buffer.baseAddress, bst_ulong(array.count)), "set the data matrix's \(field)s")
        }
    }
}

/// A trained (or loaded) XGBoost model: predictions, per-feature contributions, and its JSON form.
public final class Booster {
    private let handle: BoosterHandle

    private init(handle: BoosterHandle) {
        self.handle = handle
    }

    deinit {
        XGBoosterFree(handle)
    }

    /// Trains a model round by round on `training`, evaluating each round on `validation`.
    ///
    /// With `earlyStoppingRounds`, training stops once the validation value of
    /// `parameters.stoppingMetric` has not improved for that many rounds, and the model returned
    /// holds only the rounds up to the best one, so that what is predicted, explained and saved
    /// is the model that was chosen.
    public static func train(
        parameters: BoosterParameters,
        training: DataMatrix,
        validation: DataMatrix? = nil,
        rounds: Int,
        earlyStoppingRounds: Int? = nil
    ) throws -> (booster: Booster, history: TrainingHistory) {
        guard rounds > 0 else { throw ChurnModelError("training needs at least one round, got \(rounds)") }
        guard training.labels != nil else { throw ChurnModelError("the training matrix has no labels") }
        if let earlyStoppingRounds {
            guard earlyStoppingRounds > 0 else { throw ChurnModelError("early stopping needs a positive number of rounds, got \(earlyStoppingRounds)") }
            guard validation != nil else { throw ChurnModelError("early stopping needs a validation matrix") }
        }
        if let validation {
            guard validation.labels != nil else { throw ChurnModelError("the validation matrix has no labels") }
            guard validation.columns == training.columns else {
                throw ChurnModelError("the validation matrix has \(validation.columns) columns, the training matrix \(training.columns)")
            }
        }
        XGBoostLibrary.configure()
        var cached: [DMatrixHandle?] = [training.handle] + (validation.map { [$0.handle] } ?? [])
        var created: BoosterHandle?
        try check(XGBoosterCreate(&cached, bst_ulong(cached.count), &created), "create a booster")
        guard let created else { throw ChurnModelError("XGBoost returned no booster") }
        var booster = Booster(handle: created)
        for (name, value) in parameters.settings {
            try check(XGBoosterSetParam(booster.handle, name, value), "set parameter \(name)=\(value)")
        }

        let stoppingKey = "validation-" + parameters.stoppingMetric
        let maximise = BoosterParameters.isMaximised(parameters.stoppingMetric)
        var history: [TrainingHistory.Round] = []
        var best: (iteration: Int, score: Double)?
        // The linear booster cannot be sliced, so its best state is kept as a copy instead.
        var bestLinearModel: Data?
        var stoppedEarly = false
        for iteration in 0..<rounds {
            try check(XGBoosterUpdateOneIter(booster.handle, Int32(iteration), training.handle), "train round \(iteration)")
            let metrics = try booster.evaluate(iteration: iteration, training: training, validation: validation)
            history.append(TrainingHistory.Round(iteration: iteration, metrics: metrics))
            guard validation != nil else { continue }
            guard let score = metrics[stoppingKey] else {
                throw ChurnModelError("XGBoost did not report \(stoppingKey) after round \(iteration)")
            }
            if let current = best, !(maximise ? score > current.score : score < current.score) {
                if let patience = earlyStoppingRounds, iteration - current.iteration >= patience {
                    stoppedEarly = true
                    break
                }
            } else {
                best = (iteration, score)
                if parameters.booster == .gblinear && earlyStoppingRounds != nil {
                    bestLinearModel = try booster.json()
                }
            }
        }

        let trained = history.count
        var bestIteration = trained - 1
        if earlyStoppingRounds != nil, let best, best.iteration < trained - 1 {
            bestIteration = best.iteration
            switch parameters.booster {
            case .gbtree:
                var sliced: BoosterHandle?
                try check(XGBoosterSlice(booster.handle, 0, Int32(best.iteration + 1), 1, &sliced), "keep the first \(best.iteration + 1) rounds")
                guard let sliced else { throw ChurnModelError("XGBoost returned no sliced booster") }
                booster = Booster(handle: sliced)
            case .gblinear:
                if let bestLinearModel { booster = try Booster(json: bestLinearModel) }
            }
        }
        if let threads = parameters.threads {
            try check(XGBoosterSetParam(booster.handle, "nthread", String(threads)), "set parameter nthread=\(threads)")
        }
        let summary = TrainingHistory(
            stoppingMetric: stoppingKey,
            rounds: history,
            bestIteration: bestIteration,
            bestScore: validation == nil ? nil : history[bestIteration].metrics[stoppingKey],
            stoppedEarly: stoppedEarly
        )
        return (booster, summary)
    }

    /// A model from XGBoost's JSON model format, as `json()` writes it.
    public convenience init(json: Data) throws {
        // XGBoost reads anything not starting with "{" as its old binary format, and says so obscurely.
        guard json.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) == UInt8(ascii: "{") else {
            throw ChurnModelError("the model is not XGBoost JSON: \(json.count) bytes not starting with '{'")
        }
        XGBoostLibrary.configure()
        var created: BoosterHandle?
        try check(XGBoosterCreate(nil, 0, &created), "create a booster")
        guard let created else { throw ChurnModelError("XGBoost returned no booster") }
        self.init(handle: created)
        try json.withUnsafeBytes { buffer in
            try check(XGBoosterLoadModelFromBuffer(handle, buffer.baseAddress, bst_ulong(buffer.count)), "load a model from \(json.count) bytes of JSON")
        }
    }

    /// The model in XGBoost's JSON model format: trees or weights, objective, base score and feature names.
    public func json() throws -> Data {
        var length: bst_ulong = 0
        var bytes: UnsafePointer<CChar>?
        try check(XGBoosterSaveModelToBuffer(handle, #"{"format": "json"}"#, &length, &bytes), "save the model as JSON")
        guard let bytes else { throw ChurnModelError("XGBoost returned no model bytes") }
        return Data(bytes: bytes, count: Int(length))
    }

    /// The number of features the model expects.
    public func featureCount() throws -> Int {
        var count: bst_ulong = 0
        try check(XGBoosterGetNumFeature(handle, &count), "read the model's number of features")
        return Int(count)
    }

    /// The number of boosting rounds the model holds.
    public func boostedRounds() throws -> Int {
        var count: Int32 = 0
        try check(XGBoosterBoostedRounds(handle, &count), "read the model's number of rounds")
        return Int(count)
    }

    /// The names of the features, saved with the model; empty when none were set.
    public func featureNames() throws -> [String] {
        var count: bst_ulong = 0
        var names: UnsafeMutablePointer<UnsafePointer<CChar>?>?
        try check(XGBoosterGetStrFeatureInfo(handle, "feature_name", &count, &names), "read the model's feature names")
        guard let names else { return [] }
        return (0..<Int(count)).map { names[$0].map { String(cString: $0) } ?? "" }
    }

    /// Names the model's features, one per column, so that its JSON says what each column was.
    public func setFeatureNames(_ names: [String]) throws {
        let count = try featureCount()
        guard names.count == count else { throw ChurnModelError("\(names.count) feature names for a model of \(count) features") }
        let copies = names.map { strdup($0) }
        defer { copies.forEach { free($0) } }
        var pointers = copies.map { UnsafePointer<CChar>($0) }
        try check(XGBoosterSetStrFeatureInfo(handle, "feature_name", &pointers, bst_ulong(names.count)), "set the model's feature names")
    }

    /// The predicted probability (for `binary:logistic`) of each row of `matrix`.
    public func predict(_ matrix: DataMatrix) throws -> [Float] {
        try predict(matrix, type: 0, what: "predict").values
    }

    /// The raw margin (log-odds for `binary:logistic`) of each row of `matrix`.
    public func predictMargin(_ matrix: DataMatrix) throws -> [Float] {
        try predict(matrix, type: 1, what: "predict margins").values
    }

    /// Each feature's exact contribution (SHAP value) to each row's margin, plus the bias.
    public func contributions(_ matrix: DataMatrix) throws -> FeatureContributions {
        let (shape, values) = try predict(matrix, type: 2, what: "compute contributions")
        guard shape.count == 2, shape[0] == matrix.rows, shape[1] == matrix.columns + 1 else {
            throw ChurnModelError("XGBoost returned contributions of shape \(shape) for \(matrix.rows) rows of \(matrix.columns) features")
        }
        return FeatureContributions(rows: matrix.rows, features: matrix.columns, values: values)
    }

    private func predict(_ matrix: DataMatrix, type: Int, what: String) throws -> (shape: [Int], values: [Float]) {
        let expected = try featureCount()
        // XGBoost itself accepts a matrix with fewer columns than the model and reads the rest as missing.
        guard matrix.columns == expected else {
            throw ChurnModelError("the model expects \(expected) features, the data matrix has \(matrix.columns)")
        }
        let configuration = #"{"type": \#(type), "training": false, "iteration_begin": 0, "iteration_end": 0, "strict_shape": false}"#
        var shape: UnsafePointer<bst_ulong>?
        var dimensions: bst_ulong = 0
        var result: UnsafePointer<Float>?
        try check(XGBoosterPredictFromDMatrix(handle, matrix.handle, configuration, &shape, &dimensions, &result), what)
        guard let shape, let result else { throw ChurnModelError("XGBoost returned no predictions") }
        let dims = (0..<Int(dimensions)).map { Int(shape[$0]) }
        let count = dims.reduce(1, *)
        return (dims, Array(UnsafeBufferPointer(start: result, count: count)))
    }

    /// The round's metrics on the validation matrix, else on the training matrix. Only one is
    /// evaluated: XGBoost 1.7's AUC takes longer than a round of training.
    private func evaluate(iteration: Int, training: DataMatrix, validation: DataMatrix?) throws -> [String: Double] {
        var matrices: [DMatrixHandle?] = [validation?.handle ?? training.handle]
        let names = [strdup(validation == nil ? "training" : "validation")]
        defer { names.forEach { free($0) } }
        var namePointers = names.map { UnsafePointer<CChar>($0) }
        var text: UnsafePointer<CChar>?
        try check(XGBoosterEvalOneIter(handle, Int32(iteration), &matrices, &namePointers, bst_ulong(matrices.count), &text),
                  "evaluate round \(iteration)")
        guard let text else { return [:] }
        return Self.parseEvaluation(String(cString: text))
    }

    /// Reads XGBoost's evaluation line, `[3]\ttraining-auc:0.91\tvalidation-auc:0.88`.
    static func parseEvaluation(_ line: String) -> [String: Double] {
        var metrics: [String: Double] = [:]
        for token in line.split(separator: "\t").dropFirst() {
            guard let colon = token.lastIndex(of: ":"), let value = Double(token[token.index(after: colon)...]) else { continue }
            metrics[String(token[..<colon])] = value
        }
        return metrics
    }
}

/// XGBoost's process-wide settings, applied once before the first handle is made.
private enum XGBoostLibrary {
    /// Silences XGBoost's own console output: Tenure reports through its return values and errors.
    static let configured: Bool = XGBSetGlobalConfig(#"{"verbosity": 0}"#) == 0

    static func configure() {
        _ = configured
    }
}

/// Throws XGBoost's last error, in one line, when `status` says a call failed.
private func check(_ status: Int32, _ what: @autoclosure () -> String) throws {
    guard status != 0 else { return }
    throw ChurnModelError("XGBoost could not \(what()): \(lastError())")
}

/// XGBoost's last error message without its timestamp, source location and stack trace.
private func lastError() -> String {
    guard let raw = XGBGetLastError() else { return "unknown error" }
    var line = String(cString: raw).split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? ""
    // "[14:22:33] /build/xgboost/src/learner.cc:1234: Check failed: ..." → "Check failed: ..."
    if line.hasPrefix("["), let close = line.firstIndex(of: "]") {
        line = String(line[line.index(after: close)...]).trimmingCharacters(in: .whitespaces)
    }
    if let range = line.range(of: #"^\S+\.(cc|h|cu):\d+: "#, options: .regularExpression) {
        line.removeSubrange(range)
    }
    return line.isEmpty ? "unknown error" : line
}
