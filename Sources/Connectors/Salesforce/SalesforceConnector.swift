import AsyncHTTPClient
import Foundation
import TenureCore

/// Extracts Salesforce objects through the REST API: an OAuth token (the client-credentials
/// flow, or the legacy username-password flow when a username is given), `describe` for the
/// object's fields, then one SOQL query ordered by `SystemModstamp, Id` from the watermark,
/// followed page by page through `nextRecordsUrl`.
public struct SalesforceConnector: Connector {
    public let system = SourceSystem.salesforce
    public let statistics = ExtractionStatistics()
    let loginURL: String
    let apiVersion: String
    let session: HTTPSession
    let authorizer: OAuthAuthorizer

    /// A connector signing in at `loginURL` (the org's My Domain) as a connected app.
    public init(loginURL: String, clientID: String, clientSecret: String, username: String? = nil, password: String? = nil,
                apiVersion: String = "v59.0", client: HTTPClient = .shared, policy: RetryPolicy = RetryPolicy()) {
        let login = loginURL.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        self.loginURL = login
        self.apiVersion = apiVersion
        let authorizer = OAuthAuthorizer { session throws(ConnectorError) in
            var form = [("client_id", clientID), ("client_secret", clientSecret)]
            if let username, let password {
                form = [("grant_type", "password")] + form + [("username", username), ("password", password)]
            } else {
                form = [("grant_type", "client_credentials")] + form
            }
            let answer: HTTPAnswer
            do {
                answer = try await session.send(.POST, "\(login)/services/oauth2/token", headers: [("Content-Type", "application/x-www-form-urlencoded")],
                                                body: formBody(form), authenticated: false)
            } catch let error as ConnectorError where error.message.contains("answered HTTP 400") {
                // The token endpoint answers 400 for wrong credentials.
                throw ConnectorError(error.message.replacingOccurrences(of: "answered HTTP 400", with: "refused the sign-in (HTTP 400)")
                                     + " (check SALESFORCE_CLIENT_ID and SALESFORCE_CLIENT_SECRET)")
            } catch let error as ConnectorError {
                throw error
            } catch {
                throw ConnectorError("salesforce: \(error)")
            }
            guard let object = try? JSONSerialization.jsonObject(with: Data(answer.body)) as? [String: Any],
                  let token = object["access_token"] as? String else {
                throw ConnectorError("salesforce: the token answer has no access_token")
            }
            return .init(accessToken: token, instanceURL: (object["instance_url"] as? String)?.trimmingCharacters(in: CharacterSet(charactersIn: "/")))
        }
        self.authorizer = authorizer
        session = HTTPSession(system: .salesforce, client: client, policy: policy, statistics: statistics, authorizer: authorizer,
                              credentialNames: "SALESFORCE_CLIENT_ID and SALESFORCE_CLIENT_SECRET")
    }

    public var origin: String { "salesforce:\(loginURL)" }

    public func extract(_ entity: SourceEntity, since watermark: String?) throws(ConnectorError) -> RecordPages {
        let state = QueryState()
        return RecordPages { [self] in
            guard !state.done else { return nil }
            let instance = try await authorizer.current(using: session).instanceURL ?? loginURL
            let url: String
            if let next = state.nextURL {
                url = instance + next
            } else {
                url = "\(instance)/services/data/\(apiVersion)/query?q=" + queryValue(try await soql(for: entity, since: watermark, instance: instance))
            }
            let answer = try await session.send(.GET, url)
            guard let members = JSONSpans.members(of: answer.body), let records = members.first(where: { $0.name == "records" }) else {
                throw ConnectorError("salesforce: the query answer for \(entity.apiName) has no records")
            }
            let array = Array(answer.body[records.value])
            let page = (JSONSpans.elements(of: array) ?? []).map { RawRecord(payload: Array(array[$0]), format: .jsonObject) }
            let done = members.first { $0.name == "done" }.map { String(decoding: answer.body[$0.value], as: UTF8.self) } != "false"
            state.move(to: done ? nil : members.first { $0.name == "nextRecordsUrl" }.flatMap { JSONSpans.scalarText(answer.body[$0.value]) })
            return page.isEmpty && state.done ? nil : statistics.counted(RecordPage(records: page))
        }
    }

    /// Creates a Task (a retention alert for the team's queue) and returns its Id. `fields` are
    /// the Task's API fields (`Subject` is required; `WhoId`, `ActivityDate`, `Priority`,
    /// `Description`…), sent as given.
    public func createTask(_ fields: [String: String]) async throws(ConnectorError) -> String {
        let instance = try await authorizer.current(using: session).instanceURL ?? loginURL
        let body: Data
        do { body = try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]) } catch {
            throw ConnectorError("salesforce: the Task's fields cannot be written as JSON")
        }
        let answer = try await session.send(.POST, "\(instance)/services/data/\(apiVersion)/sobjects/Task",
                                            headers: [("Content-Type", "application/json")], body: Array(body))
        guard let object = try? JSONSerialization.jsonObject(with: Data(answer.body)) as? [String: Any], let id = object["id"] as? String else {
            throw ConnectorError("salesforce: the answer to creating a Task has no id")
        }
        return id
    }

    /// `SELECT every field FROM Object [WHERE SystemModstamp >= watermark] ORDER BY SystemModstamp, Id`.
    private func soql(for entity: SourceEntity, since watermark: String?, instance: String) async throws(ConnectorError) -> String {
        let answer = try await session.send(.GET, "\(instance)/services/data/\(apiVersion)/sobjects/\(entity.apiName)/describe")
        guard let object = try? JSONSerialization.jsonObject(with: Data(answer.body)) as? [String: Any],
              let fields = (object["fields"] as? [[String: Any]])?.compactMap({ $0["name"] as? String }), !fields.isEmpty else {
            throw ConnectorError("salesforce: describe of \(entity.apiName) lists no fields")
        }
        let change = entity.changeField ?? "SystemModstamp"
        var text = "SELECT \(fields.joined(separator: ", ")) FROM \(entity.apiName)"
        if let watermark { text += " WHERE \(change) >= \(Self.literal(watermark))" }
        return text + " ORDER BY \(change) ASC, Id ASC"
    }

    /// A record's dateTime (`2024-01-15T09:23:45.000+0000`) as a SOQL literal (`2024-01-15T09:23:45Z`),
    /// cut to the second: with `>=` that only re-reads a few records bronze already holds.
    static func literal(_ value: String) -> String {
        let second = value.prefix(19)
        return second.count == 19 && value.hasSuffix("+0000") ? "\(second)Z" : value
    }
}

/// Where a query stands: its next page's URL, or done.
private final class QueryState: @unchecked Sendable {
    private let lock = NSLock()
    private var next: String?
    private var finished = false

    var nextURL: String? { lock.withLock { next } }
    var done: Bool { lock.withLock { finished } }

    func move(to url: String?) {
        lock.withLock {
            next = url
            finished = url == nil
        }
    }
}
