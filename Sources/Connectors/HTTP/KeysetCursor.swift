import Foundation

/// Where keyset paging stands: the watermark to start from, then the last record of the page
/// before; done once a page comes back short.
final class KeysetCursor: @unchecked Sendable {
    struct Position {
        let since: String?
        let after: (changed: String, key: String)?
    }

    private let lock = NSLock()
    private var since: String?
    private var after: (changed: String, key: String)?
    private var finished = false

    init(since: String?) { self.since = since }

    /// Where the next page starts; nil when there is no next page.
    var next: Position? { lock.withLock { finished ? nil : Position(since: since, after: after) } }

    /// Moves past `records`, the page just read.
    func advance(_ records: [[UInt8]], pageSize: Int, changeField: String, keyField: String) {
        let last = records.last.flatMap { record -> (String, String)? in
            guard let members = JSONSpans.members(of: record),
                  let changed = members.first(where: { $0.name == changeField }).flatMap({ JSONSpans.scalarText(record[$0.value]) }),
                  let key = members.first(where: { $0.name == keyField }).flatMap({ JSONSpans.scalarText(record[$0.value]) }) else { return nil }
            return (changed, key)
        }
        lock.withLock {
            if let last { after = last }
            // A short page is the last; so is one whose last record cannot be placed (no key to continue after).
            if records.count < pageSize || last == nil { finished = true }
        }
    }
}
