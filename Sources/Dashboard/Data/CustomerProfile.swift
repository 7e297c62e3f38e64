import Foundation
import TenureCore
import Warehouse

/// Everything the bank knows about one customer, for the Customer 360 page and its API.
public struct CustomerProfile: Sendable, Codable {
    /// One record in a source system that belongs to the customer.
    public struct LinkedRecord: Sendable, Codable {
        public var system: String, entity: String, sourceID: String, matchRule: String?
    }

    /// The champion's view of the customer at one monthly snapshot.
    public struct RiskPoint: Sendable, Codable {
        public var cutoff: String, probability: Double, tier: String
        /// Whether they left within the horizon, once known.
        public var churned: Bool?
    }

    /// One dated event: a transaction, a case, an app session, a note, an outreach.
    public struct Event: Sendable, Codable {
        public var day: String, kind: String, detail: String
    }

    public var customerKey: String
    public var name: String?
    public var email: String?
    public var phone: String?
    public var customerSince: String?
    public var branch: String?
    public var region: String?
    public var segment: String?
    public var product: String?
    public var status: String?
    public var balance: Double?
    public var ruleFlag: String?
    public var probability: Double?
    public var tier: String?
    public var reasons: [String]
    public var action: String?
    public var modelVersion: String?
    public var riskHistory: [RiskPoint]
    public var records: [LinkedRecord]
    public var timeline: [Event]

    /// The profile of `customerKey`, or nil when there is no such customer.
    public static func load(_ customerKey: String, from warehouse: any SQLExecutor, events: Int = 60) async throws -> CustomerProfile? {
        guard let row = try await warehouse.query("SELECT * FROM gold.customer_360 WHERE customer_key = ?", [.text(customerKey)]).first else {
            return nil
        }
        var profile = CustomerProfile(
            customerKey: customerKey, name: row.string("full_name"), email: row.string("email"), phone: row.string("phone"),
            customerSince: row.string("customer_since"), branch: row.string("primary_branch_name"), region: row.string("region"),
            segment: row.string("segment"), product: row.string("primary_product"), status: row.string("status"), balance: row.double("total_balance"),
            ruleFlag: row.string("churn_risk_flag"), probability: nil, tier: nil, reasons: [], action: nil, modelVersion: nil,
            riskHistory: [], records: [], timeline: [])
        if try await warehouse.tableExists(TableName(.gold, "churn_predictions")),
           let prediction = try await warehouse.query("SELECT * FROM gold.churn_predictions WHERE customer_key = ?", [.text(customerKey)]).first {
            profile.probability = prediction.double("churn_probability")
            profile.tier = prediction.string("risk_tier")
            profile.reasons = ["reason_1", "reason_2", "reason_3"].compactMap { prediction.string($0) }
            profile.action = prediction.string("recommended_action")
            profile.modelVersion = prediction.string("model_version")
        }
        if try await warehouse.tableExists(TableName(.gold, "churn_risk_history")) {
            profile.riskHistory = try await warehouse.query("""
                SELECT cutoff_date, churn_probability, risk_tier, churned_in_horizon FROM gold.churn_risk_history
                WHERE customer_key = ? ORDER BY cutoff_date
                """, [.text(customerKey)]).map {
                RiskPoint(cutoff: $0.string("cutoff_date") ?? "", probability: $0.double("churn_probability") ?? .nan,
                          tier: $0.string("risk_tier") ?? "", churned: $0.int("churned_in_horizon").map { $0 == 1 })
            }
        }
        profile.records = try await warehouse.query("""
            SELECT source_system, source_entity, source_id, match_rule FROM silver.customer_xref WHERE customer_key = ?
            ORDER BY source_system, source_id
            """, [.text(customerKey)]).map {
            LinkedRecord(system: $0.string("source_system") ?? "", entity: $0.string("source_entity") ?? "",
                         sourceID: $0.string("source_id") ?? "", matchRule: $0.string("match_rule"))
        }
        let key: [SQLValue] = [.text(customerKey)]
        var timeline: [Event] = []
        for row in try await warehouse.query("""
            SELECT transaction_date AS day, description, amount, product_code FROM silver.fct_transactions
            WHERE customer_key = ? ORDER BY transaction_date DESC LIMIT \(events)
            """, key) {
            timeline.append(Event(day: row.string("day") ?? "", kind: "transaction",
                                  detail: "\(row.string("description") ?? "") \(row.string("product_code") ?? "") \(Format.money(row.double("amount") ?? 0))"))
        }
        for row in try await warehouse.query("""
            SELECT opened_on AS day, case_type, subject, status, satisfaction_score FROM silver.fct_complaints
            WHERE customer_key = ? ORDER BY opened_on DESC LIMIT \(events)
            """, key) {
            let rating = row.double("satisfaction_score").map { ", rated \(Int($0))/5" } ?? ""
            timeline.append(Event(day: row.string("day") ?? "", kind: "case",
                                  detail: "\(row.string("case_type") ?? ""): \(row.string("subject") ?? "") (\(row.string("status") ?? "")\(rating))"))
        }
        for row in try await warehouse.query("""
            SELECT session_date AS day, platform, device_type FROM silver.fct_app_sessions
            WHERE customer_key = ? ORDER BY session_date DESC LIMIT \(events)
            """, key) {
            timeline.append(Event(day: row.string("day") ?? "", kind: "app session", detail: "\(row.string("platform") ?? "") \(row.string("device_type") ?? "")"))
        }
        for row in try await warehouse.query("""
            SELECT note_date AS day, note_type, note, relationship_manager FROM silver.fct_customer_notes
            WHERE customer_key = ? ORDER BY note_date DESC LIMIT \(events)
            """, key) {
            timeline.append(Event(day: row.string("day") ?? "", kind: "note (\(row.string("note_type") ?? ""))",
                                  detail: "\(row.string("relationship_manager") ?? ""): \(row.string("note") ?? "")"))
        }
        for entry in try await RetentionOutreach(warehouse).history(of: customerKey) {
            timeline.append(Event(day: String(entry.at.prefix(10)), kind: "outreach",
                                  detail: "\(entry.agent): \(entry.outcome)\(entry.offer.map { ", \($0)" } ?? "")\(entry.note.map { " — \($0)" } ?? "")"))
        }
        profile.timeline = timeline.sorted { $0.day > $1.day }
        return profile
    }
}

/// Number formats the pages share.
enum Format {
    static func money(_ amount: Double) -> String { MoneyText.dollars(amount) }

    static func count(_ value: Int) -> String { money(Double(value)).replacingOccurrences(of: "$", with: "") }

    static func percent(_ share: Double?, digits: Int = 1) -> String {
        guard let share, share.isFinite else { return "—" }
        return String(format: "%.\(digits)f%%", share * 100)
    }
}
