/// What happened while a booster trained: each round's evaluation and the round kept.
public struct TrainingHistory: Sendable, Hashable, Codable {
    /// One round's metrics on the validation matrix (`validation-logloss`), or on the training matrix without one (`training-logloss`).
    public struct Round: Sendable, Hashable, Codable {
        /// The round, from 0.
        public var iteration: Int
        /// The metrics XGBoost reported after this round, keyed `validation-auc`, `validation-logloss` and so on.
        public var metrics: [String: Double]
    }

    /// The metric early stopping watched, as evaluated on the validation matrix (`validation-logloss`).
    public var stoppingMetric: String
    /// Every round trained, in order.
    public var rounds: [Round]
    /// The round whose model was kept (from 0): the best on the stopping metric, else the last.
    public var bestIteration: Int
    /// The stopping metric at `bestIteration`, when there was a validation matrix.
    public var bestScore: Double?
    /// Whether training stopped before the maximum number of rounds.
    public var stoppedEarly: Bool

    /// The number of rounds the kept model holds.
    public var keptRounds: Int { bestIteration + 1 }
}
