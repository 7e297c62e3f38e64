import Connectors
import Foundation
import HTTPTypes
import Hummingbird
import TenureCore

/// Salesforce's REST API: the OAuth token endpoint (client credentials and the legacy password
/// flow), `describe`, SOQL queries with `nextRecordsUrl` paging and `attributes` on each record,
/// `INVALID_SESSION_ID` for an expired token, and Task creation (retention alerts).
struct SalesforceEmulator {
    let sandbox: SandboxServer

    static let objects: [String: SourceEntity] = Dictionary(uniqueKeysWithValues: SourceEntity.of(.salesforce).map { ($0.apiName, $0) })

    func register(on router: Router<BasicRequestContext>) {
        router.post("/services/oauth2/token") { request, _ in try await token(request) }
        router.get("/services/data/:version/sobjects/:object/describe") { request, context in
            try authorize(request)
            let entity = try object(try context.parameters.require("object"))
            var query = RecordQuery()
            query.limit = 200
            // The fields any of the first records carries, in the order first seen.
            var names: [String] = []
            for payload in try sandbox.store.records(entity, query) {
                for member in JSONSpans.members(of: payload) ?? [] where member.name != "attributes" && !names.contains(member.name) {
                    names.append(member.name)
                }
            }
            return jsonResponse(object: ["name": entity.apiName, "queryable": true, "fields": names.map { ["name": $0] }])
        }
        router.get("/services/data/:version/query") { request, context in
            try authorize(request)
            guard let soql = queryParameters(request)["q"] else { throw EmulatorFailure(.salesforce, .badRequest, code: "MALFORMED_QUERY", "q is required") }
            let parsed = try SOQL.parse(soql)
            guard let entity = Self.objects[parsed.object] else {
                throw EmulatorFailure(.salesforce, .badRequest, code: "INVALID_TYPE", "sObject type '\(parsed.object)' is not supported.")
            }
            let total = try sandbox.store.count(entity, parsed.query)
            let batch = batchSize(request)
            let cursor = sandbox.cursors.open(QueryCursors.Cursor(entity: entity, query: parsed.query, fields: parsed.fields, total: total))
            return try page(cursor: cursor, offset: 0, batch: batch, version: try context.parameters.require("version"))
        }
        router.get("/services/data/:version/query/:locator") { request, context in
            try authorize(request)
            let locator = try context.parameters.require("locator")
            let parts = locator.split(separator: "-")
            guard parts.count == 2, let offset = Int(parts[1]), sandbox.cursors.cursor(String(parts[0])) != nil else {
                throw EmulatorFailure(.salesforce, .badRequest, code: "INVALID_QUERY_LOCATOR", "invalid query locator")
            }
            return try page(cursor: String(parts[0]), offset: offset, batch: batchSize(request), version: try context.parameters.require("version"))
        }
        router.post("/services/data/:version/sobjects/:object") { request, context in
            try authorize(request)
            let entity = try object(try context.parameters.require("object"))
            guard entity.apiName == "Task" else { throw EmulatorFailure(.salesforce, .badRequest, code: "NOT_SUPPORTED", "the sandbox creates Task records only") }
            let body = try await request.body.collect(upTo: 1 << 20)
            guard let fields = (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any], fields["Subject"] is String else {
                throw EmulatorFailure(.salesforce, .badRequest, code: "REQUIRED_FIELD_MISSING", "Required fields are missing: [Subject]")
            }
            let id = "00T" + String(UInt64.random(in: 1...UInt64(1e14)), radix: 36).uppercased().padding(toLength: 15, withPad: "0", startingAt: 0)
            let now = SOQL.timestamp(Date())
            var record: [String: Any] = fields
            record["Id"] = id
            record["IsDeleted"] = false
            record["CreatedDate"] = now
            record["LastModifiedDate"] = now
            record["SystemModstamp"] = now
            let attributes = #"{"attributes": {"type": "Task", "url": "/services/data/\#(try context.parameters.require("version"))/sobjects/Task/\#(id)"}, "#
            let rest = try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys]).dropFirst()
            try sandbox.store.add([Array(attributes.utf8) + Array(rest)], to: entity)
            return jsonResponse(object: ["id": id, "success": true, "errors": [Any]()], status: .created)
        }
    }

    private func object(_ name: String) throws -> SourceEntity {
        guard let entity = Self.objects[name] else { throw EmulatorFailure(.salesforce, .notFound, code: "NOT_FOUND", "The requested resource does not exist") }
        return entity
    }

    private func authorize(_ request: Request) throws {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else {
            throw EmulatorFailure(.salesforce, .unauthorized, code: "INVALID_SESSION_ID", "Session expired or invalid")
        }
        guard sandbox.tokens.spend(String(header.dropFirst(7))) == .valid else {
            throw EmulatorFailure(.salesforce, .unauthorized, code: "INVALID_SESSION_ID", "Session expired or invalid")
        }
    }

    private func batchSize(_ request: Request) -> Int {
        let option = request.headers[HTTPField.Name("Sforce-Query-Options")!] ?? ""
        let requested = option.split(separator: "=").last.flatMap { Int($0) } ?? sandbox.settings.salesforceBatchSize
        return min(max(requested, 200), sandbox.settings.salesforceBatchSize)
    }

    private func page(cursor id: String, offset: Int, batch: Int, version: String) throws -> Response {
        guard let cursor = sandbox.cursors.cursor(id) else { throw EmulatorFailure(.salesforce, .badRequest, code: "INVALID_QUERY_LOCATOR", "invalid query locator") }
        var query = cursor.query
        let limit = cursor.query.limit.map { max(0, $0 - offset) } ?? Int.max
        query.offset = offset
        query.limit = min(batch, limit)
        let keep = Set(cursor.fields + ["attributes"])
        let records = try sandbox.store.records(cursor.entity, query).map { JSONSpans.object($0) { keep.contains($0) } ?? $0 }
        let total = cursor.query.limit.map { min($0, cursor.total) } ?? cursor.total
        let next = offset + records.count
        let done = next >= total || records.isEmpty
        var head = #"{"totalSize": \#(total), "done": \#(done), "#
        if !done { head += #""nextRecordsUrl": "/services/data/\#(version)/query/\#(id)-\#(next)", "# } else { sandbox.cursors.close(id) }
        return jsonResponse(Array((head + #""records": "#).utf8) + jsonArray(records) + [0x7D])
    }

    private func token(_ request: Request) async throws -> Response {
        let form = try await formFields(request)
        let credentials = sandbox.credentials
        func refuse(_ error: String, _ description: String) -> Response {
            jsonResponse(object: ["error": error, "error_description": description], status: .badRequest)
        }
        guard form["client_id"] == credentials.salesforceClientID else { return refuse("invalid_client_id", "client identifier invalid") }
        guard form["client_secret"] == credentials.salesforceClientSecret else { return refuse("invalid_client", "invalid client credentials") }
        switch form["grant_type"] {
        case "client_credentials":
            break
        case "password":
            guard form["username"] == credentials.salesforceUsername, form["password"] == credentials.salesforcePassword else {
                return refuse("invalid_grant", "authentication failure")
            }
        default:
            return refuse("unsupported_grant_type", "grant type not supported")
        }
        let host = request.head.authority ?? "127.0.0.1"
        return jsonResponse(object: [
            "access_token": sandbox.tokens.issue(for: .salesforce), "instance_url": "http://\(host)", "id": "http://\(host)/id/00DSANDBOX/005SANDBOX",
            "token_type": "Bearer", "issued_at": String(Int(Date().timeIntervalSince1970 * 1000)), "signature": "c2FuZGJveA==",
        ])
    }
}

/// Open SOQL queries, so `nextRecordsUrl` can continue them.
final class QueryCursors: @unchecked Sendable {
    struct Cursor {
        let entity: SourceEntity
        let query: RecordQuery
        let fields: [String]
        let total: Int
    }

    private let lock = NSLock()
    private var cursors: [String: Cursor] = [:]

    func open(_ cursor: Cursor) -> String {
        let id = "01g" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        lock.withLock {
            // A client that never finishes its query must not grow the sandbox without bound.
            if cursors.count > 10_000 { cursors.removeAll() }
            cursors[id] = cursor
        }
        return id
    }

    func cursor(_ id: String) -> Cursor? { lock.withLock { cursors[id] } }
    func close(_ id: String) { lock.withLock { _ = cursors.removeValue(forKey: id) } }
}

/// The SOQL the sandbox understands: `SELECT fields FROM Object [WHERE cond AND …]
/// [ORDER BY field [ASC|DESC], …] [LIMIT n]`, conditions comparing `Id` or `SystemModstamp`
/// (or `LastModifiedDate`, treated alike) to a literal.
enum SOQL {
    struct Parsed {
        let fields: [String]
        let object: String
        let query: RecordQuery
    }

    static func parse(_ text: String) throws -> Parsed {
        func malformed(_ why: String) -> EmulatorFailure { .init(.salesforce, .badRequest, code: "MALFORMED_QUERY", why) }
        let tokens = text.replacingOccurrences(of: ",", with: " , ").split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).map(String.init)
        var index = 0
        func keyword(_ word: String) -> Bool {
            guard index < tokens.count, tokens[index].uppercased() == word else { return false }
            index += 1
            return true
        }
        guard keyword("SELECT") else { throw malformed("unexpected token: expected SELECT") }
        var fields: [String] = []
        while index < tokens.count, tokens[index].uppercased() != "FROM" {
            if tokens[index] != "," { fields.append(tokens[index]) }
            index += 1
        }
        guard !fields.isEmpty, keyword("FROM"), index < tokens.count else { throw malformed("expected: SELECT fields FROM object") }
        let object = tokens[index]
        index += 1
        var query = RecordQuery()
        func column(_ field: String) throws -> RecordQuery.Column {
            switch field.lowercased() {
            case "id": .key
            case "systemmodstamp", "lastmodifieddate": .changed
            default: throw malformed("the sandbox filters and sorts by Id and SystemModstamp, not \(field)")
            }
        }
        if keyword("WHERE") {
            repeat {
                guard index + 3 <= tokens.count else { throw malformed("incomplete WHERE condition") }
                let field = tokens[index], operation = tokens[index + 1], literal = tokens[index + 2]
                index += 3
                let comparisons: [String: RecordQuery.Comparison] = ["=": .equal, "!=": .notEqual, ">": .greater, ">=": .greaterOrEqual, "<": .less, "<=": .lessOrEqual]
                guard let comparison = comparisons[operation] else { throw malformed("unsupported operator \(operation)") }
                let target = try column(field)
                let value = target == .changed ? try normalized(literal) : literal.trimmingCharacters(in: CharacterSet(charactersIn: "'"))
                query.conditions.append(.compare(target, comparison, value))
            } while keyword("AND")
        }
        if keyword("ORDER") {
            guard keyword("BY") else { throw malformed("expected BY after ORDER") }
            repeat {
                guard index < tokens.count else { throw malformed("ORDER BY needs a field") }
                let target = try column(tokens[index])
                index += 1
                var ascending = true
                if keyword("DESC") { ascending = false } else { _ = keyword("ASC") }
                query.order.append((target, ascending))
            } while keyword(",")
        }
        if keyword("LIMIT") {
            guard index < tokens.count, let limit = Int(tokens[index]) else { throw malformed("LIMIT needs a number") }
            query.limit = limit
            index += 1
        }
        guard index == tokens.count else { throw malformed("unexpected token: \(tokens[index])") }
        return Parsed(fields: fields, object: object, query: query)
    }

    /// A SOQL dateTime literal (`2024-01-15T09:23:45Z`, `…45.000+0000`, `…45+01:00`) in the form
    /// records carry (`2024-01-15T09:23:45.000+0000`), so the two compare as text.
    static func normalized(_ literal: String) throws -> String {
        let formats = ["yyyy-MM-dd'T'HH:mm:ss.SSSXX", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX", "yyyy-MM-dd'T'HH:mm:ssXX", "yyyy-MM-dd'T'HH:mm:ssXXX"]
        let parser = DateFormatter()
        parser.locale = Locale(identifier: "en_US_POSIX")
        for format in formats {
            parser.dateFormat = format
            if let date = parser.date(from: literal) { return timestamp(date) }
        }
        throw EmulatorFailure(.salesforce, .badRequest, code: "MALFORMED_QUERY", "value of filter criterion is not a valid dateTime: \(literal)")
    }

    /// Salesforce's JSON dateTime form.
    static func timestamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss.SSS'+0000'"
        return formatter.string(from: date)
    }
}
