import Foundation

/// One training run to record in MLflow: where it goes, what it was given, what it scored, what it made.
public struct MLflowRun: Sendable {
    /// The experiment the run belongs to; created on first use.
    public var experimentName: String
    /// The run's display name in MLflow (its `mlflow.runName` tag).
    public var runName: String
    /// Hyperparameters and settings; MLflow keeps a param's first value and rejects a different one.
    public var parameters: [String: String]
    /// Final scores such as AUC or log loss, all logged at `metricStep`.
    public var metrics: [String: Double]
    /// The step the metrics belong to (e.g. the boosting round); MLflow's default is 0.
    public var metricStep: Int64
    /// Free-form labels such as the data set or the git commit.
    public var tags: [String: String]
    /// Files to store with the run, keyed by a relative path such as `model/model.json`.
    public var artifacts: [String: Data]

    /// A run with the given contents; everything but the names may be left empty.
    public init(
        experimentName: String,
        runName: String,
        parameters: [String: String] = [:],
        metrics: [String: Double] = [:],
        metricStep: Int64 = 0,
        tags: [String: String] = [:],
        artifacts: [String: Data] = [:]
    ) {
        self.experimentName = experimentName
        self.runName = runName
        self.parameters = parameters
        self.metrics = metrics
        self.metricStep = metricStep
        self.tags = tags
        self.artifacts = artifacts
    }
}
