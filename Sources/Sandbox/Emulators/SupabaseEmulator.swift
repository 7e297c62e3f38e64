import Connectors
import Foundation
import HTTPTypes
import Hummingbird
import TenureCore

/// Supabase's Data API (PostgREST): `GET /rest/v1/{table}` with `apikey` and `Authorization:
/// Bearer`, `select`, `eq/neq/gt/gte/lt/lte/in` filters and `or=(…)`, `order`, `limit`/`offset`
/// or a `Range` header, at most `max_rows` rows a request, `Prefer: count=exact` with
/// `Content-Range`, and PostgREST's error body.
struct SupabaseEmulator {
    let sandbox: SandboxServer

    static let tables: [String: SourceEntity] = Dictionary(uniqueKeysWithValues: SourceEntity.of(.supabase).map { ($0.apiName, $0) })

    func register(on router: Router<BasicRequestContext>) {
        router.get("/rest/v1/:table") { request, context in
            let key = sandbox.credentials.supabaseServiceKey
            guard request.headers[HTTPField.Name("apikey")!] == key else {
                return jsonResponse(object: ["message": "Invalid API key", "hint": "Double check your Supabase `anon` or `service_role` API key."],
                                    status: .unauthorized)
            }
            guard request.headers[.authorization] == "Bearer \(key)" else {
                throw EmulatorFailure(.supabase, .unauthorized, code: "PGRST301", "No suitable key or wrong key type")
            }
            let name = try context.parameters.require("table")
            guard let entity = Self.tables[name] else {
                throw EmulatorFailure(.supabase, .notFound, code: "42P01", "relation \"public.\(name)\" does not exist")
            }
            let parameters = queryParameters(request)
            var query = RecordQuery()
            for (field, value) in parameters.sorted(by: { $0.key < $1.key }) where !["select", "order", "limit", "offset"].contains(field) {
                if field == "or" {
                    query.conditions.append(.any(try Self.group(value, entity: entity)))
                } else if field == "and" {
                    query.conditions.append(.all(try Self.group(value, entity: entity)))
                } else {
                    query.conditions.append(try Self.condition(field: field, expression: value, entity: entity))
                }
            }
            if let order = parameters["order"] {
                query.order = try order.split(separator: ",").map { part in
                    let pieces = part.split(separator: ".").map(String.init)
                    return (try Self.column(pieces[0], entity: entity), !pieces.dropFirst().contains("desc"))
                }
            }
            var first = Int(parameters["offset"] ?? "0") ?? 0
            var count = parameters["limit"].flatMap { Int($0) }
            if let range = request.headers[HTTPField.Name("Range")!] {
                let bounds = range.split(separator: "-", omittingEmptySubsequences: false)
                guard bounds.count == 2, let start = Int(bounds[0]) else { throw EmulatorFailure(.supabase, .rangeNotSatisfiable, code: "PGRST103", "Requested range not satisfiable") }
                first = start
                if let end = Int(bounds[1]) { count = end - start + 1 }
            }
            query.offset = first
            query.limit = min(count ?? sandbox.settings.supabaseMaxRows, sandbox.settings.supabaseMaxRows)
            let wantsCount = (request.headers[HTTPField.Name("Prefer")!] ?? "").contains("count=exact")
            let total = wantsCount ? try sandbox.store.count(entity, query) : nil
            if let total, first > 0, first >= total { throw EmulatorFailure(.supabase, .rangeNotSatisfiable, code: "PGRST103", "Requested range not satisfiable") }
            let select = parameters["select"] ?? "*"
            let columns = Set(select.split(separator: ",").map { String($0.split(separator: ":").first ?? $0) })
            let rows = try sandbox.store.records(entity, query).map { payload in
                columns.contains("*") ? payload : (JSONSpans.object(payload) { columns.contains($0) } ?? payload)
            }
            let range = rows.isEmpty ? "*" : "\(first)-\(first + rows.count - 1)"
            let partial = total.map { first + rows.count < $0 || first > 0 } ?? false
            return jsonResponse(jsonArray(rows), status: partial ? .partialContent : .ok,
                                headers: [HTTPField.Name("Content-Range")!: "\(range)/\(total.map(String.init) ?? "*")",
                                          HTTPField.Name("Range-Unit")!: "items"])
        }
    }

    static func column(_ name: String, entity: SourceEntity) throws -> RecordQuery.Column {
        if name == entity.keyField { return .key }
        if name == entity.changeField { return .changed }
        throw EmulatorFailure(.supabase, .badRequest, code: "PGRST100", "the sandbox filters and orders \(entity.apiName) by \(entity.keyField) and \(entity.changeField ?? "")")
    }

    /// `created_at=gte.2024-01-01T00:00:00+00:00`, `id=in.(a,b)`.
    static func condition(field: String, expression: String, entity: SourceEntity) throws -> RecordQuery.Condition {
        let target = try column(field, entity: entity)
        guard let dot = expression.firstIndex(of: ".") else { throw EmulatorFailure(.supabase, .badRequest, code: "PGRST100", "failed to parse filter (\(expression))") }
        let operation = String(expression[..<dot]), value = String(expression[expression.index(after: dot)...])
        if operation == "in" {
            let inner = value.trimmingCharacters(in: CharacterSet(charactersIn: "()"))
            return .among(target, inner.split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) })
        }
        let comparisons: [String: RecordQuery.Comparison] = ["eq": .equal, "neq": .notEqual, "gt": .greater, "gte": .greaterOrEqual, "lt": .less, "lte": .lessOrEqual]
        guard let comparison = comparisons[operation] else { throw EmulatorFailure(.supabase, .badRequest, code: "PGRST100", "unknown operator \(operation)") }
        return .compare(target, comparison, value.trimmingCharacters(in: CharacterSet(charactersIn: "\"")))
    }

    /// `(created_at.gt.X,and(created_at.eq.X,id.gt.Y))`: the members of an `or`/`and` group.
    static func group(_ text: String, entity: SourceEntity) throws -> [RecordQuery.Condition] {
        guard text.hasPrefix("("), text.hasSuffix(")") else { throw EmulatorFailure(.supabase, .badRequest, code: "PGRST100", "failed to parse logic tree (\(text))") }
        var parts: [String] = [], depth = 0, current = ""
        var quoted = false
        for character in text.dropFirst().dropLast() {
            if character == "\"" { quoted.toggle() }
            if !quoted && character == "(" { depth += 1 }
            if !quoted && character == ")" { depth -= 1 }
            if !quoted && character == "," && depth == 0 { parts.append(current); current = ""; continue }
            current.append(character)
        }
        parts.append(current)
        return try parts.map { part in
            if part.hasPrefix("and(") { return .all(try group(String(part.dropFirst(3)), entity: entity)) }
            if part.hasPrefix("or(") { return .any(try group(String(part.dropFirst(2)), entity: entity)) }
            guard let dot = part.firstIndex(of: ".") else { throw EmulatorFailure(.supabase, .badRequest, code: "PGRST100", "failed to parse logic tree (\(text))") }
            return try condition(field: String(part[..<dot]), expression: String(part[part.index(after: dot)...]), entity: entity)
        }
    }
}
