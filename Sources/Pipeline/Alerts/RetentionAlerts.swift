import Foundation
import Logging
import TenureCore
import Warehouse

/// Sends the retention team an alert for each customer in the HIGH tier who has not been alerted
/// within `cooldown_days`, likeliest leavers first, and records each in `ops.alerts`.
///
/// A customer entering HIGH is alerted on the first run that scores them there; one who stays
/// HIGH is alerted again only after the cool-down. An alert is recorded as `pending` before it is
/// sent and `sent` after, and a pending one counts as sent: a run killed between the two never
/// makes the next run send the same customer twice. Alerts that failed are tried again next run.
public struct RetentionAlerts: Sendable {
    /// Every alert, one row per customer per attempt.
    public static let table = TableName(.ops, "alerts")

    let warehouse: any Warehouse
    let channel: any AlertChannel
    let settings: PipelineSettings.AlertSettings
    let logger: Logger

    /// Alerts from `warehouse`'s predictions through `channel`.
    public init(warehouse: any Warehouse, channel: any AlertChannel, settings: PipelineSettings.AlertSettings, logger: Logger) {
        self.warehouse = warehouse
        self.channel = channel
        self.settings = settings
        self.logger = logger
    }

    /// What one run's alerts came to.
    public struct Summary: Sendable, Equatable, CustomStringConvertible {
        /// Customers due an alert, sent ones, failed ones, and those left for the next run by the per-run limit.
        public var candidates = 0, sent = 0, failed = 0, deferred = 0
        /// The first failure's message.
        public var firstProblem: String?

        public var description: String {
            var text = "\(sent) of \(candidates) customers newly at HIGH risk alerted"
            if failed > 0 { text += ", \(failed) failed (\(firstProblem ?? "")); they are tried again next run" }
            if deferred > 0 { text += ", \(deferred) left for the next run" }
            return text
        }
    }

    /// Creates `ops.alerts` when missing.
    public func prepare() async throws {
        try await warehouse.createTable(Self.table, columns: [
            ColumnDefinition("alert_id", .text, isNullable: false), ColumnDefinition("run_id", .text), ColumnDefinition("customer_key", .text, isNullable: false),
            ColumnDefinition("channel", .text), ColumnDefinition("status", .text, isNullable: false), ColumnDefinition("churn_probability", .real),
            ColumnDefinition("risk_tier", .text), ColumnDefinition("model_version", .text), ColumnDefinition("created_at", .text),
            ColumnDefinition("sent_at", .text), ColumnDefinition("external_id", .text), ColumnDefinition("message", .text),
        ], ifNotExists: true)
        try await warehouse.createIndex("ux_alerts_alert", on: Self.table, columns: ["alert_id"], unique: true)
        try await warehouse.createIndex("ix_alerts_customer", on: Self.table, columns: ["customer_key", "created_at"])
    }

    /// Sends this run's alerts.
    public func send(runID: String, at time: Date) async throws -> Summary {
        try await prepare()
        let predictions = TableName(.gold, "churn_predictions"), xref = TableName(.silver, "customer_xref")
        guard try await warehouse.tableExists(predictions) else { return Summary() }
        let since = Timestamp.iso(time.addingTimeInterval(-Double(settings.cooldownDays) * 86_400))
        let hasXref = try await warehouse.tableExists(xref)
        let contact = hasXref
            ? "(SELECT MIN(x.source_id) FROM \(xref.sql) x WHERE x.customer_key = p.customer_key AND x.source_system = 'salesforce')"
            : "NULL"
        let rows = try await warehouse.query("""
            SELECT p.customer_key, p.churn_probability, p.risk_tier, p.reason_1, p.reason_2, p.reason_3, p.recommended_action,
                   p.model_version, p.cutoff_date, \(contact) AS salesforce_contact_id
            FROM \(predictions.sql) p
            WHERE p.risk_tier = 'HIGH'
              AND NOT EXISTS (SELECT 1 FROM \(Self.table.sql) a WHERE a.customer_key = p.customer_key
                              AND a.status IN ('sent', 'pending') AND a.created_at >= ?)
            ORDER BY p.churn_probability DESC, p.customer_key
            """, [.text(since)])
        var summary = Summary(candidates: rows.count, deferred: max(0, rows.count - settings.maximumPerRun))
        var failuresInARow = 0
        for (index, row) in rows.prefix(settings.maximumPerRun).enumerated() {
            // A receiver that fails three times in a row is down: stop knocking, try again next run.
            if failuresInARow == 3 {
                summary.deferred += min(rows.count, settings.maximumPerRun) - index
                break
            }
            let customer = row.string("customer_key") ?? ""
            let alert = RetentionAlert(
                alertID: "\(runID)-\(customer)", customerKey: customer, salesforceContactID: row.string("salesforce_contact_id"),
                churnProbability: row.double("churn_probability") ?? 0, riskTier: row.string("risk_tier") ?? "HIGH",
                reasons: ["reason_1", "reason_2", "reason_3"].compactMap { row.string($0) },
                recommendedAction: row.string("recommended_action") ?? "", modelVersion: row.string("model_version") ?? "",
                cutoffDate: row.string("cutoff_date") ?? "", runID: runID)
            try await warehouse.execute(
                "INSERT INTO \(Self.table.sql) (alert_id, run_id, customer_key, channel, status, churn_probability, risk_tier, model_version, created_at) VALUES (?, ?, ?, ?, 'pending', ?, ?, ?, ?)",
                [.text(alert.alertID), .text(runID), .text(customer), .text(channel.name), .real(alert.churnProbability), .text(alert.riskTier),
                 .text(alert.modelVersion), .text(Timestamp.iso(time))])
            do {
                let external = try await channel.deliver(alert)
                try await warehouse.execute("UPDATE \(Self.table.sql) SET status = 'sent', sent_at = ?, external_id = ? WHERE alert_id = ?",
                                            [.text(Timestamp.iso(Date())), external.map(SQLValue.text) ?? .null, .text(alert.alertID)])
                summary.sent += 1
                failuresInARow = 0
            } catch {
                failuresInARow += 1
                let message = String(describing: error).split(separator: "\n").first.map(String.init) ?? "failed"
                try await warehouse.execute("UPDATE \(Self.table.sql) SET status = 'failed', message = ? WHERE alert_id = ?",
                                            [.text(message), .text(alert.alertID)])
                summary.failed += 1
                summary.firstProblem = summary.firstProblem ?? message
                logger.warning("alert not delivered", metadata: ["alert": "\(alert.alertID)", "channel": "\(channel.name)", "error": "\(message)"])
            }
        }
        return summary
    }
}
