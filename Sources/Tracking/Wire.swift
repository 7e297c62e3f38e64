// The JSON bodies of the MLflow REST API calls this module makes (api/2.0/mlflow, snake_case as on the wire).

struct KeyValue: Codable, Sendable, Equatable {
    let key: String
    let value: String
}

struct MetricEntry: Codable, Sendable, Equatable {
    let key: String
    let value: Double
    /// Milliseconds since the epoch.
    let timestamp: Int64
    let step: Int64
}

struct Experiment: Decodable, Sendable {
    let experiment_id: String
    let lifecycle_stage: String?
}

struct GetExperimentResponse: Decodable, Sendable {
    let experiment: Experiment
}

struct CreateExperimentRequest: Encodable, Sendable {
    let name: String
}

struct CreateExperimentResponse: Decodable, Sendable {
    let experiment_id: String
}

struct CreateRunRequest: Encodable, Sendable {
    let experiment_id: String
    let run_name: String
    let start_time: Int64
}

struct RunInfo: Decodable, Sendable {
    let run_id: String
    let experiment_id: String
    let artifact_uri: String?
}

struct CreateRunResponse: Decodable, Sendable {
    struct Run: Decodable, Sendable { let info: RunInfo }
    let run: Run
}

struct LogBatchRequest: Encodable, Sendable, Equatable {
    var run_id: String
    var metrics: [MetricEntry] = []
    var params: [KeyValue] = []
    var tags: [KeyValue] = []
}

struct UpdateRunRequest: Encodable, Sendable {
    let run_id: String
    let status: String
    let end_time: Int64
}

/// What every MLflow call answers on error.
struct ErrorBody: Decodable, Sendable {
    let error_code: String?
    let message: String?
}

/// For calls whose answer carries nothing we need.
struct Ignored: Decodable, Sendable {}
