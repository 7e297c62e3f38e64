/// How XGBoost learns: the booster, its step size and regularisation, and the metrics it reports.
///
/// The defaults suit binary churn labels on tabular features: shallow trees, a small step, row
/// and column subsampling, and a fixed seed so that the same data gives the same model.
public struct BoosterParameters: Sendable, Hashable, Codable {
    /// XGBoost's kind of weak learner.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// Gradient-boosted trees.
        case gbtree
        /// A linear model fitted by coordinate descent: with `binary:logistic`, a logistic regression.
        case gblinear
    }

    /// The kind of weak learner.
    public var booster: Kind
    /// XGBoost's learning objective; `binary:logistic` predicts a probability.
    public var objective: String
    /// The step size shrinking each round's contribution (`eta`).
    public var eta: Double
    /// The deepest a tree may grow (trees only).
    public var maxDepth: Int
    /// The least hessian weight a leaf may hold (trees only).
    public var minChildWeight: Double
    /// The share of rows each tree sees (trees only).
    public var subsample: Double
    /// The share of columns each tree sees (trees only).
    public var columnSampleByTree: Double
    /// L2 regularisation of leaf values or linear weights (`lambda`).
    public var lambda: Double
    /// L1 regularisation of leaf values or linear weights (`alpha`).
    public var alpha: Double
    /// The random seed behind subsampling.
    public var seed: Int
    /// Threads XGBoost may use; nil lets it use every core.
    public var threads: Int?
    /// The metrics evaluated each round; the last one drives early stopping, as in XGBoost's own APIs.
    /// Log loss by default: it rewards calibrated probabilities, and XGBoost computes it far faster than AUC.
    public var evaluationMetrics: [String]
    /// Further XGBoost parameters, passed as given (they win over the fields above).
    public var extra: [String: String]

    /// Parameters for `booster`, with defaults for the rest.
    public init(
        booster: Kind = .gbtree,
        objective: String = "binary:logistic",
        eta: Double = 0.05,
        maxDepth: Int = 4,
        minChildWeight: Double = 1,
        subsample: Double = 0.8,
        columnSampleByTree: Double = 0.8,
        lambda: Double = 1,
        alpha: Double = 0,
        seed: Int = 42,
        threads: Int? = nil,
        evaluationMetrics: [String] = ["logloss"],
        extra: [String: String] = [:]
    ) {
        self.booster = booster
        self.objective = objective
        self.eta = eta
        self.maxDepth = maxDepth
        self.minChildWeight = minChildWeight
        self.subsample = subsample
        self.columnSampleByTree = columnSampleByTree
        self.lambda = lambda
        self.alpha = alpha
        self.seed = seed
        self.threads = threads
        self.evaluationMetrics = evaluationMetrics
        self.extra = extra
    }

    /// A logistic regression through XGBoost's linear booster: a large step (coordinate descent
    /// converges in few rounds) and light L2 regularisation, which XGBoost scales by the number of
    /// rows, so that it stays close to an unpenalised fit on standardised features.
    public static func logisticBaseline(seed: Int = 42, threads: Int? = nil) -> BoosterParameters {
        BoosterParameters(booster: .gblinear, eta: 0.5, lambda: 0.001, alpha: 0, seed: seed, threads: threads)
    }

    /// The metric that decides early stopping: the last evaluated one.
    public var stoppingMetric: String { evaluationMetrics.last ?? "logloss" }

    /// Whether a larger value of `metric` is better (AUC, average precision, NDCG, MAP).
    public static func isMaximised(_ metric: String) -> Bool {
        let name = metric.lowercased()
        return ["auc", "aucpr", "map", "ndcg", "pre"].contains { name == $0 || name.hasPrefix($0 + "@") }
    }

    /// The name-value pairs handed to XGBoost, in a fixed order.
    var settings: [(String, String)] {
        var pairs: [(String, String)] = [
            ("booster", booster.rawValue),
            ("objective", objective),
            ("eta", Self.format(eta)),
            ("lambda", Self.format(lambda)),
            ("alpha", Self.format(alpha)),
            ("seed", String(seed)),
            ("verbosity", "0"),
        ]
        switch booster {
        case .gbtree:
            pairs += [
                // The histogram method is fast and, unlike the linear booster's default, deterministic.
                ("tree_method", "hist"),
                ("max_depth", String(maxDepth)),
                ("min_child_weight", Self.format(minChildWeight)),
                ("subsample", Self.format(subsample)),
                ("colsample_bytree", Self.format(columnSampleByTree)),
            ]
        case .gblinear:
            // The default "shotgun" updater is lock-free and gives different weights run to run.
            pairs.append(("updater", "coord_descent"))
        }
        if let threads { pairs.append(("nthread", String(threads))) }
        for metric in evaluationMetrics { pairs.append(("eval_metric", metric)) }
        let overridden = Set(extra.keys)
        pairs.removeAll { overridden.contains($0.0) }
        pairs += extra.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        return pairs
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
