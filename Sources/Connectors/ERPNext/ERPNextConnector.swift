import AsyncHTTPClient
import Foundation
import TenureCore

/// Extracts ERPNext's DocTypes through Frappe's REST API (`GET /api/resource/{DocType}`), page by
/// page in `modified, name` order with keyset paging (each page starts after the last record
/// seen, so deep pages cost what the first does), authenticated by `token key:secret`. Invoices
/// arrive with their line items, fetched per page from the child DocType and nested as
/// Frappe's one-document answer would.
public struct ERPNextConnector: Connector {
    public let system = SourceSystem.erpnext
    public let statistics = ExtractionStatistics()
    let baseURL: String
    let session: HTTPSession
    let pageSize: Int

    /// A connector for the site at `baseURL` with an API key and secret.
    public init(baseURL: String, apiKey: String, apiSecret: String, client: HTTPClient = .shared, policy: RetryPolicy = RetryPolicy(),
                pageSize: Int = 500) {
        self.baseURL = baseURL.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        self.pageSize = pageSize
        session = HTTPSession(system: .erpnext, client: client, policy: policy, statistics: statistics,
                              authorizer: StaticAuthorizer(fields: [("Authorization", "token \(apiKey):\(apiSecret)")]),
                              credentialNames: "ERPNEXT_API_KEY and ERPNEXT_API_SECRET")
    }

    public var origin: String { "erpnext:\(baseURL)" }

    public func extract(_ entity: SourceEntity, since watermark: String?) throws(ConnectorError) -> RecordPages {
        let cursor = KeysetCursor(since: watermark)
        let changeField = entity.changeField ?? "modified"
        return RecordPages { [self] in
            guard let position = cursor.next else { return nil }
            var filters: [[Any]] = [], alternatives: [[Any]] = []
            if let after = position.after {
                // (modified > X) OR (modified = X AND name > Y), written as Frappe's AND of
                // `filters` with the OR of `or_filters`.
                filters = [[changeField, ">=", after.changed]]
                alternatives = [[changeField, ">", after.changed], ["name", ">", after.key]]
            } else if let since = position.since {
                filters = [[changeField, ">=", since]]
            }
            let records = try await list(entity.apiName, filters: filters, orFilters: alternatives, order: "\(changeField) asc, name asc")
            cursor.advance(records, pageSize: pageSize, changeField: changeField, keyField: entity.keyField)
            guard !records.isEmpty else { return nil }
            var documents = records
            if let child = entity.child { documents = try await withChildren(records, entity: entity, field: child.field) }
            return statistics.counted(RecordPage(records: documents.map { RawRecord(payload: $0, format: .jsonObject) }))
        }
    }

    /// One page of a DocType's list.
    private func list(_ doctype: String, filters: [[Any]], orFilters: [[Any]] = [], order: String, parent: String? = nil,
                      length: Int? = nil) async throws(ConnectorError) -> [[UInt8]] {
        func json(_ value: Any) -> String { (try? String(decoding: JSONSerialization.data(withJSONObject: value), as: UTF8.self)) ?? "[]" }
        var query = ["fields=\(queryValue(#"["*"]"#))", "order_by=\(queryValue(order))", "limit_page_length=\(length ?? pageSize)"]
        if !filters.isEmpty { query.append("filters=\(queryValue(json(filters)))") }
        if !orFilters.isEmpty { query.append("or_filters=\(queryValue(json(orFilters)))") }
        if let parent { query.append("parent=\(queryValue(parent))") }
        let path = doctype.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? doctype
        let answer = try await session.send(.GET, "\(baseURL)/api/resource/\(path)?" + query.joined(separator: "&"))
        guard let members = JSONSpans.members(of: answer.body), let data = members.first(where: { $0.name == "data" }) else {
            throw ConnectorError("erpnext: the answer for \(doctype) is not {\"data\": [...]}")
        }
        let array = Array(answer.body[data.value])
        guard let elements = JSONSpans.elements(of: array) else { throw ConnectorError("erpnext: \"data\" for \(doctype) is not a list") }
        return elements.map { Array(array[$0]) }
    }

    /// The page's documents with their child rows nested under `field`, in each document's row order.
    private func withChildren(_ records: [[UInt8]], entity: SourceEntity, field: String) async throws(ConnectorError) -> [[UInt8]] {
        let names = records.compactMap { record in
            JSONSpans.members(of: record)?.first { $0.name == entity.keyField }.flatMap { JSONSpans.scalarText(record[$0.value]) }
        }
        let rows = try await list("\(entity.apiName) Item", filters: [["parent", "in", names]], order: "parent asc", parent: entity.apiName, length: 0)
        var byParent: [String: [[UInt8]]] = [:]
        for row in rows {
            guard let parent = JSONSpans.members(of: row)?.first(where: { $0.name == "parent" }).flatMap({ JSONSpans.scalarText(row[$0.value]) }) else { continue }
            byParent[parent, default: []].append(row)
        }
        return zip(records, names).map { record, name in JSONSpans.nesting(byParent[name] ?? [], as: field, into: record) }
    }
}
