import Connectors
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Sandbox
import TenureCore
import Testing

/// The emulators' answers in each API's own shapes: envelopes, paging, counts, errors, tokens.
@Suite("The sandbox's API emulations")
struct EmulatorTests {
    /// With `ownStore`, a store of its own, which the test may change without touching the other tests' records.
    static func withClient(batchSize: Int = 2_000, ownStore: Bool = false,
                           _ body: @escaping @Sendable (any TestClientProtocol, SandboxCredentials) async throws -> Void) async throws {
        let fixture = try await SandboxTests.fixture.value
        let store = ownStore
            ? try await SandboxStore.open(bank: fixture.bank, file: FileManager.default.temporaryDirectory.appendingPathComponent("tenure-store-\(UUID().uuidString).sqlite"))
            : fixture.store
        var settings = SandboxServer.Settings()
        settings.salesforceBatchSize = batchSize
        var faults = FaultSettings()
        faults.tokenLifetimeRequests = 3
        settings.faults = faults
        let sandbox = SandboxServer(store: store, credentials: fixture.credentials, settings: settings, logger: SandboxTests.logger)
        try await sandbox.application().test(.router) { client in try await body(client, fixture.credentials) }
    }

    static func json(_ response: TestResponse) -> Any? { try? JSONSerialization.jsonObject(with: Data(buffer: response.body)) }

    static func form(_ fields: [(String, String)]) -> ByteBuffer {
        ByteBuffer(string: fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&"))
    }

    @Test func erpnextListsPagesAndDocumentsLikeFrappe() async throws {
        try await Self.withClient { client, credentials in
            let auth: HTTPFields = [.authorization: "token \(credentials.erpnextKey):\(credentials.erpnextSecret)"]
            let names = try await client.execute(uri: "/api/resource/Customer?limit_page_length=5&order_by=name%20asc", method: .get, headers: auth)
            let data = try #require((Self.json(names) as? [String: Any])?["data"] as? [[String: Any]])
            #expect(data.count == 5 && data.allSatisfy { $0.keys.sorted() == ["name"] }, "without fields, only name")
            let listed = try await client.execute(uri: "/api/resource/Sales%20Invoice?fields=%5B%22*%22%5D&limit_page_length=1", method: .get, headers: auth)
            let invoice = try #require(((Self.json(listed) as? [String: Any])?["data"] as? [[String: Any]])?.first)
            #expect(invoice["items"] == nil, "list rows carry no child tables")
            let name = try #require(invoice["name"] as? String)
            let one = try await client.execute(uri: "/api/resource/Sales%20Invoice/\(name)", method: .get, headers: auth)
            let document = try #require((Self.json(one) as? [String: Any])?["data"] as? [String: Any])
            let items = try #require(document["items"] as? [[String: Any]])
            #expect(!items.isEmpty && items.allSatisfy { $0["parent"] as? String == name })

            let wrong = try await client.execute(uri: "/api/resource/Customer", method: .get, headers: [.authorization: "token nope:nope"])
            #expect(wrong.status == .unauthorized && (Self.json(wrong) as? [String: Any])?["exc_type"] as? String == "AuthenticationError")
            let missing = try await client.execute(uri: "/api/resource/Customer/CUST-NOPE", method: .get, headers: auth)
            #expect(missing.status == .notFound && (Self.json(missing) as? [String: Any])?["exc_type"] as? String == "DoesNotExistError")
            let invalid = try await client.execute(uri: "/api/resource/Customer?filters=not-json", method: .get, headers: auth)
            #expect(invalid.status == .expectationFailed && (Self.json(invalid) as? [String: Any])?["exc_type"] as? String == "ValidationError")
        }
    }

    @Test func salesforcePagesQueriesAndExpiresTokens() async throws {
        try await Self.withClient(batchSize: 200) { client, credentials in
            let headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            let refused = try await client.execute(uri: "/services/oauth2/token", method: .post, headers: headers,
                                                   body: Self.form([("grant_type", "password"), ("client_id", credentials.salesforceClientID),
                                                                    ("client_secret", credentials.salesforceClientSecret), ("username", credentials.salesforceUsername),
                                                                    ("password", "wrong")]))
            #expect(refused.status == .badRequest && (Self.json(refused) as? [String: Any])?["error"] as? String == "invalid_grant")
            let granted = try await client.execute(uri: "/services/oauth2/token", method: .post, headers: headers,
                                                   body: Self.form([("grant_type", "password"), ("client_id", credentials.salesforceClientID),
                                                                    ("client_secret", credentials.salesforceClientSecret), ("username", credentials.salesforceUsername),
                                                                    ("password", credentials.salesforcePassword)]))
            let token = try #require((Self.json(granted) as? [String: Any])?["access_token"] as? String)
            let auth: HTTPFields = [.authorization: "Bearer \(token)"]
            let soql = "SELECT Id, SystemModstamp FROM Case ORDER BY SystemModstamp ASC, Id ASC".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            let first = try #require(Self.json(try await client.execute(uri: "/services/data/v59.0/query?q=\(soql)", method: .get, headers: auth)) as? [String: Any])
            let records = try #require(first["records"] as? [[String: Any]])
            let total = try #require(first["totalSize"] as? Int)
            #expect(total > 200 && records.count == 200 && first["done"] as? Bool == false)
            #expect(records.allSatisfy { ($0["attributes"] as? [String: Any])?["type"] as? String == "Case" && $0.count == 3 })
            let next = try #require(first["nextRecordsUrl"] as? String)
            let second = try #require(Self.json(try await client.execute(uri: next, method: .get, headers: auth)) as? [String: Any])
            let stamps = (records + (second["records"] as? [[String: Any]] ?? [])).compactMap { $0["SystemModstamp"] as? String }
            #expect(stamps == stamps.sorted() && stamps.count > 200)
            // Three requests per token in this sandbox: after describe, the fourth meets an expired session.
            let describe = try #require(Self.json(try await client.execute(uri: "/services/data/v59.0/sobjects/Case/describe", method: .get, headers: auth)) as? [String: Any])
            #expect((describe["fields"] as? [[String: Any]])?.contains { $0["name"] as? String == "SystemModstamp" } == true)
            let expired = try await client.execute(uri: "/services/data/v59.0/query?q=\(soql)", method: .get, headers: auth)
            #expect(expired.status == .unauthorized && (Self.json(expired) as? [[String: Any]])?.first?["errorCode"] as? String == "INVALID_SESSION_ID")
            let renewed = try await client.execute(uri: "/services/oauth2/token", method: .post, headers: headers,
                                                   body: Self.form([("grant_type", "client_credentials"), ("client_id", credentials.salesforceClientID),
                                                                    ("client_secret", credentials.salesforceClientSecret)]))
            let fresh = try #require((Self.json(renewed) as? [String: Any])?["access_token"] as? String)
            let malformed = try await client.execute(uri: "/services/data/v59.0/query?q=DELETE%20Case", method: .get, headers: [.authorization: "Bearer \(fresh)"])
            #expect(malformed.status == .badRequest && (Self.json(malformed) as? [[String: Any]])?.first?["errorCode"] as? String == "MALFORMED_QUERY")
        }
    }

    @Test func salesforceCreatesTasksForRetentionAlerts() async throws {
        try await Self.withClient(ownStore: true) { client, credentials in
            let granted = try await client.execute(uri: "/services/oauth2/token", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                                   body: Self.form([("grant_type", "client_credentials"), ("client_id", credentials.salesforceClientID),
                                                                    ("client_secret", credentials.salesforceClientSecret)]))
            let token = try #require((Self.json(granted) as? [String: Any])?["access_token"] as? String)
            let created = try await client.execute(uri: "/services/data/v59.0/sobjects/Task", method: .post,
                                                   headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                                                   body: ByteBuffer(string: #"{"Subject": "Call: churn risk HIGH", "Status": "Not Started"}"#))
            #expect(created.status == .created && (Self.json(created) as? [String: Any])?["success"] as? Bool == true)
            let soql = "SELECT Id, Subject FROM Task WHERE SystemModstamp >= 2026-11-01T00:00:00Z".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            let found = try #require(Self.json(try await client.execute(uri: "/services/data/v59.0/query?q=\(soql)", method: .get, headers: [.authorization: "Bearer \(token)"])) as? [String: Any])
            #expect((found["records"] as? [[String: Any]])?.contains { $0["Subject"] as? String == "Call: churn risk HIGH" } == true)
        }
    }

    @Test func supabaseCountsCapsAndFailsLikePostgREST() async throws {
        try await Self.withClient { client, credentials in
            let key = credentials.supabaseServiceKey
            var auth: HTTPFields = [.authorization: "Bearer \(key)"]
            auth[HTTPField.Name("apikey")!] = key
            var counted = auth
            counted[HTTPField.Name("Prefer")!] = "count=exact"
            let page = try await client.execute(uri: "/rest/v1/app_sessions?select=id,created_at&order=created_at.asc,id.asc&limit=10", method: .get, headers: counted)
            let total = try #require(page.headers[HTTPField.Name("Content-Range")!].flatMap { Int($0.split(separator: "/").last ?? "") })
            #expect(page.status == .partialContent && page.headers[HTTPField.Name("Content-Range")!] == "0-9/\(total)" && total > 1_000)
            #expect((Self.json(page) as? [[String: Any]])?.allSatisfy { $0.keys.sorted() == ["created_at", "id"] } == true)
            let capped = try await client.execute(uri: "/rest/v1/app_sessions?limit=5000", method: .get, headers: auth)
            #expect((Self.json(capped) as? [Any])?.count == 1_000 && capped.headers[HTTPField.Name("Content-Range")!] == "0-999/*")
            let missing = try await client.execute(uri: "/rest/v1/nope", method: .get, headers: auth)
            #expect(missing.status == .notFound && (Self.json(missing) as? [String: Any])?["code"] as? String == "42P01")
            let anonymous = try await client.execute(uri: "/rest/v1/app_sessions", method: .get, headers: [:])
            #expect(anonymous.status == .unauthorized)
        }
    }

    @Test func googleChecksTheAssertionsSignatureAndServesRaggedRows() async throws {
        try await Self.withClient { client, credentials in
            let key = try ServiceAccountKey(json: try credentials.googleKeyFile(tokenURI: "http://localhost/token"))
            let stranger = try ServiceAccountKey(json: try ServiceAccountKey.generate(clientEmail: credentials.googleClientEmail, tokenURI: "http://localhost/token").keyFileJSON)
            let grant = "urn:ietf:params:oauth:grant-type:jwt-bearer"
            let scope = "https://www.googleapis.com/auth/spreadsheets.readonly"
            let forged = try await client.execute(uri: "/token", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                                  body: Self.form([("grant_type", grant), ("assertion", try stranger.assertion(scope: scope, audience: "http://localhost/token"))]))
            #expect(forged.status == .badRequest && (Self.json(forged) as? [String: Any])?["error_description"] as? String == "Invalid JWT Signature.")
            let granted = try await client.execute(uri: "/token", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                                   body: Self.form([("grant_type", grant), ("assertion", try key.assertion(scope: scope, audience: "http://localhost/token"))]))
            let token = try #require((Self.json(granted) as? [String: Any])?["access_token"] as? String)
            let range = "'Customer Notes'!A1:H5".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            let values = try #require(Self.json(try await client.execute(uri: "/v4/spreadsheets/\(credentials.spreadsheetID)/values/\(range)", method: .get,
                                                                         headers: [.authorization: "Bearer \(token)"])) as? [String: Any])
            let rows = try #require(values["values"] as? [[String]])
            #expect(rows.count == 5 && rows[0].first == "Date" && rows.dropFirst().allSatisfy { $0.count <= rows[0].count })
            let beyond = "Branches!A900:G1000".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            let empty = try #require(Self.json(try await client.execute(uri: "/v4/spreadsheets/\(credentials.spreadsheetID)/values/\(beyond)", method: .get,
                                                                        headers: [.authorization: "Bearer \(token)"])) as? [String: Any])
            #expect(empty["values"] == nil && empty["range"] as? String == "Branches!A900:G1000")
            let unknown = try await client.execute(uri: "/v4/spreadsheets/nope/values/Branches", method: .get, headers: [.authorization: "Bearer \(token)"])
            #expect(unknown.status == .notFound && ((Self.json(unknown) as? [String: Any])?["error"] as? [String: Any])?["status"] as? String == "NOT_FOUND")
        }
    }
}
