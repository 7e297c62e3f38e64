import Foundation
import AsyncHTTPClient
import Testing
import Warehouse
import WarehouseTestSupport

/// `tenure model train | list | show | promote` on a built warehouse, on both engines, with the
/// run logged to the real MLflow server of scripts/mlflow.
@Suite("tenure model")
struct ModelCommandTests {
    static func mlflowURL() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["TENURE_TEST_MLFLOW_URL"], !url.isEmpty else {
            throw IngestCommandTests.CLIError(message: "TENURE_TEST_MLFLOW_URL is not set: run the tests with scripts/test, which starts MLflow (scripts/mlflow start)")
        }
        return url
    }

    /// The JSON answer of MLflow's REST API to `GET path`, through an HTTP client of the call's own
    /// (closed after it, so no idle connection outlives the test).
    static func mlflowGet(_ path: String) async throws -> [String: Any] {
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup)
        do {
            let response = try await client.execute(HTTPClientRequest(url: try mlflowURL() + path), timeout: .seconds(30))
            let body = try await response.body.collect(upTo: 16 << 20)
            try await client.shutdown()
            guard response.status == .ok else {
                throw IngestCommandTests.CLIError(message: "MLflow answered GET \(path) with \(response.status.code)")
            }
            return try #require(try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any])
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    @Test(arguments: TestEngine.allCases)
    func trainRegistersScoresAndLogsToMLflow(engine: TestEngine) async throws {
        let bank = try await IngestCommandTests.bank.value
        let project = try BuildCommandTests.project()
        defer { try? FileManager.default.removeItem(at: project) }
        let mlflow = try Self.mlflowURL()
        try await engine.withWarehouseLocation { location in
            let common = ["--project", project.path, "--warehouse", location]
            #expect(try await CommandLineTests.run(["ingest", "--from", bank.path] + common).status == 0)
            #expect(try await CommandLineTests.run(["build"] + common).status == 0)
            let none = try await CommandLineTests.run(["model", "show"] + common)
            CommandLineTests().expectOneLineError(none, mentioning: "no churn model trained yet")

            let experiment = "tenure-cli-\(engine.rawValue)-\(UUID().uuidString.prefix(8))"
            let train = try await CommandLineTests.run(["model", "train", "--threads", "1"] + common,
                                                 environment: ["MLFLOW_TRACKING_URI": mlflow, "MLFLOW_EXPERIMENT_NAME": experiment])
            #expect(train.status == 0, "\(train.output)\(train.errors)")
            for text in ["ROC AUC", "bank rule", "logistic", "calibration", "out of time", "registered churn-v1", "now the champion", "scored "] {
                #expect(train.output.contains(text), "\(text) in \(train.output)")
            }
            let mlflowRun = try #require(train.output.split(separator: "\n").first { $0.hasPrefix("logged to MLflow as run ") }?
                .dropFirst("logged to MLflow as run ".count), "\(train.output)\(train.errors)")

            let warehouse = try await openWarehouse(location, logger: TestEngine.logger)
            let scored = try await warehouse.scalarInt("SELECT COUNT(*) FROM gold.churn_predictions WHERE reason_3 IS NOT NULL AND model_version = 'churn-v1'")
            #expect((scored ?? 0) > 100)
            let stored = try #require(try await warehouse.query("SELECT validation_auc, mlflow_run_id FROM ml.model_runs").first)
            #expect(stored.string("mlflow_run_id") == String(mlflowRun))
            try await warehouse.close()

            // MLflow holds the same figure and the model.
            let run = try await Self.mlflowGet("/api/2.0/mlflow/runs/get?run_id=\(mlflowRun)")["run"] as? [String: Any]
            let metrics = ((run?["data"] as? [String: Any])?["metrics"] as? [[String: Any]]) ?? []
            let auc = metrics.first { $0["key"] as? String == "val_roc_auc" }?["value"] as? Double
            #expect(auc.map { abs($0 - (stored.double("validation_auc") ?? -1)) < 1e-9 } == true, "\(metrics)")

            let second = try await CommandLineTests.run(["model", "train", "--threads", "1", "--seed", "11"] + common)
            #expect(second.status == 0 && second.output.contains("registered churn-v2"), "\(second.output)\(second.errors)")
            let list = try await CommandLineTests.run(["model", "list"] + common)
            #expect(list.output.contains("churn-v1") && list.output.contains("churn-v2"), "\(list.output)")
            let promote = try await CommandLineTests.run(["model", "promote", "2"] + common)
            #expect(promote.status == 0 && promote.output.contains("churn-v2 is now the champion"), "\(promote.output)\(promote.errors)")
            #expect(try await CommandLineTests.run(["model", "list"] + common).output.contains(" * churn-v2"))
            let show = try await CommandLineTests.run(["model", "show", "1"] + common)
            #expect(show.status == 0 && show.output.contains("churn-v1, registered")
                    && show.output.contains("decile"), "\(show.output)")
            CommandLineTests().expectOneLineError(try await CommandLineTests.run(["model", "promote", "9"] + common), mentioning: "no model version 9")
        }
    }
}
