import AsyncHTTPClient
import Connectors
import Foundation
import NIOCore

/// A customer the retention team should call: newly in the HIGH tier.
public struct RetentionAlert: Sendable, Equatable, Codable {
    /// The alert's identifier, stable across retries (receivers may use it to recognise a repeat).
    public let alertID: String
    /// The customer's key in silver and gold.
    public let customerKey: String
    /// The customer's Salesforce Contact, when entity resolution found one.
    public let salesforceContactID: String?
    /// The probability of leaving within the horizon, and its tier.
    public let churnProbability: Double, riskTier: String
    /// Why, in the retention team's words (up to three).
    public let reasons: [String]
    /// What to do.
    public let recommendedAction: String
    /// The model that scored the customer, and the day it scored as of.
    public let modelVersion: String, cutoffDate: String
    /// The pipeline run that raised the alert.
    public let runID: String

    enum CodingKeys: String, CodingKey {
        case alertID = "alert_id", customerKey = "customer_key", salesforceContactID = "salesforce_contact_id"
        case churnProbability = "churn_probability", riskTier = "risk_tier", reasons, recommendedAction = "recommended_action"
        case modelVersion = "model_version", cutoffDate = "cutoff_date", runID = "run_id"
    }
}

/// Where alerts to the retention team go.
public protocol AlertChannel: Sendable {
    /// The channel's name as `ops.alerts` records it.
    var name: String { get }
    /// Delivers `alert`; returns the receiver's identifier for it (a Task Id), if it gives one.
    func deliver(_ alert: RetentionAlert) async throws -> String?
}

/// Alerts as Salesforce Tasks on the customer's Contact, through the Salesforce connector.
public struct SalesforceTaskChannel: AlertChannel {
    let connector: SalesforceConnector
    /// Days from the alert to the Task's due date.
    public var dueInDays = 3
    public var name: String { "salesforce" }

    /// Tasks created with `connector`.
    public init(connector: SalesforceConnector) { self.connector = connector }

    public func deliver(_ alert: RetentionAlert) async throws -> String? {
        let due = Calendar(identifier: .gregorian).date(byAdding: .day, value: dueInDays, to: Date()) ?? Date()
        var fields = [
            "Subject": "Retention call: HIGH churn risk (\(Int((alert.churnProbability * 100).rounded()))%)",
            "Priority": "High",
            "Status": "Not Started",
            "ActivityDate": String(ISO8601DateFormatter.string(from: due, timeZone: .gmt, formatOptions: [.withFullDate])),
            "Description": (["Why: " + alert.reasons.joined(separator: "; "), "Action: " + alert.recommendedAction,
                             "Customer \(alert.customerKey), scored by \(alert.modelVersion) as of \(alert.cutoffDate).",
                             "Tenure alert \(alert.alertID)"]).joined(separator: "\n"),
        ]
        if let contact = alert.salesforceContactID { fields["WhoId"] = contact }
        return try await connector.createTask(fields)
    }
}

/// Alerts as JSON POSTs to a webhook (a chat channel, a ticketing system, the bank's own service),
/// one per customer, with an `Idempotency-Key` header so a receiver can recognise a repeat.
public struct WebhookChannel: AlertChannel {
    let url: String
    let client: HTTPClient
    /// How many times a delivery is tried when the receiver fails or cannot be reached.
    public var attempts = 3
    public var name: String { "webhook" }

    /// POSTs to `url`, which must be http or https.
    public init(url: String, client: HTTPClient = .shared) throws {
        guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""), parsed.host != nil else {
            throw PipelineError("the alert webhook's URL is not an http(s) URL")
        }
        self.url = url
        self.client = client
    }

    public func deliver(_ alert: RetentionAlert) async throws -> String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let body = try encoder.encode(alert)
        var problem = ""
        for attempt in 1...max(1, attempts) {
            var request = HTTPClientRequest(url: url)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.headers.add(name: "Idempotency-Key", value: alert.alertID)
            request.body = .bytes(ByteBuffer(bytes: body))
            do {
                let response = try await client.execute(request, timeout: .seconds(30))
                _ = try await response.body.collect(upTo: 1 << 20)
                switch response.status.code {
                case 200..<300: return nil
                case 429, 500..<600: problem = "HTTP \(response.status.code)"
                default: throw PipelineError("the alert webhook answered HTTP \(response.status.code)")
                }
            } catch let error as PipelineError {
                throw error
            } catch {
                // Transport errors can name the URL, which may hold a token: say only what kind.
                problem = "no answer (\(type(of: error)))"
            }
            if attempt < attempts { try await Task.sleep(for: .milliseconds(500 * attempt)) }
        }
        throw PipelineError("the alert webhook failed \(attempts) times (last: \(problem))")
    }
}
