import ChurnForecast
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
        /// At most this many entries; nil for all (an export).
        public var limit: Int? = 500
        /// Entries skipped before the first, for paging.
        public var offset = 0

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
            if let text = query["limit"], let value = Int(text), value > 0 { limit = value }
            if let text = query["offset"], let value = Int(text), value >= 0 { offset = value }
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

    /// What the workbench's page shows: the entries, how many the filter selects in all, and the filters' choices.
    public struct Page: Sendable {
        public var entries: [Entry], total: Int, choices: Choices
    }

    /// The page `filter` asks for, reading the outreach log once for all three parts.
    public func page(_ filter: Filter) async throws -> Page {
        let outreach = try await RetentionOutreach(warehouse).latestByCustomer()
        let choices = try await choices(owners: outreach)
        guard try await warehouse.tableExists(TableName(.gold, "churn_predictions")) else { return Page(entries: [], total: 0, choices: choices) }
        return Page(entries: try await entries(filter, outreach: outreach), total: try await count(filter, outreach: outreach), choices: choices)
    }

    /// The entries `filter` selects, up to its limit.
    public func entries(_ filter: Filter) async throws -> [Entry] {
        guard try await warehouse.tableExists(TableName(.gold, "churn_predictions")) else { return [] }
        return try await entries(filter, outreach: try await RetentionOutreach(warehouse).latestByCustomer())
    }

    private func entries(_ filter: Filter, outreach: [String: RetentionOutreach.Latest]) async throws -> [Entry] {
        guard let selection = Self.selection(filter, outreach: outreach) else { return [] }
        let order = "ORDER BY \(filter.sort.sql) \(filter.descending ? "DESC" : "ASC"), p.customer_key"
        let columns = """
            p.customer_key, c.full_name, c.email, c.phone, c.primary_branch_name, c.segment, c.total_balance,
            p.churn_probability, p.risk_tier, p.reason_1, p.reason_2, p.reason_3, p.recommended_action
            """
        let rows: [Row]
        if let limit = filter.limit, !selection.needsCustomers, filter.sort == .probability {
            // The common case — the riskiest first, filtered on the predictions alone — picks the
            // page from the predictions' (risk_tier, churn_probability) index, then joins only the
            // page's customers, instead of joining every customer at risk before sorting.
            rows = try await warehouse.query("""
                WITH page AS (SELECT p.customer_key FROM gold.churn_predictions p WHERE \(selection.condition) \(order) LIMIT \(limit) OFFSET \(filter.offset))
                SELECT \(columns)
                FROM page JOIN gold.churn_predictions p ON p.customer_key = page.customer_key
                JOIN gold.customer_360 c ON c.customer_key = p.customer_key
                \(order)
                """, selection.arguments)
        } else {
            rows = try await warehouse.query("""
                SELECT \(columns)
                FROM gold.churn_predictions p JOIN gold.customer_360 c ON c.customer_key = p.customer_key
                WHERE \(selection.condition) \(order) LIMIT \(filter.limit ?? Int(Int64.max)) OFFSET \(filter.offset)
                """, selection.arguments)
        }
        return rows.map { row in
            let key = row.string("customer_key") ?? ""
            let latest = outreach[key]
            return Entry(
                customerKey: key, name: row.string("full_name"), email: row.string("email"), phone: row.string("phone"),
                branch: row.string("primary_branch_name"), segment: row.string("segment"), balance: row.double("total_balance"),
                probability: row.double("churn_probability") ?? 0, tier: row.string("risk_tier") ?? "",
                reasons: ["reason_1", "reason_2", "reason_3"].compactMap { row.string($0) },
                action: row.string("recommended_action") ?? "", owner: latest?.agent, outreach: latest?.summary)
        }
    }

    /// How many customers `filter` selects, beyond any limit.
    private func count(_ filter: Filter, outreach: [String: RetentionOutreach.Latest]) async throws -> Int {
        guard let selection = Self.selection(filter, outreach: outreach) else { return 0 }
        let join = selection.needsCustomers ? " JOIN gold.customer_360 c ON c.customer_key = p.customer_key" : ""
        return try await warehouse.query("SELECT COUNT(*) AS n FROM gold.churn_predictions p\(join) WHERE \(selection.condition)",
                                         selection.arguments).first?.int("n") ?? 0
    }

    /// The WHERE clause and its bound values for `filter`, and whether it reads customer_360
    /// (alias `c`); nil when it can select no one.
    static func selection(_ filter: Filter, outreach: [String: RetentionOutreach.Latest]) -> (condition: String, arguments: [SQLValue], needsCustomers: Bool)? {
        guard !filter.tiers.isEmpty else { return nil }
        var conditions = ["p.risk_tier IN (\(filter.tiers.map { _ in "?" }.joined(separator: ", ")))"]
        var arguments: [SQLValue] = filter.tiers.map { .text($0) }
        if let branch = filter.branch { conditions.append("c.primary_branch_name = ?"); arguments.append(.text(branch)) }
        if let action = filter.action { conditions.append("p.recommended_action = ?"); arguments.append(.text(action)) }
        if let reason = filter.reason {
            conditions.append("(p.reason_1_feature = ? OR p.reason_2_feature = ? OR p.reason_3_feature = ?)")
            arguments += [.text(reason), .text(reason), .text(reason)]
        }
        if let owner = filter.owner {
            // The owner is the agent who last logged outreach; their customers are few, so bound one by one.
            let keys = outreach.filter { $0.value.agent == owner }.keys.sorted()
            guard !keys.isEmpty else { return nil }
            conditions.append("p.customer_key IN (\(keys.map { _ in "?" }.joined(separator: ", ")))")
            arguments += keys.map { .text($0) }
        }
        return (conditions.joined(separator: " AND "), arguments, filter.branch != nil)
    }

    /// What the list's filters offer: branches, actions, reasons (feature names) and owners present.
    public struct Choices: Sendable {
        public var branches: [String], actions: [String], reasons: [String], owners: [String]
    }

    /// The choices: the bank's branches, every action and reason the scorer can give, and the
    /// agents who have logged outreach. Read from small tables and the catalogue, not by scanning
    /// the predictions, so the list stays fast at any number of customers.
    private func choices(owners outreach: [String: RetentionOutreach.Latest]) async throws -> Choices {
        let branchTable = TableName(.silver, "dim_branch")
        let branches = try await warehouse.tableExists(branchTable)
            ? try await warehouse.query("SELECT branch_name AS b FROM \(branchTable.sql) WHERE branch_name IS NOT NULL ORDER BY 1").compactMap { $0.string("b") }
            : []
        return Choices(branches: branches, actions: RetentionAction.allCases.map(\.rawValue), reasons: ChurnFeature.all.map(\.name).sorted(),
                       owners: Set(outreach.values.map(\.agent)).sorted())
    }
}
