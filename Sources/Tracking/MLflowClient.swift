import AsyncHTTPClient
import Foundation
import Logging

/// Logs training runs to an MLflow tracking server through its REST API (no Python needed).
public struct MLflowClient: Sendable {
    /// The server's base URL, without any credentials that were in the tracking URI.
    public let trackingURL: String
    /// The base URL requests go to, or why the tracking URI has none (kept, not thrown, so init stays simple).
    let base: Result<String, MLflowError>
    let credentials: Credentials?
    let httpClient: HTTPClient
    let timeoutNanoseconds: Int64
    let logger: Logger

    /// A client for the server at `trackingURI` (e.g. `http://127.0.0.1:55500`).
    ///
    /// Credentials come from `MLFLOW_TRACKING_TOKEN` (bearer) or `MLFLOW_TRACKING_USERNAME` and
    /// `MLFLOW_TRACKING_PASSWORD` (basic) in `environment`, as for MLflow's own clients; they are
    /// never logged nor put in errors. `requestTimeout` bounds each request, and also how long a
    /// server that refuses connections is retried (HTTPClient retries until the deadline).
    public init(
        trackingURI: String,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        httpClient: HTTPClient = .shared,
        requestTimeout: Duration = .seconds(30),
        logger: Logger = Logger(label: "tenure.tracking")
    ) {
        // Only the base URL is kept: user info from the URI lives on solely inside Credentials.
        let endpoint = TrackingEndpoint.parse(trackingURI)
        let parsed = try? endpoint.get()
        self.base = endpoint.map(\.base)
        self.trackingURL = parsed?.base ?? "<invalid tracking URI>"
        self.credentials = Credentials.from(environment: environment, uriUser: parsed?.user, uriPassword: parsed?.password)
        self.httpClient = httpClient
        let (seconds, attoseconds) = requestTimeout.components
        self.timeoutNanoseconds = max(1, seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
        self.logger = logger
    }

    /// Records `run` and returns its MLflow run id: finds or creates the experiment, creates the
    /// run, logs params, metrics and tags in batches, uploads the artifacts, and marks the run
    /// FINISHED. When a step fails after the run exists, the run is marked FAILED (KILLED when
    /// the task was cancelled) before the error is rethrown.
    public func log(_ run: MLflowRun) async throws -> String {
        // Reject what the server would reject half-way, before anything is created.
        try validate(run)
        let experimentID = try await experimentID(named: run.experimentName)
        let info = try await createRun(run, experimentID: experimentID)
        do {
            try await logData(of: run, runID: info.run_id)
            try await uploadArtifacts(run.artifacts, of: info)
            try await updateRun(info.run_id, status: "FINISHED")
        } catch {
            let status = error is CancellationError ? "KILLED" : "FAILED"
            // Its own task, so that a cancelled caller still gets the run closed.
            let marking = Task { [self] in try await updateRun(info.run_id, status: status) }
            do {
                try await marking.value
            } catch let markError {
                logger.warning("could not mark the MLflow run \(status)", metadata: [
                    "run_id": "\(info.run_id)", "error": "\(markError)",
                ])
            }
            throw error
        }
        logger.info("logged MLflow run", metadata: [
            "run_id": "\(info.run_id)", "experiment_id": "\(experimentID)", "run_name": "\(run.runName)",
        ])
        return info.run_id
    }

    private func validate(_ run: MLflowRun) throws {
        if run.experimentName.trimmingCharacters(in: .whitespaces).isEmpty {
            throw MLflowError(operation: "log", message: "the experiment name is empty")
        }
        for path in run.artifacts.keys.sorted() {
            if let problem = ArtifactPaths.problem(with: path) {
                throw MLflowError(operation: "log", message: "the artifact path '\(path)' is invalid: \(problem)")
            }
        }
    }

    /// The id of the experiment called `name`, created when missing (tolerating a concurrent creator).
    private func experimentID(named name: String) async throws -> String {
        if let existing = try await existingExperiment(named: name) { return existing }
        do {
            let created: CreateExperimentResponse = try await call(
                .post, "/api/2.0/mlflow/experiments/create", body: CreateExperimentRequest(name: name))
            logger.debug("created MLflow experiment", metadata: ["name": "\(name)", "id": "\(created.experiment_id)"])
            return created.experiment_id
        } catch let error as MLflowError where error.errorCode == "RESOURCE_ALREADY_EXISTS" {
            if let existing = try await existingExperiment(named: name) { return existing }
            throw error
        }
    }

    private func existingExperiment(named name: String) async throws -> String? {
        let response: GetExperimentResponse
        do {
            response = try await call(
                .get, "/api/2.0/mlflow/experiments/get-by-name",
                query: "experiment_name=\(URLEncoding.component(name))")
        } catch let error as MLflowError where error.errorCode == "RESOURCE_DOES_NOT_EXIST" {
            return nil
        }
        if response.experiment.lifecycle_stage == "deleted" {
            throw MLflowError(
                operation: "log", message: "the experiment '\(name)' is deleted",
                hint: "restore it in the MLflow UI, or log to another experiment name")
        }
        return response.experiment.experiment_id
    }

    private func createRun(_ run: MLflowRun, experimentID: String) async throws -> RunInfo {
        let request = CreateRunRequest(experiment_id: experimentID, run_name: run.runName, start_time: Self.now())
        let response: CreateRunResponse = try await call(.post, "/api/2.0/mlflow/runs/create", body: request)
        return response.run.info
    }

    private func logData(of run: MLflowRun, runID: String) async throws {
        let timestamp = Self.now()
        // Sorted so that batches, and so failures, are the same from one try to the next.
        let params = run.parameters.sorted { $0.key < $1.key }.map { KeyValue(key: $0.key, value: $0.value) }
        let tags = run.tags.sorted { $0.key < $1.key }.map { KeyValue(key: $0.key, value: $0.value) }
        let metrics = run.metrics.sorted { $0.key < $1.key }.map {
            MetricEntry(key: $0.key, value: $0.value, timestamp: timestamp, step: run.metricStep)
        }
        for batch in Batching.batches(runID: runID, params: params, tags: tags, metrics: metrics) {
            let _: Ignored = try await call(.post, "/api/2.0/mlflow/runs/log-batch", body: batch)
        }
    }

    private func uploadArtifacts(_ artifacts: [String: Data], of info: RunInfo) async throws {
        guard !artifacts.isEmpty else { return }
        let artifactURI = info.artifact_uri ?? ""
        guard let root = ArtifactPaths.proxiedRoot(artifactURI: artifactURI) else {
            throw MLflowError(
                operation: "upload artifacts",
                message: "the run's artifact_uri '\(artifactURI)' is not served by the tracking server",
                hint: "run `mlflow server` with --serve-artifacts (its default) and no --no-serve-artifacts")
        }
        for (path, data) in artifacts.sorted(by: { $0.key < $1.key }) {
            let urlPath = "/api/2.0/mlflow-artifacts/artifacts/" + URLEncoding.path(root + "/" + path)
            _ = try await send(.put, urlPath, body: data, contentType: "application/octet-stream")
            logger.debug("uploaded MLflow artifact", metadata: ["path": "\(path)", "bytes": "\(data.count)"])
        }
    }

    private func updateRun(_ runID: String, status: String) async throws {
        let request = UpdateRunRequest(run_id: runID, status: status, end_time: Self.now())
        let _: Ignored = try await call(.post, "/api/2.0/mlflow/runs/update", body: request)
    }

    /// Milliseconds since the epoch, MLflow's time unit.
    static func now() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }
}
