import Foundation
import Logging
import Testing
import TenureCore
import Transform
import Warehouse
import WarehouseTestSupport

/// The runner on both engines: order, atomic swap, failing tests, skipped dependents,
/// views, incremental merges, seeds and Swift models.
@Suite("Running a SQL project")
struct RunnerTests {
    static let customers = [
        ["C1", "Ann Lee", "ann@example.com", "2025-01-10"],
        ["C2", "Bo Chen", "bo@example.com", "2025-02-11"],
        ["C3", "Cy Diaz", nil, "2025-03-12"],
    ]

    static func files(customersTest: String = "[unique, not_null]") -> [String: String] {
        [
            "models/silver/customers.sql": """
                -- Customers who joined by the run date.
                SELECT name AS customer_id, customer_name AS full_name, email_id AS email, joined AS joined_on
                FROM {{ source('erpnext', 'customers') }}
                WHERE joined <= {{ run_date }}
                """,
            "models/silver/segments.csv": "segment,label\nA,Alpha\nB,Beta\n",
            "models/gold/customer_count.sql": "SELECT COUNT(*) AS customers, MAX(joined_on) AS newest FROM {{ ref('customers') }}",
            "models/gold/named_customers.sql": "{{ config(materialized='view') }}\nSELECT customer_id, full_name FROM {{ ref('customer_count_source') }}",
            "models/gold/customer_count_source.sql": "SELECT customer_id, full_name FROM {{ ref('customers') }} WHERE full_name IS NOT NULL",
            "models/silver/silver.yml": """
                models:
                  - name: customers
                    description: One row per customer.
                    columns:
                      - name: customer_id
                        tests: \(customersTest)
                      - name: email
                        tests:
                          - not_null: {severity: warn}
                  - name: segments
                    columns:
                      - name: segment
                        tests: [unique]
                """,
            "models/gold/gold.yml": """
                models:
                  - name: customer_count
                    tests:
                      - row_count: {min: 1, max: 1}
                  - name: named_customers
                    columns:
                      - name: customer_id
                        tests:
                          - relationships: {to: "ref('customers')", field: customer_id}
                """,
            "models/project.yml": "run_date: \"SELECT MAX(joined) FROM {{ source('erpnext', 'customers') }}\"\n",
            "tests/every_customer_is_counted.sql": """
                SELECT c.customers FROM {{ ref('customer_count') }} c
                WHERE c.customers <> (SELECT COUNT(*) FROM {{ ref('customers') }})
                """,
        ]
    }

    static let logger = Logger(label: "tenure.transform.tests") { _ in SwiftLogNoOpLogHandler() }

    static func seed(_ warehouse: any Warehouse, rows: [[String?]] = customers, at time: String = "2026-01-01T00:00:00.000Z") async throws {
        try await ProjectFixture.bronze("erp_customers", fields: ["name", "customer_name", "email_id", "joined"], rows: rows,
                                        ingestedAt: time, in: warehouse)
    }

    @Test(arguments: TestEngine.allCases)
    func buildsEveryModelInDependencyOrderAsOfTheNewestDay(engine: TestEngine) async throws {
        let fixture = try ProjectFixture(Self.files())
        defer { fixture.remove() }
        try await engine.withWarehouse { warehouse in
            try await Self.seed(warehouse)
            let project = try fixture.load()
            #expect(project.order.firstIndex(of: "customers")! < project.order.firstIndex(of: "customer_count")!)
            let report = try await ProjectRunner(project: project, warehouse: warehouse, logger: Self.logger).build(.all)
            #expect(report.succeeded)
            #expect(report.runDate == "2025-03-12")
            #expect(report.models.map(\.model.name).sorted() == ["customer_count", "customer_count_source", "customers", "named_customers", "segments"])
            let count = try await warehouse.query("SELECT customers FROM gold.customer_count").first?.int("customers")
            #expect(count == 3)
            #expect(try await warehouse.relationKind(TableName(.gold, "named_customers")) == .view)
            #expect(try await warehouse.query("SELECT * FROM gold.named_customers").count == 3)
            #expect(try await warehouse.query("SELECT label FROM silver.segments WHERE segment = 'B'").first?.string("label") == "Beta")
            // The warn-severity test found C3's missing e-mail without failing the build.
            let warned = report.models.flatMap(\.tests).filter { $0.status == .warn }
            #expect(warned.map(\.test.name) == ["not_null_customers_email"])
            #expect(warned.first?.failures == 1)
            #expect(warned.first?.sample.contains("customer_id=C3") == true)
            let recorded = try await warehouse.query("SELECT status, COUNT(*) AS n FROM ops.test_results WHERE run_id = ? GROUP BY status ORDER BY status", [.text(report.runID)])
            #expect(recorded.map { "\($0.string("status")!)=\($0.int("n")!)" } == ["pass=6", "warn=1"])
            // Earlier run dates rebuild the past.
            let past = try await ProjectRunner(project: project, warehouse: warehouse, logger: Self.logger).build(.all, runDate: "2025-02-28")
            #expect(past.succeeded)
            #expect(try await warehouse.query("SELECT customers FROM gold.customer_count").first?.int("customers") == 2)
            for impossible in ["2025-02-30", "2025-13-01", "31/01/2025", "yesterday"] {
                await #expect(throws: TransformError.self) {
                    try await ProjectRunner(project: project, warehouse: warehouse, logger: Self.logger).build(.all, runDate: impossible)
                }
            }
        }
    }

    @Test(arguments: TestEngine.allCases)
    func aFailingTestKeepsTheLastGoodTableAndSkipsWhatReadsIt(engine: TestEngine) async throws {
        let fixture = try ProjectFixture(Self.files())
        defer { fixture.remove() }
        try await engine.withWarehouse { warehouse in
            try await Self.seed(warehouse)
            let runner = ProjectRunner(project: try fixture.load(), warehouse: warehouse, logger: Self.logger)
            #expect(try await runner.build(.all).succeeded)
            // A new landing holds a second version of C1, wrongly as a new record with the same id.
            try await ProjectFixture.bronze("erp_customers", fields: ["name", "customer_name", "email_id", "joined"],
                                            rows: [["C1", "Ann Lee-Smith", "ann@example.com", "2025-01-10"], ["C4", "Di Eve", "di@example.com", "2025-03-01"]],
                                            ingestedAt: "2026-01-02T00:00:00.000Z", keyField: "customer_name", in: warehouse)
            let report = try await runner.build(.all)
            #expect(!report.succeeded)
            let byName = Dictionary(uniqueKeysWithValues: report.models.map { ($0.model.name, $0) })
            #expect(byName["customers"]?.status == .error)
            #expect(byName["customers"]?.message?.contains("unique_customers_customer_id") == true)
            #expect(byName["customers"]?.tests.first { $0.test.name == "unique_customers_customer_id" }?.sample.contains("value=C1") == true)
            #expect(byName["customer_count"]?.status == .skipped)
            #expect(byName["named_customers"]?.status == .skipped)
            #expect(byName["segments"]?.status == .success)
            // The previous good table is still there, whole, and no staging table is left behind.
            #expect(try await warehouse.query("SELECT customer_id FROM silver.customers ORDER BY customer_id").compactMap { $0.string("customer_id") } == ["C1", "C2", "C3"])
            #expect(try await warehouse.tables(in: .silver).allSatisfy { !$0.hasSuffix("__tenure_new") })
            let failed = try await warehouse.query("SELECT status FROM ops.model_runs WHERE run_id = ? AND model = 'customers'", [.text(report.runID)])
            #expect(failed.first?.string("status") == "error")
        }
    }

    @Test(arguments: TestEngine.allCases)
    func sourcesReadTheLatestVersionOfEachRecord(engine: TestEngine) async throws {
        let fixture = try ProjectFixture(Self.files())
        defer { fixture.remove() }
        try await engine.withWarehouse { warehouse in
            try await Self.seed(warehouse)
            try await Self.seed(warehouse, rows: [["C2", "Bo Chen-Wu", "bo@example.com", "2025-02-11"]], at: "2026-01-05T00:00:00.000Z")
            let report = try await ProjectRunner(project: try fixture.load(), warehouse: warehouse, logger: Self.logger).build(Selection("customers"))
            #expect(report.succeeded)
            let names = try await warehouse.query("SELECT full_name FROM silver.customers ORDER BY customer_id").compactMap { $0.string("full_name") }
            #expect(names == ["Ann Lee", "Bo Chen-Wu", "Cy Diaz"])
        }
    }

    @Test(arguments: TestEngine.allCases)
    func incrementalModelsMergeNewRowsByKey(engine: TestEngine) async throws {
        var files = Self.files()
        files["models/silver/customers.sql"] = """
            {{ config(materialized='incremental', unique_key='customer_id') }}
            SELECT name AS customer_id, customer_name AS full_name, email_id AS email, joined AS joined_on, _ingested_at AS loaded_at
            FROM {{ source('erpnext', 'customers') }}
            WHERE joined <= {{ run_date }}
            {% if is_incremental() %}AND _ingested_at > (SELECT MAX(loaded_at) FROM {{ this }}){% endif %}
            """
        let fixture = try ProjectFixture(files)
        defer { fixture.remove() }
        try await engine.withWarehouse { warehouse in
            try await Self.seed(warehouse)
            let runner = ProjectRunner(project: try fixture.load(), warehouse: warehouse, logger: Self.logger)
            let first = try await runner.build(Selection("customers"), runDate: "2025-12-31")
            #expect(first.models.first?.incremental == false)
            #expect(first.models.first?.rows == 3)
            try await Self.seed(warehouse, rows: [["C2", "Bo Chen-Wu", "bo@example.com", "2025-02-11"], ["C5", "Ed Fox", "ed@example.com", "2025-04-01"]],
                                at: "2026-01-05T00:00:00.000Z")
            let second = try await runner.build(Selection("customers"), runDate: "2025-12-31")
            #expect(second.succeeded)
            #expect(second.models.first?.incremental == true)
            #expect(second.models.first?.rows == 2)
            let rows = try await warehouse.query("SELECT customer_id, full_name FROM silver.customers ORDER BY customer_id")
            #expect(rows.map { "\($0.string("customer_id")!):\($0.string("full_name")!)" } == ["C1:Ann Lee", "C2:Bo Chen-Wu", "C3:Cy Diaz", "C5:Ed Fox"])
            // An earlier run date, or --full-refresh, rebuilds the table whole.
            let past = try await runner.build(Selection("customers"), runDate: "2025-02-28")
            #expect(past.models.first?.incremental == false)
            #expect(try await warehouse.query("SELECT COUNT(*) AS n FROM silver.customers").first?.int("n") == 2)
        }
    }

    struct Initials: SwiftModel {
        let name = "initials"
        let dependencies = ["customers"]
        func rows(_ context: SwiftModelContext) async throws -> SwiftModelOutput {
            let rows = try await context.warehouse.query("SELECT customer_id, full_name FROM \(context.relation("customers")) ORDER BY customer_id")
            return SwiftModelOutput(
                columns: [ColumnDefinition("customer_id", .text), ColumnDefinition("initials", .text)],
                rows: rows.map { row in
                    let initials = (row.string("full_name") ?? "").split(separator: " ").compactMap(\.first).map(String.init).joined()
                    return [.text(row.string("customer_id") ?? ""), .text(initials)]
                })
        }
    }

    @Test(arguments: TestEngine.allCases)
    func aSwiftModelIsANodeOfTheSameDAG(engine: TestEngine) async throws {
        var files = Self.files()
        files["models/silver/swift.yml"] = """
            models:
              - name: initials
                description: Computed in Swift.
                config: {materialized: swift}
                columns:
                  - name: customer_id
                    tests:
                      - unique
                      - relationships: {to: "ref('customers')", field: customer_id}
            """
        files["models/gold/initials_count.sql"] = "SELECT COUNT(*) AS n FROM {{ ref('initials') }} WHERE initials = 'AL'"
        let fixture = try ProjectFixture(files)
        defer { fixture.remove() }
        try await engine.withWarehouse { warehouse in
            try await Self.seed(warehouse)
            let project = try fixture.load(swiftModels: [Initials()])
            #expect(project.order.firstIndex(of: "customers")! < project.order.firstIndex(of: "initials")!)
            #expect(project.order.firstIndex(of: "initials")! < project.order.firstIndex(of: "initials_count")!)
            let report = try await ProjectRunner(project: project, warehouse: warehouse, swiftModels: [Initials()], logger: Self.logger).build(Selection("+initials_count"))
            #expect(report.succeeded)
            #expect(report.models.map(\.model.name) == ["customers", "initials", "initials_count"])
            #expect(try await warehouse.query("SELECT n FROM gold.initials_count").first?.int("n") == 1)
        }
        #expect(throws: TransformError.self) { try fixture.load() }
    }
}
