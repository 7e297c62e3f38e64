import ChurnForecast
import Foundation
import Warehouse

/// What the dashboard's pages and API read from the warehouse: gold tables, the registry and
/// bronze's batches. Every value is bound; nothing from a request reaches SQL text.
public struct DashboardQueries: Sendable {
    let warehouse: any SQLExecutor

    /// Queries on `warehouse`.
    public init(_ warehouse: any SQLExecutor) { self.warehouse = warehouse }

    /// The executive overview's headline figures.
    public struct Overview: Sendable, Codable {
        /// Customers still with the bank.
        public var activeCustomers: Int
        /// Customers who left in the last 365 days, and that as a share of those active a year ago.
        public var churnedLastYear: Int, churnRateLastYear: Double?
        /// Customers in each risk tier, today.
        public var highRisk: Int, mediumRisk: Int
        /// The balances of HIGH-risk customers.
        public var balanceAtRisk: Double
        /// The champion model and its out-of-time validation ROC AUC.
        public var modelVersion: String?, modelAUC: Double?
        /// The day the figures are as of.
        public var asOf: String?
        /// Each source's newest landed batch.
        public var freshness: [SourceFreshness]
    }

    /// When a source last delivered.
    public struct SourceFreshness: Sendable, Codable {
        /// The source system.
        public var source: String
        /// Its newest batch's time, ISO 8601.
        public var lastLoadedAt: String?
        /// Rows it holds in bronze.
        public var rows: Int
    }

    /// The overview's figures.
    public func overview() async throws -> Overview {
        let people = try await one("""
            SELECT SUM(CASE WHEN status = 'active' THEN 1 ELSE 0 END) AS active,
                   SUM(CASE WHEN churned_on > tenure_add_days((SELECT MAX(churned_on) FROM gold.customer_360), -365)
                            AND churned_on IS NOT NULL THEN 1 ELSE 0 END) AS churned
            FROM gold.customer_360
            """)
        let active = people?.int("active") ?? 0, churned = people?.int("churned") ?? 0
        var overview = Overview(activeCustomers: active, churnedLastYear: churned,
                                churnRateLastYear: active + churned > 0 ? Double(churned) / Double(active + churned) : nil,
                                highRisk: 0, mediumRisk: 0, balanceAtRisk: 0, modelVersion: nil, modelAUC: nil, asOf: nil, freshness: [])
        if try await warehouse.tableExists(TableName(.gold, "churn_predictions")) {
            let risk = try await one("""
                SELECT SUM(CASE WHEN p.risk_tier = 'HIGH' THEN 1 ELSE 0 END) AS high,
                       SUM(CASE WHEN p.risk_tier = 'MEDIUM' THEN 1 ELSE 0 END) AS medium,
                       SUM(CASE WHEN p.risk_tier = 'HIGH' THEN c.total_balance ELSE 0 END) AS balance,
                       MAX(p.cutoff_date) AS cutoff
                FROM gold.churn_predictions p JOIN gold.customer_360 c ON c.customer_key = p.customer_key
                """)
            overview.highRisk = risk?.int("high") ?? 0
            overview.mediumRisk = risk?.int("medium") ?? 0
            overview.balanceAtRisk = risk?.double("balance") ?? 0
            overview.asOf = risk?.string("cutoff")
        }
        if let champion = try await ModelRegistry(warehouse).champion() {
            overview.modelVersion = champion.name
            overview.modelAUC = champion.validationAUC
        }
        overview.freshness = try await freshness()
        return overview
    }

    /// Each source's newest batch, from the ingestion ledger.
    public func freshness() async throws -> [SourceFreshness] {
        let batches = TableName(.bronze, "_batches")
        guard try await warehouse.tableExists(batches) else { return [] }
        return try await warehouse.query("""
            SELECT source_system, MAX(finished_at) AS last_loaded, SUM(rows_landed) AS landed
            FROM \(batches.sql) GROUP BY source_system ORDER BY source_system
            """).map { SourceFreshness(source: $0.string("source_system") ?? "", lastLoadedAt: $0.string("last_loaded"), rows: $0.int("landed") ?? 0) }
    }

    private func one(_ sql: String, _ arguments: [SQLValue] = []) async throws -> Row? {
        try await warehouse.query(sql, arguments).first
    }
}
