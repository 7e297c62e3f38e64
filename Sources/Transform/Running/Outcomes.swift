/// How one data test went.
public struct TestOutcome: Sendable {
    /// Passed, failed at warn severity, failed, or could not run.
    public enum Status: String, Sendable {
        case pass, warn, fail, error
    }

    /// The test.
    public let test: DataTest
    /// How it went.
    public let status: Status
    /// How many rows broke the expectation.
    public let failures: Int
    /// Up to five failing rows, one per line as `column=value` pairs.
    public let sample: String
    /// Why it could not run, for ``Status/error``.
    public let message: String?

    /// Whether it keeps a model's new table out and fails the command.
    public var isBlocking: Bool { status == .fail || status == .error }
}

/// How building one model went.
public struct ModelOutcome: Sendable {
    /// Built, failed, or skipped because something it reads failed.
    public enum Status: String, Sendable {
        case success, error, skipped
    }

    /// The model.
    public let model: Model
    /// How it went.
    public let status: Status
    /// Rows in the table afterwards (for incremental models: rows merged this run).
    public let rows: Int
    /// Whether only new rows were merged.
    public let incremental: Bool
    /// Wall-clock seconds.
    public let seconds: Double
    /// Its tests' outcomes.
    public let tests: [TestOutcome]
    /// Why it failed or was skipped.
    public let message: String?
}

/// What `tenure build` did.
public struct BuildReport: Sendable {
    /// The run's identifier, as stored in `ops.model_runs` and `ops.test_results`.
    public let runID: String
    /// The date everything was computed as of.
    public let runDate: String
    /// One outcome per model, in build order.
    public let models: [ModelOutcome]

    /// Whether every model was built and no error-severity test failed.
    public var succeeded: Bool { models.allSatisfy { $0.status == .success } }
}
