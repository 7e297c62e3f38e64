import Foundation
import Warehouse

extension DashboardQueries {
    /// Everything the data health page shows.
    public struct DataHealth: Sendable, Codable {
        /// Each data test's latest outcome, failures first.
        public var tests: [TestResult]
        /// When each source last delivered.
        public var sources: [SourceFreshness]
        /// Each model's table as its latest build left it, by layer.
        public var tables: [TableState]
        /// Records set aside at landing, per table and reason.
        public var quarantine: [QuarantineCount]
        /// Columns that appeared in or vanished from a source.
        public var schemaChanges: [SchemaChange]
        /// How entity resolution placed each system's records.
        public var resolution: Resolution?
    }

    /// One data test's outcome.
    public struct TestResult: Sendable, Codable {
        public var model: String, test: String, severity: String, status: String, failures: Int?
    }

    /// One model's table after its latest build.
    public struct TableState: Sendable, Codable {
        public var layer: String, model: String, status: String, rows: Int?, seconds: Double?, builtAt: String?
    }

    /// Quarantined records of one table with one reason.
    public struct QuarantineCount: Sendable, Codable {
        public var source: String, table: String, reason: String, records: Int, lastAt: String?
    }

    /// One column change a batch brought.
    public struct SchemaChange: Sendable, Codable {
        public var source: String, table: String, column: String, change: String, detectedAt: String?
    }

    /// Entity resolution's figures: records per system and how they were placed, people, and the review queue.
    public struct Resolution: Sendable, Codable {
        /// Records of one system placed by one rule.
        public struct Placement: Sendable, Codable {
            public var system: String, rule: String, records: Int
        }
        public var placements: [Placement]
        /// Distinct people the records resolved to.
        public var people: Int
        /// Pairs waiting for a person's decision (`tenure review list`).
        public var pairsToReview: Int
    }

    /// The data health page's figures.
    public func dataHealth() async throws -> DataHealth {
        DataHealth(tests: try await latestTests(), sources: try await freshness(), tables: try await tableStates(),
                   quarantine: try await quarantine(), schemaChanges: try await schemaChanges(), resolution: try await resolution())
    }

    /// Each data test's latest outcome, failures first: a build of a few models (scoring, say)
    /// updates their tests and leaves the others' results standing.
    public func latestTests() async throws -> [TestResult] {
        let results = TableName(.ops, "test_results")
        guard try await warehouse.tableExists(results) else { return [] }
        return try await warehouse.query("""
            SELECT t.model, t.test_name, t.severity, t.status, t.failures FROM \(results.sql) t
            JOIN (SELECT test_name, MAX(run_id) AS run_id FROM \(results.sql) GROUP BY test_name) l
              ON l.test_name = t.test_name AND l.run_id = t.run_id
            ORDER BY CASE t.status WHEN 'pass' THEN 1 ELSE 0 END, t.model, t.test_name
            """).map {
            TestResult(model: $0.string("model") ?? "", test: $0.string("test_name") ?? "", severity: $0.string("severity") ?? "",
                       status: $0.string("status") ?? "", failures: $0.int("failures"))
        }
    }

    /// Each model's latest build, by layer and name.
    func tableStates() async throws -> [TableState] {
        let runs = TableName(.ops, "model_runs")
        guard try await warehouse.tableExists(runs) else { return [] }
        return try await warehouse.query("""
            SELECT r.layer, r.model, r.status, r.rows, r.seconds, r.finished_at FROM \(runs.sql) r
            JOIN (SELECT model, MAX(finished_at) AS latest FROM \(runs.sql) GROUP BY model) l
              ON l.model = r.model AND l.latest = r.finished_at
            ORDER BY CASE r.layer WHEN 'silver' THEN 1 WHEN 'gold' THEN 2 ELSE 3 END, r.model
            """).map {
            TableState(layer: $0.string("layer") ?? "", model: $0.string("model") ?? "", status: $0.string("status") ?? "",
                       rows: $0.int("rows"), seconds: $0.double("seconds"), builtAt: $0.string("finished_at"))
        }
    }

    func quarantine() async throws -> [QuarantineCount] {
        let table = TableName(.bronze, "_quarantine")
        guard try await warehouse.tableExists(table) else { return [] }
        return try await warehouse.query("""
            SELECT source_system, bronze_table, reason, COUNT(*) AS n, MAX(quarantined_at) AS latest FROM \(table.sql)
            GROUP BY source_system, bronze_table, reason ORDER BY 4 DESC, 1, 2, 3 LIMIT 200
            """).map {
            QuarantineCount(source: $0.string("source_system") ?? "", table: $0.string("bronze_table") ?? "", reason: $0.string("reason") ?? "",
                            records: $0.int("n") ?? 0, lastAt: $0.string("latest"))
        }
    }

    func schemaChanges() async throws -> [SchemaChange] {
        let table = TableName(.ops, "schema_changes")
        guard try await warehouse.tableExists(table) else { return [] }
        return try await warehouse.query("""
            SELECT source_system, bronze_table, column_name, change, detected_at FROM \(table.sql)
            ORDER BY detected_at DESC, bronze_table, column_name LIMIT 200
            """).map {
            SchemaChange(source: $0.string("source_system") ?? "", table: $0.string("bronze_table") ?? "", column: $0.string("column_name") ?? "",
                         change: $0.string("change") ?? "", detectedAt: $0.string("detected_at"))
        }
    }

    func resolution() async throws -> Resolution? {
        let xref = TableName(.silver, "customer_xref")
        guard try await warehouse.tableExists(xref) else { return nil }
        let placements = try await warehouse.query("""
            SELECT source_system, match_rule, COUNT(*) AS n FROM \(xref.sql) GROUP BY source_system, match_rule ORDER BY 1, 2
            """).map { Resolution.Placement(system: $0.string("source_system") ?? "", rule: $0.string("match_rule") ?? "", records: $0.int("n") ?? 0) }
        let people = try await warehouse.query("SELECT COUNT(DISTINCT customer_key) AS n FROM \(xref.sql)").first?.int("n") ?? 0
        var queue = 0
        let pairs = TableName(.silver, "match_pairs")
        if try await warehouse.tableExists(pairs) {
            queue = try await warehouse.query("SELECT COUNT(*) AS n FROM \(pairs.sql) WHERE decision = 'review'").first?.int("n") ?? 0
        }
        return Resolution(placements: placements, people: people, pairsToReview: queue)
    }
}
