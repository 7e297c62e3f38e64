import Foundation
import TenureCore

/// One feature of `gold.churn_features` the model learns from, and how a retention agent reads it.
public struct ChurnFeature: Sendable, Hashable {
    /// What part of the relationship a feature speaks of; it decides the action a reason calls for.
    public enum Theme: String, Sendable, Hashable {
        /// Complaints, cases and satisfaction.
        case service
        /// Balances, transactions and products.
        case money
        /// The mobile app.
        case digital
        /// Who the customer is and what their relationship manager writes.
        case relationship
    }

    /// The column's name.
    public let name: String
    /// What part of the relationship it speaks of.
    public let theme: Theme
    /// The value in plain words: `3 complaints in the last 90 days`.
    public let phrase: @Sendable (Double) -> String
    /// The words for a missing value (no login ever, no balance 90 days ago).
    public let missing: String

    /// A feature named `name`.
    public init(_ name: String, _ theme: Theme, missing: String, phrase: @escaping @Sendable (Double) -> String) {
        self.name = name
        self.theme = theme
        self.phrase = phrase
        self.missing = missing
    }

    /// The reason this feature's `value` gives, in words (a NaN value is a missing one).
    public func reason(_ value: Double) -> String { value.isNaN ? missing : phrase(value) }

    public static func == (lhs: ChurnFeature, rhs: ChurnFeature) -> Bool { lhs.name == rhs.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }
}

extension ChurnFeature {
    /// The features, in the model's column order.
    public static let all: [ChurnFeature] = [
        ChurnFeature("tenure_months", .relationship, missing: "customer since an unknown date") { "customer for \(count($0 / 12, "year"))" },
        ChurnFeature("age_years", .relationship, missing: "age unknown") { "aged \(Int($0))" },
        ChurnFeature("is_premier", .relationship, missing: "segment unknown") { $0 >= 0.5 ? "a Premier customer" : "not a Premier customer" },
        ChurnFeature("is_private_banking", .relationship, missing: "segment unknown") {
            $0 >= 0.5 ? "a Private Banking customer" : "not a Private Banking customer"
        },
        ChurnFeature("balance", .money, missing: "no balance") { "balance of \(money($0))" },
        ChurnFeature("balance_trend_90d", .money, missing: "no positive balance 90 days ago") { change($0, "balance", "in 90 days") },
        ChurnFeature("transactions_last_90d", .money, missing: "no transactions") { "\(count($0, "transaction")) in the last 90 days" },
        ChurnFeature("transaction_frequency_change", .money, missing: "no transactions in the quarter before") {
            change($0, "transactions", "vs the previous quarter")
        },
        ChurnFeature("outflow_share_90d", .money, missing: "no transactions in the last 90 days") {
            "\(percent($0)) of the last 90 days' transactions were money going out"
        },
        ChurnFeature("days_since_last_transaction", .money, missing: "no transaction ever") { "no transaction for \(count($0, "day"))" },
        ChurnFeature("product_count", .money, missing: "no products used") { "\(count($0, "product")) used" },
        ChurnFeature("complaints_last_30_days", .service, missing: "no complaints") { "\(count($0, "complaint")) in the last 30 days" },
        ChurnFeature("complaints_last_90_days", .service, missing: "no complaints") { "\(count($0, "complaint")) in the last 90 days" },
        ChurnFeature("complaints_lifetime", .service, missing: "no complaints") { "\(count($0, "complaint")) in all" },
        ChurnFeature("open_cases", .service, missing: "no open cases") { "\(count($0, "case")) still open" },
        ChurnFeature("escalations_last_180_days", .service, missing: "no escalations") { "\(count($0, "escalated case")) in the last 6 months" },
        ChurnFeature("days_since_last_complaint_resolved", .service, missing: "no complaint resolved yet") {
            "last complaint resolved \(count($0, "day")) ago"
        },
        ChurnFeature("avg_case_satisfaction", .service, missing: "never rated a case") { String(format: "rated service %.1f of 5 on average", $0) },
        ChurnFeature("branch_satisfaction_score", .service, missing: "branch not rated in the past year") {
            String(format: "their branch rated %.1f of 5 over the past year", $0)
        },
        ChurnFeature("app_logins_last_30_days", .digital, missing: "no app logins") { "\(count($0, "app login")) in the last 30 days" },
        ChurnFeature("app_logins_last_90_days", .digital, missing: "no app logins") { "\(count($0, "app login")) in the last 90 days" },
        ChurnFeature("app_login_frequency_change", .digital, missing: "no app logins in the quarter before") {
            change($0, "app logins", "vs the previous quarter")
        },
        ChurnFeature("days_since_last_login", .digital, missing: "no app login in the past year") { "no app login for \(count($0, "day"))" },
        ChurnFeature("app_events_per_session_90d", .digital, missing: "no app sessions in the last 90 days") {
            String(format: "%.1f actions per app session", $0)
        },
        ChurnFeature("support_contacts_last_90_days", .service, missing: "no support contacts in the app") {
            "\(count($0, "support contact")) in the app in the last 90 days"
        },
        ChurnFeature("negative_notes_last_180_days", .relationship, missing: "no negative notes") {
            "\(count($0, "negative note")) from the relationship manager in 6 months"
        },
        ChurnFeature("warning_notes_last_180_days", .relationship, missing: "no warning notes") {
            "\(count($0, "warning note")) from the relationship manager in 6 months"
        },
        ChurnFeature("positive_notes_last_180_days", .relationship, missing: "no positive notes") {
            "\(count($0, "positive note")) from the relationship manager in 6 months"
        },
        ChurnFeature("interactions_last_90_days", .relationship, missing: "no contact from the bank") {
            "\(count($0, "contact")) from the bank in the last 90 days"
        },
        ChurnFeature("days_since_last_activity", .relationship, missing: "no activity on record") { "last active \(count($0, "day")) ago" },
    ]

    /// The feature named `name`.
    public static func named(_ name: String) -> ChurnFeature? { all.first { $0.name == name } }

    static func count(_ value: Double, _ noun: String) -> String {
        let whole = Int(value.rounded())
        return "\(whole) \(noun)\(whole == 1 ? "" : "s")"
    }

    static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }

    static func money(_ amount: Double) -> String { MoneyText.dollars(amount) }

    /// `app logins down 70% vs the previous quarter`, `balance up 12% in 90 days`.
    static func change(_ ratio: Double, _ subject: String, _ period: String) -> String {
        if abs(ratio) < 0.005 { return "\(subject) unchanged \(period)" }
        return "\(subject) \(ratio < 0 ? "down" : "up") \(percent(abs(ratio))) \(period)"
    }
}
