import Foundation
import Warehouse

/// The retention workbench's list: today's predictions with who the customer is, filtered and
/// sorted by what a request asks, within closed lists of columns.
public struct AtRiskList: Sendable {
    /// One customer on the list.
    public struct Entry: Sendable, Codable {
        public var customerKey: String
        public var name: String?
        public var email: String?
        public var phone: String?
        public var branch: String?
        public var segment: String?
        public var balance: Double?
        public var probability: Double
        public var tier: String
        public var reasons: [String]
        public var action: String
        public var owner: String?
        public var outreach: String?
    }

    /// What the list shows.
    public struct Filter: Sendable, Equatable {
        public var tiers: [String] = ["HIGH", "MEDIUM"]
        public var branch: String?
        public var action: String?
        public var reason: String?
        public var owner: String?
        public var sort: SortKey = .probability
        public var descending = true
        public var limit = 500

        /// Everything at risk, riskiest first.
        public init() {}

        /// The filter a query string asks for; unknown values fall back to the defaults.
        public init(query: [String: String]) {
            if let tier = query["tier"], !tier.isEmpty {
                tiers = tier.uppercased() == "ALL" ? ["HIGH", "MEDIUM", "LOW"] : tier.uppercased().split(separator: ",").map(String.init)
                    .filter { ["HIGH", "MEDIUM", "LOW"].contains($0) }
            }
            branch = query["branch"].flatMap { $0.isEmpty ? nil : $0 }
            action = query["action"].flatMap { $0.isEmpty ? nil : $0 }
            reason = query["reason"].flatMap { $0.isEmpty ? nil : $0 }
            owner = query["owner"].flatMap { $0.isEmpty ? nil : $0 }
            sort = query["sort"].flatMap(SortKey.init(rawValue:)) ?? .probability
            descending = query["dir"] != "asc"
            if let text = query["limit"], let value = Int(text), (1...50_000).contains(value) { limit = value }
        }
    }

    /// The columns the list sorts by.
    public enum SortKey: String, Sendable, CaseIterable {
        case probability, balance, name, branch
        var sql: String {
            switch self {
            case .probability: "p.churn_probability"
            case .balance: "c.total_balance"
            case .name: "c.full_name"
            case .branch: "c.primary_branch_name"
            }
        }
    }

    let warehouse: any SQLExecutor

    /// The list on `warehouse`.
    public init(_ warehouse: any SQLExecutor) { self.warehouse = warehouse }

    /// The entries `filter` selects.
    public func entries(_ filter: Filter) async throws -> [Entry] {
        guard try await warehouse.tableExists(TableName(.gold, "churn_predictions")) else { return [] }
        let outreach = try await RetentionOutreach(warehouse).latestByCustomer()
        var conditions = ["p.risk_tier IN (\(filter.tiers.map { _ in "?" }.joined(separator: ", ")))"]
        var arguments: [SQLValue] = filter.tiers.map { .text($0) }
        if let branch = filter.branch { conditions.append("c.primary_branch_name = ?"); arguments.append(.text(branch)) }
        if let action = filter.action { conditions.append("p.recommended_action = ?"); arguments.append(.text(action)) }
        if let reason = filter.reason {
            conditions.append("(p.reason_1_feature = ? OR p.reason_2_feature = ? OR p.reason_3_feature = ?)")
            arguments += [.text(reason), .text(reason), .text(reason)]
        }
        if filter.tiers.isEmpty { conditions = ["1 = 0"]; arguments = [] }
        let rows = try await warehouse.query("""
            SELECT p.customer_key, c.full_name, c.email, c.phone, c.primary_branch_name, c.segment, c.total_balance,
                   p.churn_probability, p.risk_tier, p.reason_1, p.reason_2, p.reason_3, p.recommended_action
            FROM gold.churn_predictions p JOIN gold.customer_360 c ON c.customer_key = p.customer_key
            WHERE \(conditions.joined(separator: " AND "))
            ORDER BY \(filter.sort.sql) \(filter.descending ? "DESC" : "ASC"), p.customer_key
            """, arguments)
        var entries: [Entry] = []
        for row in rows {
            let key = row.string("customer_key") ?? ""
            let latest = outreach[key]
            if let owner = filter.owner, latest?.agent != owner { continue }
            entries.append(Entry(
                customerKey: key, name: row.string("full_name"), email: row.string("email"), phone: row.string("phone"),
                branch: row.string("primary_branch_name"), segment: row.string("segment"), balance: row.double("total_balance"),
                probability: row.double("churn_probability") ?? 0, tier: row.string("risk_tier") ?? "",
                reasons: ["reason_1", "reason_2", "reason_3"].compactMap { row.string($0) },
                action: row.string("recommended_action") ?? "", owner: latest?.agent, outreach: latest?.summary))
            if entries.count == filter.limit { break }
        }
        return entries
    }

    /// The branches and actions present, for the filter's choices.
    public func choices() async throws -> (branches: [String], actions: [String]) {
        guard try await warehouse.tableExists(TableName(.gold, "churn_predictions")) else { return ([], []) }
        let branches = try await warehouse.query("SELECT DISTINCT primary_branch_name AS b FROM gold.customer_360 WHERE primary_branch_name IS NOT NULL ORDER BY 1")
            .compactMap { $0.string("b") }
        let actions = try await warehouse.query("SELECT DISTINCT recommended_action AS a FROM gold.churn_predictions ORDER BY 1").compactMap { $0.string("a") }
        return (branches, actions)
    }
}
