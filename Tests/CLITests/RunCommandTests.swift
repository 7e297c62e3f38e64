import Foundation
import Testing
import Warehouse
import WarehouseTestSupport

/// `tenure run` as the README's main command runs it, on a small bank: end to end, and killed
/// midway then redone by the next run with nothing duplicated.
@Suite("tenure run")
struct RunCommandTests {
    @Test(arguments: TestEngine.allCases)
    func aRunKilledMidwayIsTakenOverAndRedoneWithNothingDuplicated(engine: TestEngine) async throws {
        let bank = try await IngestCommandTests.bank.value
        let expected = try IngestCommandTests.expectedRows(bank)
        let project = try BuildCommandTests.project()
        defer { try? FileManager.default.removeItem(at: project) }
        try "sources:\n  directory: \(bank.path)\npipeline:\n  report_dir: report\n"
            .write(to: project.appendingPathComponent("tenure.yml"), atomically: true, encoding: .utf8)
        try await engine.withWarehouseLocation { location in
            let common = ["--project", project.path, "--warehouse", location]
            let run = try ChildProcess(CommandLineTests.binary, ["run", "--verbose"] + common, captureOutput: false)
            // Structured logs (standard error is not a terminal) say when each step starts (after
            // it is on record): kill the run, without warning, as it starts building silver and gold.
            run.kill(whenErrors: { $0.contains("step=build") })
            _ = await run.waitForExit(timeLimit: .seconds(600))
            #expect(run.terminatingSignal == SIGKILL, "the run must still be going when it is killed: \(run.errors.suffix(2000))")
            let output = run.errors
            #expect(output.contains("step=ingest status=succeeded") || output.contains("status=succeeded step=ingest"), "\(output.suffix(2000))")

            let status = try await CommandLineTests.run(["status"] + common)
            #expect(status.output.contains("in progress: run run-"), "the killed run still holds the lock: \(status.output)")

            // The training of this run is logged to MLflow too, as `tenure model train`'s is.
            let mlflow = try ModelCommandTests.mlflowURL()
            let rerun = try await CommandLineTests.run(["run"] + common, environment: [
                "MLFLOW_TRACKING_URI": mlflow, "MLFLOW_EXPERIMENT_NAME": "tenure-run-\(engine.rawValue)-\(UUID().uuidString.prefix(8))"])
            #expect(rerun.status == 0, "\(rerun.output)\(rerun.errors)")
            #expect(rerun.output.contains("took over from run run-") && rerun.output.contains(": succeeded in"), "\(rerun.output)")
            // Not on a terminal: quiet structured logs, one line per step with its figures.
            #expect(rerun.errors.contains("status=succeeded step=score") && rerun.errors.contains("step finished"), "\(rerun.errors)")
            #expect(!rerun.errors.contains("[###"), "no progress bar in a log")

            let warehouse = try await openWarehouse(location, logger: TestEngine.logger)
            let runs = try await warehouse.query("SELECT run_id, status FROM ops.pipeline_runs ORDER BY started_at")
            #expect(runs.map { $0.string("status") } == ["abandoned", "succeeded"])
            let killed = try #require(runs.first?.string("run_id"))
            let killedSteps = try await warehouse.query("SELECT step, status FROM ops.step_runs WHERE run_id = ? ORDER BY position", [.text(killed)])
            #expect(killedSteps.map { "\($0.string("step") ?? ""):\($0.string("status") ?? "")" } == ["ingest:succeeded", "resolve:succeeded", "build:abandoned"])
            // Nothing twice: every source record once, one row per person, one prediction per customer.
            for (table, rows) in expected {
                let name = TableName(.bronze, table).sql
                #expect(try await warehouse.scalarInt("SELECT COUNT(*) FROM \(name)") == rows, "\(table)")
                #expect(try await warehouse.scalarInt("SELECT COUNT(DISTINCT _record_hash) FROM \(name)") == rows, "\(table)")
            }
            let people = try await warehouse.scalarInt("SELECT COUNT(*) FROM silver.dim_customer") ?? 0
            let distinctPeople = try await warehouse.scalarInt("SELECT COUNT(DISTINCT customer_key) FROM silver.dim_customer")
            #expect(people > 100 && people == distinctPeople)
            let scored = try await warehouse.scalarInt("SELECT COUNT(*) FROM gold.churn_predictions") ?? 0
            let distinctScored = try await warehouse.scalarInt("SELECT COUNT(DISTINCT customer_key) FROM gold.churn_predictions")
            #expect(scored > 100 && scored == distinctScored)
            #expect(try await warehouse.scalarInt("SELECT COUNT(*) FROM ml.model_versions") == 1)
            let mlflowRun = try #require(try await warehouse.query("SELECT mlflow_run_id FROM ml.model_runs").first?.string("mlflow_run_id"))
            let trainStep = try await warehouse.query("SELECT detail FROM ops.step_runs WHERE step = 'train' AND status = 'succeeded'").first?.string("detail")
            #expect(trainStep?.hasSuffix("logged to MLflow as run \(mlflowRun)") == true, "\(trainStep ?? "")")
            let logged = try await ModelCommandTests.mlflowGet("/api/2.0/mlflow/runs/get?run_id=\(mlflowRun)")["run"] as? [String: Any]
            #expect((logged?["info"] as? [String: Any])?["run_id"] as? String == mlflowRun)
            #expect(try await warehouse.scalarInt("SELECT COUNT(*) FROM ops.pipeline_lock") == 0, "the lock is released")
            try await warehouse.close()
            #expect(FileManager.default.fileExists(atPath: project.appendingPathComponent("report/tenure-report.html").path))

            let after = try await CommandLineTests.run(["status"] + common)
            #expect(after.output.contains("abandoned") && after.output.contains("succeeded") && !after.output.contains("in progress"), "\(after.output)")
            #expect(after.output.contains("score    succeeded"), "\(after.output)")
        }
    }

    @Test func badSettingsAreOneLineErrors() async throws {
        let project = try BuildCommandTests.project()
        defer { try? FileManager.default.removeItem(at: project) }
        try "pipeline:\n  alerts:\n    channel: webhook\n".write(to: project.appendingPathComponent("tenure.yml"), atomically: true, encoding: .utf8)
        let webhook = try await CommandLineTests.run(["run", "--project", project.path, "--from", project.appendingPathComponent("models").path],
                                               environment: ["TENURE_ALERT_WEBHOOK_URL": ""])
        #expect(webhook.status != 0)
        #expect(webhook.errors.contains("pipeline.alerts.channel is webhook, but TENURE_ALERT_WEBHOOK_URL is not set"), "\(webhook.errors)")
        #expect(webhook.errors.split(separator: "\n").count == 1)
        try "pipeline:\n  retrain_on_auc_drop: 3\n".write(to: project.appendingPathComponent("tenure.yml"), atomically: true, encoding: .utf8)
        let drop = try await CommandLineTests.run(["run", "--project", project.path])
        #expect(drop.status != 0 && drop.errors.contains("pipeline.retrain_on_auc_drop must be between 0 and 1"), "\(drop.errors)")
        try "pipeline:\n  schedule: \"0 30 6 ? * MON-FRI\"\n  time_zone: Asia/Tokyo\n".write(to: project.appendingPathComponent("tenure.yml"), atomically: true, encoding: .utf8)
        let status = try await CommandLineTests.run(["status", "--project", project.path])
        #expect(status.status == 0 && status.output.contains("schedule: 0 30 6 ? * MON-FRI (Asia/Tokyo) (run by `tenure serve`), next run 20"), "\(status.output)")
        #expect(status.output.contains(" GMT+9") && status.output.contains("pipeline: no runs yet"), "\(status.output)")
        try FileManager.default.removeItem(at: project.appendingPathComponent("tenure.yml"))
        let schedule = try await CommandLineTests.run(["serve", "--project", project.path, "--schedule", "0 0 25 * * ?"])
        #expect(schedule.status != 0 && schedule.errors.contains("--schedule \"0 0 25 * * ?\": hour field: 25 is out of range"), "\(schedule.errors)")
        let zone = try await CommandLineTests.run(["serve", "--project", project.path, "--schedule", "0 0 7 * * ?", "--time-zone", "Mars/Olympus"])
        #expect(zone.status != 0 && zone.errors.contains("no time zone named 'Mars/Olympus'"), "\(zone.errors)")
    }
}
