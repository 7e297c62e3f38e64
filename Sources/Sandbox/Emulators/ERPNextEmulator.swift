import Connectors
import Foundation
import HTTPTypes
import Hummingbird
import TenureCore

/// Frappe's REST API as ERPNext serves it: `GET /api/resource/{DocType}` with `fields`,
/// `filters`, `or_filters`, `limit_start`, `limit_page_length`, `order_by` and (for a child
/// table) `parent`, answered in `{"data": […]}`; `GET /api/resource/{DocType}/{name}` with the
/// document's child rows; `Authorization: token key:secret`; Frappe's error bodies.
struct ERPNextEmulator {
    let sandbox: SandboxServer

    /// The DocTypes served, and the child DocType of invoices.
    static let doctypes: [String: SourceEntity] = Dictionary(uniqueKeysWithValues: SourceEntity.of(.erpnext).map { ($0.apiName, $0) })
    static let childDoctype = "Sales Invoice Item"

    func register(on router: Router<BasicRequestContext>) {
        router.get("/api/resource/:doctype") { request, context in
            try authorize(request)
            let doctype = try decoded(context, "doctype")
            let parameters = queryParameters(request)
            let (entity, children) = try resolve(doctype, parent: parameters["parent"])
            var query = RecordQuery()
            query.conditions = try filters(parameters["filters"], entity: entity, children: children)
            if let text = parameters["or_filters"] {
                let alternatives = try filters(text, entity: entity, children: children)
                if !alternatives.isEmpty { query.conditions.append(.any(alternatives)) }
            }
            query.order = try order(parameters["order_by"] ?? "modified desc", entity: entity, children: children)
            query.offset = Int(parameters["limit_start"] ?? "0") ?? 0
            let length = Int(parameters["limit_page_length"] ?? parameters["limit"] ?? "20") ?? 20
            query.limit = length == 0 ? nil : length
            let fields = try fieldList(parameters["fields"])
            let rows = try sandbox.store.records(entity, children: children, query).map { payload in
                fields.contains("*") ? payload : (JSONSpans.object(payload) { fields.contains($0) } ?? payload)
            }
            return jsonResponse(Array(#"{"data": "#.utf8) + jsonArray(rows) + [0x7D])
        }
        router.get("/api/resource/:doctype/:name") { request, context in
            try authorize(request)
            let doctype = try decoded(context, "doctype"), name = try decoded(context, "name")
            let (entity, children) = try resolve(doctype, parent: nil)
            guard !children else { throw EmulatorFailure(.erpnext, .forbidden, "Not permitted: \(doctype) is a child table") }
            var query = RecordQuery()
            query.conditions = [.compare(.key, .equal, name)]
            guard var document = try sandbox.store.records(entity, query).first else {
                throw EmulatorFailure(.erpnext, .notFound, "\(doctype) \(name) not found")
            }
            if let child = entity.child {
                var childQuery = RecordQuery()
                childQuery.conditions = [.compare(.parent, .equal, name)]
                let rows = try sandbox.store.records(entity, children: true, childQuery)
                document = JSONSpans.nesting(rows, as: child.field, into: document)
            }
            return jsonResponse(Array(#"{"data": "#.utf8) + document + [0x7D])
        }
    }

    private func authorize(_ request: Request) throws {
        let expected = "token \(sandbox.credentials.erpnextKey):\(sandbox.credentials.erpnextSecret)"
        guard let header = request.headers[.authorization] else { throw EmulatorFailure(.erpnext, .forbidden, "Not permitted: Guest may not read this DocType") }
        guard header == expected else { throw EmulatorFailure(.erpnext, .unauthorized, "Invalid API key or secret") }
    }

    private func decoded(_ context: BasicRequestContext, _ name: String) throws -> String {
        let raw = try context.parameters.require(name)
        return raw.removingPercentEncoding ?? raw
    }

    /// The entity a DocType names; the child DocType needs `parent=Sales Invoice`, as in Frappe.
    private func resolve(_ doctype: String, parent: String?) throws -> (SourceEntity, children: Bool) {
        if doctype == Self.childDoctype {
            guard let parent, let entity = Self.doctypes[parent], entity.child != nil else {
                throw EmulatorFailure(.erpnext, .forbidden, "Not permitted: reading \(doctype) needs parent=Sales Invoice")
            }
            return (entity, true)
        }
        guard let entity = Self.doctypes[doctype] else { throw EmulatorFailure(.erpnext, .notFound, "DocType \(doctype) not found") }
        return (entity, false)
    }

    private func column(_ field: String, entity: SourceEntity, children: Bool) throws -> RecordQuery.Column {
        switch field {
        case "name": return .key
        case "modified": return .changed
        case "parent" where children: return .parent
        default: throw EmulatorFailure(.erpnext, .expectationFailed, "Field not permitted in query: \(field) (the sandbox filters and sorts by name, modified and parent)")
        }
    }

    /// `[["modified", ">=", "…"], …]`, `[["Customer", "modified", ">", "…"]]` or `{"name": "…"}`.
    private func filters(_ text: String?, entity: SourceEntity, children: Bool) throws -> [RecordQuery.Condition] {
        guard let text, !text.isEmpty else { return [] }
        guard let json = try? JSONSerialization.jsonObject(with: Data(text.utf8)) else { throw EmulatorFailure(.erpnext, .expectationFailed, "filters is not valid JSON") }
        if let object = json as? [String: Any] {
            return try object.sorted { $0.key < $1.key }.map { .compare(try column($0.key, entity: entity, children: children), .equal, "\($0.value)") }
        }
        guard let list = json as? [[Any]] else { throw EmulatorFailure(.erpnext, .expectationFailed, "filters must be a list of [field, operator, value]") }
        return try list.map { triple in
            let parts = triple.count == 4 ? Array(triple.dropFirst()) : triple
            guard parts.count == 3, let field = parts[0] as? String, let operation = parts[1] as? String else {
                throw EmulatorFailure(.erpnext, .expectationFailed, "each filter must be [field, operator, value]")
            }
            let target = try column(field, entity: entity, children: children)
            if operation.lowercased() == "in" {
                let values = (parts[2] as? [Any])?.map { "\($0)" } ?? "\(parts[2])".split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                return .among(target, values)
            }
            let comparisons: [String: RecordQuery.Comparison] = ["=": .equal, "!=": .notEqual, ">": .greater, ">=": .greaterOrEqual, "<": .less, "<=": .lessOrEqual]
            guard let comparison = comparisons[operation] else { throw EmulatorFailure(.erpnext, .expectationFailed, "Operator not supported by the sandbox: \(operation)") }
            return .compare(target, comparison, "\(parts[2])")
        }
    }

    /// `modified asc, name asc`.
    private func order(_ text: String, entity: SourceEntity, children: Bool) throws -> [(column: RecordQuery.Column, ascending: Bool)] {
        try text.split(separator: ",").map { part in
            let words = part.split(separator: " ").map(String.init)
            guard let field = words.first else { throw EmulatorFailure(.erpnext, .expectationFailed, "order_by is empty") }
            let name = field.replacingOccurrences(of: "`", with: "").split(separator: ".").last.map(String.init) ?? field
            return (try column(name, entity: entity, children: children), words.count < 2 || words[1].lowercased() != "desc")
        }
    }

    private func fieldList(_ text: String?) throws -> Set<String> {
        guard let text, !text.isEmpty else { return ["name"] }
        guard let fields = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String] else {
            throw EmulatorFailure(.erpnext, .expectationFailed, "fields must be a JSON list of field names")
        }
        return Set(fields.map { $0.replacingOccurrences(of: "`", with: "") })
    }
}
