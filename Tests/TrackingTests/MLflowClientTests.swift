import Foundation
import Testing
import Tracking

/// MLflowClient against the real tracking server of scripts/mlflow.
@Suite("MLflow client against a real tracking server")
struct MLflowClientTests {
    @Test("a logged run reads back with every param, metric, tag and artifact byte, FINISHED")
    func logsRunAndReadsItBack() async throws {
        let server = try MLflowServer.fromEnvironment()
        let client = MLflowClient(trackingURI: server.url, environment: [:])
        // More than one log-batch call's worth of each kind, so chunking is exercised for real.
        var parameters = ["max_depth": "6", "eta": "0.3", "objective": "binary:logistic"]
        for index in 0..<150 { parameters["param_\(index)"] = "value \(index)" }
        // A NaN, which JSON cannot spell as a number, goes as MLflow's "NaN".
        var metrics = ["auc": 0.8731, "log_loss": 0.3129, "brier": 0.0987654321, "undefined_lift": .nan]
        for index in 0..<1_200 { metrics["feature_gain_\(index)"] = Double(index) / 7 }
        var tags = ["dataset": "simulated-bank", "git.commit": "abc123"]
        for index in 0..<120 { tags["tag_\(index)"] = "label \(index)" }
        let model = Data(#"{"learner":{"objective":"binary:logistic"},"trees":[1,2,3],"note":"é ✓"}"#.utf8)
        let notes = Data("gain by feature\n".utf8)
        let run = MLflowRun(
            experimentName: MLflowServer.uniqueExperimentName("readback"), runName: "xgboost churn",
            parameters: parameters, metrics: metrics, metricStep: 42, tags: tags,
            artifacts: ["model/model.json": model, "reports/feature importance+gain.txt": notes])

        let runID = try await client.log(run)

        let got = try await server.get("/api/2.0/mlflow/runs/get", query: [("run_id", runID)])
        let stored = try #require(got["run"] as? [String: Any])
        let info = try #require(stored["info"] as? [String: Any])
        let data = try #require(stored["data"] as? [String: Any])
        #expect(info["status"] as? String == "FINISHED")
        #expect(info["end_time"] != nil)
        #expect(info["run_name"] as? String == "xgboost churn")
        #expect(keyValues(data["params"]) == parameters)
        let storedTags = keyValues(data["tags"])
        for (key, value) in tags { #expect(storedTags[key] == value, "tag \(key)") }
        #expect(storedTags["mlflow.runName"] == "xgboost churn")
        // Metrics through JSONDecoder: Foundation's JSONSerialization on Linux misreads some doubles by an ulp.
        let storedMetrics = try await server.decode(
            RunMetrics.self, "/api/2.0/mlflow/runs/get", query: [("run_id", runID)]).run.data.metrics
        #expect(storedMetrics.count == metrics.count)
        for entry in storedMetrics {
            let expected = try #require(metrics[entry.key], "unexpected metric \(entry.key)")
            #expect(entry.value == expected || (entry.value.isNaN && expected.isNaN), "metric \(entry.key)")
            #expect(entry.step == 42, "step of \(entry.key)")
        }

        let listed = try await server.get("/api/2.0/mlflow/artifacts/list", query: [("run_id", runID), ("path", "model")])
        let files = try #require(listed["files"] as? [[String: Any]])
        #expect(files.count == 1)
        #expect(files.first?["path"] as? String == "model/model.json")
        #expect((files.first?["file_size"] as? NSNumber)?.intValue == model.count)

        // mlflow-artifacts:/<experiment_id>/<run_id>/artifacts is the proxied artifact API's path.
        let artifactURI = try #require(info["artifact_uri"] as? String)
        #expect(artifactURI.hasPrefix("mlflow-artifacts:/"))
        let root = String(artifactURI.dropFirst("mlflow-artifacts:/".count))
        for (path, bytes) in run.artifacts {
            let downloaded = try await server.bytes(
                "/api/2.0/mlflow-artifacts/artifacts/" + MLflowServer.encodePath("\(root)/\(path)"))
            #expect(downloaded == bytes, "artifact \(path)")
        }
    }

    @Test("a second run into the same experiment reuses its id")
    func secondRunReusesExperiment() async throws {
        let server = try MLflowServer.fromEnvironment()
        let client = MLflowClient(trackingURI: server.url + "/", environment: [:])
        let name = MLflowServer.uniqueExperimentName("reuse")

        let first = try await client.log(MLflowRun(experimentName: name, runName: "first", metrics: ["auc": 0.7]))
        let second = try await client.log(MLflowRun(experimentName: name, runName: "second", metrics: ["auc": 0.8]))

        #expect(first != second)
        let experiment = try await server.get("/api/2.0/mlflow/experiments/get-by-name", query: [("experiment_name", name)])
        let experimentID = try #require((experiment["experiment"] as? [String: Any])?["experiment_id"] as? String)
        for runID in [first, second] {
            let got = try await server.get("/api/2.0/mlflow/runs/get", query: [("run_id", runID)])
            let info = (got["run"] as? [String: Any])?["info"] as? [String: Any]
            #expect(info?["experiment_id"] as? String == experimentID)
        }
        let searched = try await server.post("/api/2.0/mlflow/runs/search", ["experiment_ids": [experimentID]])
        #expect((searched["runs"] as? [Any])?.count == 2)
    }

    @Test("a closed port gives an MLflowError that names the server but no credential")
    func closedPortErrorHidesCredentials() async throws {
        let password = "pw-\(UUID().uuidString)"
        let uriPassword = "uri-\(UUID().uuidString)"
        // Port 1 on loopback: nothing listens there, so the connection is refused.
        let client = MLflowClient(
            trackingURI: "http://tenure:\(uriPassword)@127.0.0.1:1",
            environment: ["MLFLOW_TRACKING_USERNAME": "tenure", "MLFLOW_TRACKING_PASSWORD": password],
            requestTimeout: .seconds(2))

        let error = try await #require(throws: MLflowError.self) {
            try await client.log(MLflowRun(experimentName: "unreachable", runName: "r", metrics: ["auc": 1]))
        }

        let description = error.description
        #expect(error.status == nil)
        #expect(description.contains("http://127.0.0.1:1/api/2.0/mlflow/experiments/get-by-name"))
        #expect(description.contains("scripts/mlflow start"))
        #expect(!description.contains(password))
        #expect(!description.contains(uriPassword))
        #expect(!description.contains("\n"))
        #expect(!"\(client)".contains(password) && !"\(client)".contains(uriPassword), "printing the client leaks a password")
    }

    @Test("a 4xx from the server gives MLflow's error code, no credential, and a FAILED run")
    func serverRejectionErrorHidesCredentialsAndFailsRun() async throws {
        let server = try MLflowServer.fromEnvironment()
        let password = "pw-\(UUID().uuidString)"
        let client = MLflowClient(
            trackingURI: server.url,
            environment: ["MLFLOW_TRACKING_USERNAME": "tenure", "MLFLOW_TRACKING_PASSWORD": password])
        let name = MLflowServer.uniqueExperimentName("rejected")
        // MLflow rejects '!' in a param key and quotes the key back; the password in it must not survive.
        let run = MLflowRun(experimentName: name, runName: "bad", parameters: ["bad key! \(password)": "1"])

        let error = try await #require(throws: MLflowError.self) { try await client.log(run) }

        #expect(error.status == 400)
        #expect(error.errorCode == "INVALID_PARAMETER_VALUE")
        #expect(error.description.contains("POST \(server.url)/api/2.0/mlflow/runs/log-batch"))
        #expect(!error.description.contains(password))
        let experiment = try await server.get("/api/2.0/mlflow/experiments/get-by-name", query: [("experiment_name", name)])
        let experimentID = try #require((experiment["experiment"] as? [String: Any])?["experiment_id"] as? String)
        let searched = try await server.post("/api/2.0/mlflow/runs/search", ["experiment_ids": [experimentID]])
        let runs = try #require(searched["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        #expect((runs.first?["info"] as? [String: Any])?["status"] as? String == "FAILED")
    }

    @Test("an invalid artifact path is refused before anything is created")
    func invalidArtifactPathIsRefusedUpFront() async throws {
        let client = MLflowClient(trackingURI: "http://127.0.0.1:1", environment: [:], requestTimeout: .seconds(1))
        let run = MLflowRun(experimentName: "x", runName: "r", artifacts: ["../model.json": Data()])
        let error = try await #require(throws: MLflowError.self) { try await client.log(run) }
        #expect(error.description.contains("../model.json"))
        #expect(error.status == nil)
    }
}
