import Foundation
import Warehouse

/// The audit log: every view of customer data, for "who looked at this customer, and when?".
extension AccessStore {
    /// The longest user agent kept; the rest of a pathological header is dropped.
    static let maximumUserAgentLength = 512

    /// Records that `user` (acting as `role`) did `action` on `page`, about `customerKey` if any.
    public func recordView(user: String, role: Role, customerKey: String?, page: String, action: String = "view",
                           ip: String?, userAgent: String?) async throws {
        try await warehouse.execute("""
            INSERT INTO \(Self.auditTable.sql) (at, username, role, customer_key, page, action, ip, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, [.text(StoredTime.text(now())), .text(user), .text(role.rawValue), customerKey.map { .text($0) } ?? .null,
                  .text(page), .text(action), ip.map { .text($0) } ?? .null,
                  userAgent.map { .text(String($0.prefix(Self.maximumUserAgentLength))) } ?? .null])
    }

    /// The entries matching every filter given, oldest first; `day` is `YYYY-MM-DD` in UTC.
    public func audit(customerKey: String? = nil, day: String? = nil, username: String? = nil) async throws -> [AuditEntry] {
        var conditions: [String] = [], arguments: [SQLValue] = []
        if let customerKey {
            conditions.append("customer_key = ?")
            arguments.append(.text(customerKey))
        }
        if let day {
            guard let bounds = StoredTime.bounds(ofDay: day) else { throw AccessError.invalidDay(day) }
            conditions.append("at >= ? AND at < ?")
            arguments += [.text(bounds.from), .text(bounds.to)]
        }
        if let username {
            conditions.append("username = ?")
            arguments.append(.text(username))
        }
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let rows = try await warehouse.query("""
            SELECT at, username, role, customer_key, page, action, ip, user_agent FROM \(Self.auditTable.sql)\(filter)
            ORDER BY at, username, page
            """, arguments)
        return try rows.map { row in
            guard let at = row.string("at").flatMap(StoredTime.date), let username = row.string("username"),
                  let role = row.string("role"), let page = row.string("page"), let action = row.string("action") else {
                throw AccessError.corruptRecord("an audit entry without time, user, role, page or action")
            }
            return AuditEntry(at: at, username: username, role: role, customerKey: row.string("customer_key"), page: page,
                              action: action, ip: row.string("ip"), userAgent: row.string("user_agent"))
        }
    }
}
