import Foundation
import TenureCore

/// A source system's records, extracted page by page in a deterministic order.
///
/// A connector only splits what the source returns into records; it never interprets them, so
/// bronze can land every record as it came and quarantine the ones that cannot be read.
public protocol Connector: Sendable {
    /// The system this connector reads.
    var system: SourceSystem { get }
    /// A short description of where the records come from, for batch records and logs (never a secret).
    var origin: String { get }
    /// The pages of `entity`'s records changed at or after `watermark` (the largest value of the
    /// entity's change field landed before; nil for everything), in a deterministic order;
    /// memory is bounded by one page. Sources that cannot filter return everything, and bronze
    /// recognises what it already holds.
    func extract(_ entity: SourceEntity, since watermark: String?) throws(ConnectorError) -> RecordPages

    /// What the connector did so far: pages, records, retries.
    var statistics: ExtractionStatistics { get }
}

extension Connector {
    /// Every record of `entity`.
    public func extract(_ entity: SourceEntity) throws(ConnectorError) -> RecordPages { try extract(entity, since: nil) }
}

/// Counters a connector keeps while it extracts, for the report at the end of an ingestion.
public final class ExtractionStatistics: @unchecked Sendable {
    private let lock = NSLock()
    private var counts = (requests: 0, pages: 0, records: 0, retries: 0)

    /// Fresh counters.
    public init() {}

    /// HTTP requests sent (0 for files), pages and records handed to bronze, and retries after transient failures.
    public var requests: Int { lock.withLock { counts.requests } }
    /// Pages handed to bronze.
    public var pages: Int { lock.withLock { counts.pages } }
    /// Records handed to bronze.
    public var records: Int { lock.withLock { counts.records } }
    /// Requests repeated after a transient failure (5xx, 429, a timeout, an expired token).
    public var retries: Int { lock.withLock { counts.retries } }

    /// Counts one request.
    public func countRequest() { lock.withLock { counts.requests += 1 } }
    /// Counts `page` and hands it on.
    public func counted(_ page: RecordPage) -> RecordPage {
        lock.withLock { counts.pages += 1; counts.records += page.records.count }
        return page
    }
    /// Counts one retry.
    public func countRetry() { lock.withLock { counts.retries += 1 } }
}

/// One record as received, before any parsing.
public struct RawRecord: Sendable {
    /// The record's bytes: a JSON object, a JSON array of sheet cells, or a CSV line. Not
    /// necessarily valid UTF-8 — landing checks that.
    public var payload: [UInt8]
    /// How to read the payload.
    public var format: RecordFormat
    /// Why the record is already known to be broken (a truncated file), if it is.
    public var defect: String?

    /// A record of `payload` in `format`.
    public init(payload: [UInt8], format: RecordFormat, defect: String? = nil) {
        self.payload = payload
        self.format = format
        self.defect = defect
    }
}

/// The shapes a raw record comes in.
public enum RecordFormat: Sendable, Hashable {
    /// One JSON object.
    case jsonObject
    /// A JSON array of cell strings, the sheet row `number` (the header is row 1), under `header`.
    case sheetRow(number: Int)
    /// One CSV record under the file's header.
    case csvRow
}

/// A page of raw records.
public struct RecordPage: Sendable {
    /// Whether the records are the entity's own or its nested child rows (from their own export).
    public enum Target: Sendable, Hashable { case entity, child }

    /// Which table the records belong to.
    public var target: Target
    /// The column names of sheet and CSV rows; empty for JSON objects.
    public var header: [String]
    /// The records, in source order.
    public var records: [RawRecord]

    /// A page of `records` for `target` under `header`.
    public init(target: Target = .entity, header: [String] = [], records: [RawRecord]) {
        self.target = target
        self.header = header
        self.records = records
    }
}

/// A pull-based sequence of pages: the next page is read only when asked for.
public struct RecordPages: AsyncSequence, Sendable {
    public typealias Element = RecordPage
    private let next: @Sendable () async throws -> RecordPage?

    /// Pages produced by calling `next` until it returns nil.
    public init(_ next: @escaping @Sendable () async throws -> RecordPage?) { self.next = next }

    public func makeAsyncIterator() -> Iterator { Iterator(next: next) }

    /// Iterates the pages.
    public struct Iterator: AsyncIteratorProtocol {
        let next: @Sendable () async throws -> RecordPage?
        public mutating func next() async throws -> RecordPage? { try await next() }
    }
}
