import AsyncHTTPClient
import Foundation
import TenureCore

/// Extracts Supabase tables through PostgREST (`GET /rest/v1/{table}`) with the service key,
/// ordered by the change field and id, with keyset paging from the watermark; pages are as large
/// as the project's `max_rows` lets them be, and the extraction ends at the first empty page, so
/// a server capping pages below what was asked cannot end it early.
public struct SupabaseConnector: Connector {
    public let system = SourceSystem.supabase
    public let statistics = ExtractionStatistics()
    let baseURL: String
    let session: HTTPSession
    let pageSize: Int

    /// A connector for the project at `baseURL` with its service (secret) key.
    public init(baseURL: String, serviceKey: String, client: HTTPClient = .shared, policy: RetryPolicy = RetryPolicy(), pageSize: Int = 1_000) {
        self.baseURL = baseURL.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        self.pageSize = pageSize
        session = HTTPSession(system: .supabase, client: client, policy: policy, statistics: statistics,
                              authorizer: StaticAuthorizer(fields: [("apikey", serviceKey), ("Authorization", "Bearer \(serviceKey)")]),
                              credentialNames: "SUPABASE_SERVICE_KEY")
    }

    public var origin: String { "supabase:\(baseURL)" }

    public func extract(_ entity: SourceEntity, since watermark: String?) throws(ConnectorError) -> RecordPages {
        let cursor = KeysetCursor(since: watermark)
        let change = entity.changeField ?? entity.keyField, key = entity.keyField
        return RecordPages { [self] in
            guard let position = cursor.next else { return nil }
            var query = ["select=*", "order=\(change).asc,\(key).asc", "limit=\(pageSize)"]
            if let after = position.after {
                query.append("\(change)=gte.\(queryValue(after.changed))")
                query.append("or=" + queryValue("(\(change).gt.\"\(after.changed)\",and(\(change).eq.\"\(after.changed)\",\(key).gt.\"\(after.key)\"))"))
            } else if let since = position.since {
                query.append("\(change)=gte.\(queryValue(since))")
            }
            let answer = try await session.send(.GET, "\(baseURL)/rest/v1/\(entity.apiName)?" + query.joined(separator: "&"))
            guard let elements = JSONSpans.elements(of: answer.body) else {
                throw ConnectorError("supabase: the answer for \(entity.apiName) is not a JSON array")
            }
            let records = elements.map { Array(answer.body[$0]) }
            // Only an empty page ends it (pageSize 1 makes any non-empty page "full").
            cursor.advance(records, pageSize: 1, changeField: change, keyField: key)
            guard !records.isEmpty else { return nil }
            return statistics.counted(RecordPage(records: records.map { RawRecord(payload: $0, format: .jsonObject) }))
        }
    }
}
