import ChurnForecast
import Connectors
import Foundation
import Ingestion
import Logging
import Simulator
import TenureCore
import Testing
import Transform
import Unification
import Warehouse
import WarehouseTestSupport

/// The project's own models (models/ and tests/ at the repository root) on a generated bank,
/// checked against the bank's ground truth, on both engines.
@Suite("The bank's silver and gold models")
struct BankModelsTests {
    static let logger = Logger(label: "tenure.transform.tests") { _ in SwiftLogNoOpLogHandler() }
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A bank with the default (dirty) rates, generated once for the suite.
    static let bank: Result<URL, SimulatorError> = Result { () throws(SimulatorError) in
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tenure-models-bank-\(UUID().uuidString)")
        _ = try BankGenerator(specification: try BankSpecification(customers: 160, seed: 42)).generate(into: folder)
        return folder
    }

    /// Lands the bank and builds every model.
    static func build(in warehouse: any Warehouse) async throws -> BuildReport {
        let folder = try bank.get()
        let outcomes = await Ingestor(warehouse: warehouse, logger: logger).ingest(SourceSystem.allCases.map { FileConnector(system: $0, directory: folder) })
        #expect(outcomes.allSatisfy { $0.failure == nil })
        return try await runner(on: warehouse).build(.all)
    }

    /// The project's Swift models: entity resolution's and the churn forecast's.
    static func models() throws -> [any SwiftModel] {
        try CustomerUnification.models() + ChurnForecast.models(settings: ChurnSettings())
    }

    /// A runner of the repository's project, with its Swift models.
    static func runner(on warehouse: any Warehouse) throws -> ProjectRunner {
        let models = try Self.models()
        return ProjectRunner(project: try Project.load(from: repository, swiftModels: models), warehouse: warehouse, swiftModels: models, logger: logger)
    }

    @Test func everyModelIsDocumentedAndItsKeyTested() throws {
        let project = try Project.load(from: Self.repository, swiftModels: try Self.models())
        for name in project.order {
            let model = try #require(project.models[name])
            #expect(model.description != nil, "\(name) has a description")
            let keyTests = model.tests.filter {
                if case .unique = $0.kind { return true }
                if case .uniqueCombination = $0.kind { return true }
                return false
            }
            #expect(!keyTests.isEmpty, "\(name) has a uniqueness test on its key")
            let keyColumns: [String] = keyTests.flatMap { test -> [String] in
                switch test.kind {
                case .unique(let column): [column]
                case .uniqueCombination(let columns): columns
                default: []
                }
            }
            for column in keyColumns {
                #expect(model.tests.contains { test in
                    if case .notNull(column) = test.kind { return test.severity == .error }
                    return false
                }, "\(name).\(column) is a key: it has an error-severity not_null test")
            }
            // customer_xref's key is checked against dim_customer by tests/xref_keys_are_people.sql:
            // dim_customer is built from customer_xref, so the test runs with dim_customer.
            for column in model.columns where column.name == "customer_key" && !["dim_customer", "customer_xref"].contains(name) {
                #expect(model.tests.contains { test in
                    if case .relationships("customer_key", "dim_customer", "customer_key") = test.kind { return true }
                    return false
                }, "\(name).customer_key is tested as a foreign key of dim_customer")
            }
        }
    }

    @Test(arguments: TestEngine.allCases)
    func theProjectBuildsAndEveryErrorTestPasses(engine: TestEngine) async throws {
        try await engine.withWarehouse { warehouse in
            let report = try await Self.build(in: warehouse)
            for outcome in report.models where outcome.status != .success {
                Issue.record("\(outcome.model.name): \(outcome.message ?? "")")
            }
            for test in report.models.flatMap(\.tests) where test.isBlocking {
                Issue.record("\(test.test.name): \(test.failures) failures \(test.message ?? "") \(test.sample)")
            }
            #expect(report.runDate == "2026-01-31")
            let truthPeople = try Truth.rows(Self.bank.get().appendingPathComponent("truth/people.csv")).count
            let people = try #require(try await warehouse.scalarInt("SELECT COUNT(*) FROM silver.dim_customer"))
            // Entity resolution finds every real person once (the records' quality is measured in CustomerResolutionTests).
            #expect(people == truthPeople, "\(people) people for \(truthPeople) real ones")
            #expect(try await warehouse.scalarInt("SELECT COUNT(*) FROM gold.customer_360") == people)
            #expect(try await warehouse.scalarInt("SELECT COUNT(*) FROM silver.dim_branch") == 10)
            #expect((try await warehouse.scalarInt("SELECT COUNT(*) FROM gold.dashboard_daily_metrics WHERE day = '2026-01-31'") ?? 0) > 0)
        }
    }

    /// Every cleaning rule, on every kind of dirt the generator writes, against the truth.
    @Test(arguments: TestEngine.allCases)
    func cleanedValuesMatchTheTruth(engine: TestEngine) async throws {
        let folder = try Self.bank.get()
        let people = Dictionary(uniqueKeysWithValues: try Truth.rows(folder.appendingPathComponent("truth/people.csv")).map { ($0["person_id"]!, $0) })
        var owner: [String: String] = [:]
        var firstCustomer: [String: String] = [:]
        for record in try Truth.rows(folder.appendingPathComponent("truth/source_records.csv")) where record["duplicate_of"]?.isEmpty != false {
            owner["\(record["source_system"]!)/\(record["entity"]!)/\(record["source_id"]!)"] = record["person_id"]
            if record["source_system"] == "erpnext" && record["entity"] == "customer", let person = record["person_id"], let id = record["source_id"] {
                firstCustomer[person] = min(firstCustomer[person] ?? id, id)
            }
        }
        try await engine.withWarehouse { warehouse in
            _ = try await Self.build(in: warehouse)
            let customers = try await warehouse.query("SELECT * FROM silver.stg_erp_customers")
            var checked = (dates: 0, unusableDates: 0, phones: 0, emails: 0, names: 0, branches: 0)
            for row in customers {
                guard let id = row.string("erp_customer_id"), let person = owner["erpnext/customer/\(id)"].flatMap({ people[$0] }) else { continue }
                if let birth = row.string("birth_date") {
                    #expect(birth == person["birth_date"], "\(id): \(row.string("birth_date_raw") ?? "") read as \(birth)")
                    checked.dates += 1
                } else if row.string("birth_date_raw") != nil {
                    checked.unusableDates += 1
                }
                if let since = row.string("customer_since_stated") { #expect(since == person["customer_since"], "\(id) customer_since") }
                if let phone = row.string("phone") { #expect(phone == person["phone"], "\(id): \(row.string("phone_raw") ?? "") read as \(phone)"); checked.phones += 1 }
                if let email = row.string("email") { #expect(email == person["email"]?.lowercased(), "\(id) email"); checked.emails += 1 }
                #expect(row.string("surname") == person["surname"], "\(id) surname")
                #expect(row.string("name_suffix") == person["suffix"].flatMap { $0.isEmpty ? nil : $0 }, "\(id) suffix")
                let given = row.string("given_name") ?? ""
                #expect(given == person["given_name"] || given == "\(person["given_name"]!.prefix(1)).", "\(id) given name \(given)")
                checked.names += 1
                // A person's second ERPNext customer was opened at another branch on purpose.
                if firstCustomer[person["person_id"] ?? ""] == id {
                    #expect(row.string("branch_code") == person["home_branch"], "\(id) branch")
                    checked.branches += 1
                }
            }
            #expect(checked.dates > 100 && checked.phones > 100 && checked.emails > 100 && checked.names > 100 && checked.branches > 100)
            // Malformed cells are 1%: unusable dates are counted, not guessed.
            #expect(checked.unusableDates <= checked.dates / 20)
            let report = try await warehouse.query("SELECT * FROM silver.cleaning_report WHERE source = 'erpnext.customers' AND field = 'custom_date_of_birth'").first
            #expect(report.flatMap { ($0.int("values_seen") ?? 0) - ($0.int("values_cleaned") ?? 0) } == checked.unusableDates)
            // Every branch spelling in the sheets is reconciled.
            #expect(try await warehouse.scalarInt("SELECT COUNT(*) FROM silver.stg_customer_notes WHERE branch_code IS NULL AND branch_raw IS NOT NULL") == 0)
            #expect(try await warehouse.scalarInt("SELECT COUNT(*) FROM silver.fct_campaigns WHERE branch_code IS NULL OR region IS NULL OR budget_usd IS NULL") == 0)
            // Notes are typed by their words.
            let types = try await warehouse.query("SELECT note, note_type FROM silver.fct_customer_notes")
            for row in types {
                let note = row.string("note") ?? ""
                let expected = note.contains("Moving to competitor") || note.contains("Threatened") || note.contains("Wants to close") ? "negative"
                    : note.contains("Complained about monthly fees") || note.contains("Frustrated") ? "warning"
                    : note.contains("Very happy") || note.contains("Referred a friend") ? "positive"
                    : note.contains("Updated address") || note.contains("Requested new debit card") ? "neutral" : nil
                if let expected { #expect(row.string("note_type") == expected, "\(note)") }
            }
            // A complaint filed again within days (through any of the person's contacts) is flagged once.
            let refiledTruth = Set(try Truth.rows(folder.appendingPathComponent("truth/source_records.csv"))
                .filter { $0["source_system"] == "salesforce" && $0["entity"] == "case" && $0["duplicate_of"]?.isEmpty == false }
                .compactMap { $0["source_id"] })
            let flagged = Set(try await warehouse.query("SELECT case_id FROM silver.fct_complaints WHERE is_refiled = 1").compactMap { $0.string("case_id") })
            let found = refiledTruth.intersection(flagged).count
            #expect(refiledTruth.count > 5)
            #expect(Double(found) >= Double(refiledTruth.count) * 0.9, "found \(found) of \(refiledTruth.count) re-filed complaints")
            #expect(Double(found) >= Double(flagged.count) * 0.75, "\(found) of \(flagged.count) flagged complaints were re-filed")
            // Contacts join their person through the core-banking id or the e-mail.
            let contacts = try await warehouse.query("SELECT x.source_id, c.erp_customer_id FROM silver.customer_xref x JOIN silver.dim_customer c ON c.customer_key = x.customer_key WHERE x.source_system = 'salesforce'")
            var agree = 0
            for row in contacts {
                let contactPerson = owner["salesforce/contact/\(row.string("source_id")!)"]
                if contactPerson != nil && contactPerson == owner["erpnext/customer/\(row.string("erp_customer_id")!)"] { agree += 1 }
            }
            #expect(Double(agree) >= Double(contacts.count) * 0.97, "\(agree) of \(contacts.count) contacts joined the right person")
        }
    }

    /// The same project on SQLite and PostgreSQL gives the same tables: row counts, distinct
    /// values per column, and sums of the numbers.
    @Test func bothEnginesBuildTheSameTables() async throws {
        var fingerprints: [TestEngine: [String: String]] = [:]
        for engine in TestEngine.allCases {
            try await engine.withWarehouse { warehouse in
                let report = try await Self.build(in: warehouse)
                CustomerResolutionTests.expectBuilt(report)
                var fingerprint: [String: String] = [:]
                for outcome in report.models {
                    let table = outcome.model.table
                    let columns = try await warehouse.columns(of: table)
                    let counts = columns.map { "COUNT(DISTINCT \(SQLIdentifier.quoted($0))) AS \(SQLIdentifier.quoted($0))" }.joined(separator: ", ")
                    let row = try #require(try await warehouse.query("SELECT COUNT(*) AS _rows, \(counts) FROM \(table.sql)").first)
                    fingerprint[outcome.model.name] = zip(row.columns, row.values).map { "\($0)=\($1)" }.joined(separator: " ")
                }
                for (model, column) in Self.summedColumns {
                    let sum = try await warehouse.query("SELECT SUM(\(column)) AS total FROM \(TableName(model.hasPrefix("agg") || model.hasPrefix("customer_360") || model.hasPrefix("dashboard") ? .gold : .silver, model).sql)").first?.double("total") ?? 0
                    fingerprint["\(model).\(column)"] = String(format: "%.4f", sum)
                }
                fingerprints[engine] = fingerprint
            }
        }
        let sqlite = try #require(fingerprints[.sqlite]), postgres = try #require(fingerprints[.postgres])
        #expect(sqlite.count > 30)
        for key in sqlite.keys.sorted() {
            #expect(sqlite[key] == postgres[key], "\(key)")
        }
    }

    static let summedColumns: [(String, String)] = [
        ("fct_transactions", "amount"), ("dim_account", "balance"), ("fct_campaigns", "budget_usd"),
        ("fct_complaints", "satisfaction_score"), ("agg_customer_accounts", "balance_trend_90d"),
        ("agg_customer_accounts", "avg_monthly_transactions"), ("customer_360", "total_balance"),
        ("customer_360", "complaints_last_90_days"), ("customer_360", "days_since_last_login"), ("customer_360", "risk_signals"),
        ("dashboard_daily_metrics", "customers"), ("dashboard_daily_metrics", "active_customers"),
        ("dashboard_daily_metrics", "complaints"), ("dashboard_daily_metrics", "app_logins"),
    ]
}

/// The generator's ground truth, read from its CSV files.
enum Truth {
    static func rows(_ file: URL) throws -> [[String: String]] {
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
        guard let header = lines.first.flatMap({ CSVFields.parse(Array($0.utf8)) })?.map({ String(decoding: $0, as: UTF8.self) }) else { return [] }
        return lines.dropFirst().compactMap { line in
            CSVFields.parse(Array(line.utf8)).map { fields in
                Dictionary(uniqueKeysWithValues: zip(header, fields.map { String(decoding: $0, as: UTF8.self) }))
            }
        }
    }
}
