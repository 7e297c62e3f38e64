import Foundation
import Testing
import Warehouse
import WarehouseTestSupport

/// `tenure build`, `tenure test`, `tenure lineage` and `tenure docs` as a user runs them, on the
/// repository's own models.
@Suite("tenure build and test")
struct BuildCommandTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A project folder holding a copy of the repository's models/ and tests/, so a test can break it.
    static func project() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tenure-cli-project-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["models", "tests"] {
            try FileManager.default.copyItem(at: repository.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        return folder
    }

    @Test(arguments: TestEngine.allCases)
    func aFailingDataTestFailsTheBuildAndKeepsThePreviousTables(engine: TestEngine) async throws {
        let bank = try await IngestCommandTests.bank.value
        let project = try Self.project()
        defer { try? FileManager.default.removeItem(at: project) }
        try await engine.withWarehouseLocation { location in
            let common = ["--project", project.path, "--warehouse", location]
            #expect(try await CommandLineTests.run(["ingest", "--from", bank.path] + common).status == 0)
            let build = try await CommandLineTests.run(["build"] + common)
            #expect(build.status == 0, "\(build.output)\(build.errors)")
            #expect(build.output.contains("gold.customer_360"))
            #expect(build.output.contains("32 built, 0 failed, 0 skipped"))
            let test = try await CommandLineTests.run(["test"] + common)
            #expect(test.status == 0, "\(test.output)\(test.errors)")
            #expect(test.output.contains("0 failed, 0 errored"))

            let warehouse = try await openWarehouse(location, logger: TestEngine.logger)
            let people = try await warehouse.scalarInt("SELECT COUNT(*) FROM silver.dim_customer")
            let atRisk = try await warehouse.scalarInt("SELECT COUNT(*) FROM gold.customer_360 WHERE churn_risk_flag <> 'NORMAL'")

            // An analyst adds a test that dim_customer fails, and narrows the run date.
            try "SELECT customer_key FROM {{ ref('dim_customer') }} WHERE full_name IS NOT NULL"
                .write(to: project.appendingPathComponent("tests/no_named_people.sql"), atomically: true, encoding: .utf8)
            let failing = try await CommandLineTests.run(["build", "--run-date", "2024-06-30"] + common)
            #expect(failing.status != 0)
            #expect(failing.output.contains("FAIL no_named_people"))
            #expect(failing.errors.contains("were not built: dim_customer"), "\(failing.errors)")
            #expect(failing.output.contains("SKIP"))
            // The previous good tables are in place, as of the previous run date.
            #expect(try await warehouse.scalarInt("SELECT COUNT(*) FROM silver.dim_customer") == people)
            #expect(try await warehouse.scalarInt("SELECT COUNT(*) FROM gold.customer_360 WHERE churn_risk_flag <> 'NORMAL'") == atRisk)
            #expect(try await warehouse.scalarInt("SELECT COUNT(*) FROM ops.test_results WHERE test_name = 'no_named_people' AND status = 'fail'") == 1)
            let recheck = try await CommandLineTests.run(["test", "--select", "dim_customer"] + common)
            #expect(recheck.status != 0)
            try await warehouse.close()
        }
    }

    @Test func lineageAndDocsDescribeTheProject() async throws {
        let lineage = try await CommandLineTests.run(["lineage", "--project", Self.repository.path, "--select", "+customer_360"])
        #expect(lineage.status == 0)
        #expect(lineage.output.contains("gold.customer_360 (table)\n  reads  silver.fct_customer_notes, silver.dim_customer, gold.agg_customer_accounts"))
        #expect(!lineage.output.contains("dashboard_daily_metrics"))
        let svg = try await CommandLineTests.run(["lineage", "--project", Self.repository.path, "--format", "svg"])
        #expect(svg.output.hasPrefix("<svg") && svg.output.contains("bronze.erp_customers") && svg.output.hasSuffix("</svg>\n"))
        let docs = try await CommandLineTests.run(["docs", "--project", Self.repository.path, "--select", "customer_360"])
        #expect(docs.status == 0)
        #expect(docs.output.contains("## gold.customer_360"))
        #expect(docs.output.contains("| `churn_risk_flag` |"))
        let unknown = try await CommandLineTests.run(["build", "--project", Self.repository.path, "--select", "customer_36"])
        #expect(unknown.status != 0)
        #expect(unknown.errors.contains("no model named 'customer_36' (did you mean customer_360?)"), "\(unknown.errors)")
    }
}
