import Foundation
import Warehouse

extension DashboardQueries {
    /// A column of customer_360 the overview splits by; a closed list, so no request text reaches SQL.
    public enum Breakdown: String, Sendable, CaseIterable, Codable {
        case segment, region, branch, product
        var sql: String {
            switch self {
            case .segment, .region: rawValue
            case .branch: "primary_branch_name"
            case .product: "primary_product_group"
            }
        }
    }

    /// One month's count for one group.
    public struct MonthlyCount: Sendable, Codable, Equatable {
        /// `YYYY-MM`.
        public var month: String
        /// The segment, region, branch or product group.
        public var group: String
        /// How many.
        public var count: Int
    }

    /// One group's customers at risk today.
    public struct GroupRisk: Sendable, Codable, Equatable {
        /// The segment, region, branch or product group.
        public var group: String
        /// Customers in the HIGH and MEDIUM tiers.
        public var high: Int, medium: Int
    }

    /// Churn and risk by month, split one way: what the overview's trend charts show.
    public struct Trends: Sendable, Codable {
        /// The split.
        public var breakdown: Breakdown
        /// Customers who left, per month they left.
        public var churned: [MonthlyCount]
        /// HIGH-tier customers at each month's snapshot, as today's champion scores it.
        public var highRisk: [MonthlyCount]
        /// Customers at risk today.
        public var riskToday: [GroupRisk]
    }

    /// The overview's trends split by `breakdown`, over the latest `months` months.
    public func trends(by breakdown: Breakdown, months: Int = 12) async throws -> Trends {
        Trends(breakdown: breakdown, churned: try await churnByMonth(by: breakdown, months: months),
               highRisk: try await highRiskByMonth(by: breakdown, months: months), riskToday: try await riskBy(breakdown))
    }

    /// Customers who left, per month and group.
    public func churnByMonth(by breakdown: Breakdown, months: Int = 12) async throws -> [MonthlyCount] {
        let rows = try await warehouse.query("""
            SELECT SUBSTR(churned_on, 1, 7) AS month, COALESCE(\(breakdown.sql), 'unknown') AS grouping, COUNT(*) AS n
            FROM gold.customer_360 WHERE churned_on IS NOT NULL
            GROUP BY SUBSTR(churned_on, 1, 7), COALESCE(\(breakdown.sql), 'unknown') ORDER BY 1, 2
            """).map(Self.monthlyCount)
        return Self.latest(months, of: rows)
    }

    /// HIGH-tier customers per snapshot month and group, from gold.churn_risk_history.
    public func highRiskByMonth(by breakdown: Breakdown, months: Int = 12) async throws -> [MonthlyCount] {
        guard try await warehouse.tableExists(TableName(.gold, "churn_risk_history")) else { return [] }
        let rows = try await warehouse.query("""
            SELECT SUBSTR(h.cutoff_date, 1, 7) AS month, COALESCE(c.\(breakdown.sql), 'unknown') AS grouping, COUNT(*) AS n
            FROM gold.churn_risk_history h JOIN gold.customer_360 c ON c.customer_key = h.customer_key
            WHERE h.risk_tier = 'HIGH'
            GROUP BY SUBSTR(h.cutoff_date, 1, 7), COALESCE(c.\(breakdown.sql), 'unknown') ORDER BY 1, 2
            """).map(Self.monthlyCount)
        return Self.latest(months, of: rows)
    }

    /// Customers at risk per group today, by tier, most HIGH first.
    public func riskBy(_ breakdown: Breakdown) async throws -> [GroupRisk] {
        guard try await warehouse.tableExists(TableName(.gold, "churn_predictions")) else { return [] }
        return try await warehouse.query("""
            SELECT COALESCE(c.\(breakdown.sql), 'unknown') AS grouping,
                   SUM(CASE WHEN p.risk_tier = 'HIGH' THEN 1 ELSE 0 END) AS high,
                   SUM(CASE WHEN p.risk_tier = 'MEDIUM' THEN 1 ELSE 0 END) AS medium
            FROM gold.churn_predictions p JOIN gold.customer_360 c ON c.customer_key = p.customer_key
            GROUP BY COALESCE(c.\(breakdown.sql), 'unknown') ORDER BY 2 DESC, 1
            """).map { GroupRisk(group: $0.string("grouping") ?? "", high: $0.int("high") ?? 0, medium: $0.int("medium") ?? 0) }
    }

    private static func monthlyCount(_ row: Row) -> MonthlyCount {
        MonthlyCount(month: row.string("month") ?? "", group: row.string("grouping") ?? "", count: row.int("n") ?? 0)
    }

    /// The rows of the latest `months` months that have any.
    private static func latest(_ months: Int, of rows: [MonthlyCount]) -> [MonthlyCount] {
        let kept = Set(Set(rows.map(\.month)).sorted().suffix(months))
        return rows.filter { kept.contains($0.month) }
    }
}
