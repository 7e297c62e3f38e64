import Foundation
import Warehouse

/// The retention team's log, `ops.retention_outreach`: who contacted which at-risk customer,
/// with what offer, and how it ended — kept against the prediction that prompted it.
public struct RetentionOutreach: Sendable {
    /// The table.
    public static let table = TableName(.ops, "retention_outreach")

    /// The outcomes an agent records.
    public enum Outcome: String, Sendable, CaseIterable {
        case contacted, retained, declined, churned, unreachable
    }

    /// One customer's latest entry.
    public struct Latest: Sendable {
        /// The agent who logged it.
        public let agent: String
        /// `contacted — fee waiver`, as the list shows it.
        public let summary: String
    }

    static let columns = [
        ColumnDefinition("logged_at", .text), ColumnDefinition("customer_key", .text), ColumnDefinition("agent", .text),
        ColumnDefinition("outcome", .text), ColumnDefinition("offer", .text), ColumnDefinition("note", .text),
        ColumnDefinition("risk_tier", .text), ColumnDefinition("churn_probability", .real), ColumnDefinition("model_version", .text),
    ]

    let warehouse: any SQLExecutor

    /// The log on `warehouse`.
    public init(_ warehouse: any SQLExecutor) { self.warehouse = warehouse }

    /// Logs an outreach, with the customer's prediction at that moment.
    public func record(customerKey: String, agent: String, outcome: Outcome, offer: String?, note: String?, at time: Date = Date()) async throws {
        try await warehouse.createTable(Self.table, columns: Self.columns, ifNotExists: true)
        let prediction = try await warehouse.tableExists(TableName(.gold, "churn_predictions"))
            ? try await warehouse.query("SELECT risk_tier, churn_probability, model_version FROM gold.churn_predictions WHERE customer_key = ?",
                                        [.text(customerKey)]).first
            : nil
        let formatter = ISO8601DateFormatter()
        try await warehouse.execute("INSERT INTO \(Self.table.sql) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", [
            .text(formatter.string(from: time)), .text(customerKey), .text(agent), .text(outcome.rawValue),
            offer.map { .text($0) } ?? .null, note.map { .text($0) } ?? .null,
            prediction?.string("risk_tier").map { .text($0) } ?? .null,
            prediction?.double("churn_probability").map { .real($0) } ?? .null,
            prediction?.string("model_version").map { .text($0) } ?? .null,
        ])
    }

    /// Each customer's latest entry.
    public func latestByCustomer() async throws -> [String: Latest] {
        guard try await warehouse.tableExists(Self.table) else { return [:] }
        var latest: [String: Latest] = [:]
        for row in try await warehouse.query("SELECT customer_key, agent, outcome, offer FROM \(Self.table.sql) ORDER BY logged_at") {
            let summary = [row.string("outcome"), row.string("offer")].compactMap { $0 }.joined(separator: " — ")
            latest[row.string("customer_key") ?? ""] = Latest(agent: row.string("agent") ?? "", summary: summary)
        }
        return latest
    }

    /// A customer's entries, newest first.
    public func history(of customerKey: String) async throws -> [(at: String, agent: String, outcome: String, offer: String?, note: String?)] {
        guard try await warehouse.tableExists(Self.table) else { return [] }
        return try await warehouse.query("SELECT * FROM \(Self.table.sql) WHERE customer_key = ? ORDER BY logged_at DESC", [.text(customerKey)])
            .map { ($0.string("logged_at") ?? "", $0.string("agent") ?? "", $0.string("outcome") ?? "", $0.string("offer"), $0.string("note")) }
    }

    /// Of the customers who were HIGH risk when contacted vs all HIGH-risk customers never
    /// contacted: how many are still with the bank.
    public func savedRates() async throws -> (contacted: (customers: Int, stayed: Int), notContacted: (customers: Int, stayed: Int)) {
        guard try await warehouse.tableExists(Self.table), try await warehouse.tableExists(TableName(.gold, "churn_predictions")) else {
            return ((0, 0), (0, 0))
        }
        let contacted = try await warehouse.query("""
            SELECT COUNT(DISTINCT o.customer_key) AS n, COUNT(DISTINCT CASE WHEN c.status = 'active' THEN o.customer_key END) AS stayed
            FROM \(Self.table.sql) o JOIN gold.customer_360 c ON c.customer_key = o.customer_key WHERE o.risk_tier = 'HIGH'
            """).first
        let others = try await warehouse.query("""
            SELECT COUNT(*) AS n, SUM(CASE WHEN c.status = 'active' THEN 1 ELSE 0 END) AS stayed
            FROM gold.churn_predictions p JOIN gold.customer_360 c ON c.customer_key = p.customer_key
            WHERE p.risk_tier = 'HIGH' AND p.customer_key NOT IN (SELECT customer_key FROM \(Self.table.sql))
            """).first
        return ((contacted?.int("n") ?? 0, contacted?.int("stayed") ?? 0), (others?.int("n") ?? 0, others?.int("stayed") ?? 0))
    }
}
