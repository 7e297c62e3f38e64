import Connectors
import Crypto
import Foundation
import Logging
import TenureCore
import Warehouse

/// Lands an entity's pages into bronze as one atomic, append-only batch.
///
/// Every record is kept as received (text; nested JSON as JSON text) with `_batch_id`,
/// `_ingested_at`, `_source_system`, the content hash that recognises a record seen before, and
/// its source key. A record that cannot be read goes to `bronze._quarantine` with its raw bytes
/// and the reason. New source fields become new columns; vanished ones stay and go null; both are
/// recorded. The whole batch, ledger entry included, commits or rolls back as one transaction, so
/// a crash leaves no partial batch and the next run lands it whole.
public struct BronzeLander: Sendable {
    private let warehouse: any Warehouse
    private let logger: Logger
    /// The longest field value landed, in bytes; longer ones are quarantined.
    public var maximumFieldBytes = 1 << 20

    /// A lander writing into `warehouse`.
    public init(warehouse: any Warehouse, logger: Logger) {
        self.warehouse = warehouse
        self.logger = logger
    }

    /// Lands every page of `entity` from `connector` as one batch and returns its report.
    /// With a `watermark`, only records changed since it are asked for.
    public func land(_ entity: SourceEntity, from connector: any Connector, since watermark: String? = nil,
                     now: @Sendable () -> Date = Date.init) async throws -> BatchReport {
        let pages = try connector.extract(entity, since: watermark)
        let batchID = Self.batchID(for: entity, at: now())
        let startedAt = Self.timestamp(now())
        let reader = RecordReader(maximumFieldBytes: maximumFieldBytes, childField: entity.child?.field)
        let table = TableName(.bronze, entity.bronzeTable)
        let childTable = entity.child.map { TableName(.bronze, $0.bronzeTable) }
        let origin = connector.origin
        let logger = logger

        try await BronzeCatalog.prepare(warehouse)
        let report = try await warehouse.transaction { transaction in
            var report = BatchReport(batchID: batchID, entity: entity)
            var main = TableWriter(table: table, keyField: entity.keyField, system: entity.system, batchID: batchID, ingestedAt: startedAt)
            var child = childTable.map { TableWriter(table: $0, keyField: entity.child?.keyField ?? "name", system: entity.system,
                                                     batchID: batchID, ingestedAt: startedAt) }
            try await main.open(transaction)
            try await child?.open(transaction)
            // Reading the next page overlaps with writing this one: the two stages run on the two
            // cores a landing has, instead of taking turns.
            let parser = PageParser(pages: pages, reader: reader, entity: entity, batchID: batchID, startedAt: startedAt,
                                    table: table.name, childTable: childTable?.name)
            var next = Task { try await parser.next() }
            while let page = try await next.value {
                next = Task { try await parser.next() }
                report.received += page.received
                if let latest = page.latestChange, report.latestChange.map({ latest > $0 }) ?? true { report.latestChange = latest }
                if page.target == .entity {
                    report.landed += try await main.write(page.rows, transaction)
                    report.childrenLanded += try await child?.write(page.childRows, transaction) ?? 0
                } else {
                    report.landed += try await child?.write(page.childRows, transaction) ?? 0
                }
                if !page.quarantined.isEmpty {
                    try await transaction.bulkInsert(into: BronzeCatalog.quarantine, columns: Self.quarantineColumns, rows: page.quarantined)
                    report.quarantined += page.quarantined.count
                }
            }
            report.unchanged = report.received - report.landed - report.quarantined
            report.schemaChanges = try await main.schemaChanges(transaction) + (child?.schemaChanges(transaction) ?? [])
            let fields = main.seenFields.sorted()
            try await transaction.execute("""
                INSERT INTO \(BronzeCatalog.batches.sql) (batch_id, source_system, entity, bronze_table, origin, started_at, finished_at,
                  rows_received, rows_landed, rows_unchanged, rows_quarantined, child_rows_landed, fields, schema_changes)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [.text(batchID), .text(entity.system.rawValue), .text(entity.name), .text(table.name), .text(origin),
                      .text(startedAt), .text(Self.timestamp(now())), .integer(Int64(report.received)), .integer(Int64(report.landed)),
                      .integer(Int64(report.unchanged)), .integer(Int64(report.quarantined)), .integer(Int64(report.childrenLanded)),
                      .text(Self.json(fields)), .text(Self.json(report.schemaChanges))])
            return report
        }
        try await Self.recordSchemaChanges(in: warehouse)
        logger.info("landed batch", metadata: ["batch": "\(batchID)", "entity": "\(entity)", "received": "\(report.received)",
                                               "landed": "\(report.landed)", "unchanged": "\(report.unchanged)",
                                               "quarantined": "\(report.quarantined)"])
        return report
    }

    static let quarantineColumns = ["batch_id", "source_system", "entity", "bronze_table", "record_number", "reason",
                                    "raw_payload", "payload_text", "quarantined_at"]

    /// Copies schema changes from the batch ledger into `ops.schema_changes`.
    ///
    /// The ledger, in bronze, commits with its batch; `ops` is another schema (another file on
    /// SQLite, where a commit is not atomic across files), so ops is brought up to date from the
    /// ledger after each batch and before every run — a crash in between loses no change.
    public static func recordSchemaChanges(in warehouse: any Warehouse) async throws {
        try await BronzeCatalog.prepare(warehouse)
        let rows = try await warehouse.query("""
            SELECT batch_id, source_system, finished_at, schema_changes FROM \(BronzeCatalog.batches.sql)
            WHERE schema_changes <> '[]' AND batch_id NOT IN (SELECT batch_id FROM \(BronzeCatalog.schemaChanges.sql))
            """)
        for row in rows {
            let changes = (try? JSONDecoder().decode([SchemaChange].self, from: Data((row.string("schema_changes") ?? "[]").utf8))) ?? []
            try await warehouse.transaction { transaction in
                for change in changes {
                    try await transaction.execute("""
                        INSERT INTO \(BronzeCatalog.schemaChanges.sql) (batch_id, source_system, bronze_table, column_name, change, detected_at)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """, [.text(row.string("batch_id") ?? ""), .text(row.string("source_system") ?? ""), .text(change.table),
                              .text(change.column), .text(change.kind.rawValue), .text(row.string("finished_at") ?? "")])
                }
            }
        }
    }

    /// A batch id that sorts by time, to the millisecond: `20261127T091500123Z-erp_customers-3f2a9c`.
    static func batchID(for entity: SourceEntity, at date: Date) -> String {
        let stamp = timestamp(date).filter { $0.isNumber || $0 == "T" }
        return "\(stamp.prefix(18))Z-\(entity.bronzeTable)-\(String(UInt32.random(in: 0...UInt32.max), radix: 16))"
    }

    /// UTC ISO 8601 with milliseconds, the text form of every Tenure timestamp.
    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    private static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }
}

/// One page read and checked, ready to write.
struct ParsedPage: Sendable {
    var target: RecordPage.Target
    var received: Int
    var rows: [ReadRecord] = []
    var childRows: [ReadRecord] = []
    var quarantined: [[SQLValue]] = []
    /// The largest change-field value among the page's records.
    var latestChange: String?
}

/// Reads raw pages into parsed ones; used by one task at a time, each awaiting the one before.
final class PageParser: @unchecked Sendable {
    private var iterator: RecordPages.Iterator
    private var reader: RecordReader
    private let entity: SourceEntity
    private let batchID: String
    private let startedAt: String
    private let table: String
    private let childTable: String?
    private var recordNumber = 0
    private var hashLayout: [String] = []
    private var hashOrder: [Int] = []

    init(pages: RecordPages, reader: RecordReader, entity: SourceEntity, batchID: String, startedAt: String, table: String, childTable: String?) {
        iterator = pages.makeAsyncIterator()
        self.reader = reader
        self.entity = entity
        self.batchID = batchID
        self.startedAt = startedAt
        self.table = table
        self.childTable = childTable
    }

    func next() async throws -> ParsedPage? {
        guard let page = try await iterator.next() else { return nil }
        var parsed = ParsedPage(target: page.target, received: page.records.count)
        parsed.rows.reserveCapacity(page.records.count)
        for raw in page.records {
            recordNumber += 1
            do throws(RecordProblem) {
                var record = try reader.read(raw, header: page.header)
                record.hash = hash(record.fields)
                if page.target == .child {
                    parsed.childRows.append(record)
                } else {
                    if let field = entity.changeField, let value = record.fields.first(where: { $0.name == field })?.value,
                       parsed.latestChange.map({ value > $0 }) ?? true {
                        parsed.latestChange = value
                    }
                    parsed.rows.append(record)
                    parsed.childRows += record.children.map { ReadRecord(fields: $0, hash: hash($0)) }
                }
            } catch {
                parsed.quarantined.append([
                    .text(batchID), .text(entity.system.rawValue), .text(entity.name),
                    .text(page.target == .child ? (childTable ?? table) : table), .integer(Int64(recordNumber)), .text(error.reason),
                    .blob(raw.payload), .text(String(decoding: raw.payload, as: UTF8.self)), .text(startedAt),
                ])
            }
        }
        return parsed
    }

    /// The record's content hash, sorting field names once per layout.
    private func hash(_ fields: [(name: String, value: String?)]) -> String {
        if fields.count != hashLayout.count || zip(fields, hashLayout).contains(where: { $0.name != $1 }) {
            hashLayout = fields.map(\.name)
            hashOrder = ContentHash.sortedOrder(hashLayout)
        }
        return ContentHash.of(fields, order: hashOrder)
    }
}

/// Writes read records into one bronze table, growing its columns as new fields appear.
struct TableWriter {
    let table: TableName
    let keyField: String
    let system: SourceSystem
    let batchID: String
    let ingestedAt: String
    private(set) var columns: [String] = []
    private var positionByName: [String: Int] = [:]
    private(set) var seenFields = Set<String>()
    private var existedBefore = false
    private var addedColumns: [String] = []

    init(table: TableName, keyField: String, system: SourceSystem, batchID: String, ingestedAt: String) {
        self.table = table
        self.keyField = keyField
        self.system = system
        self.batchID = batchID
        self.ingestedAt = ingestedAt
    }

    /// Reads the table's current columns, if it exists.
    mutating func open(_ sql: any SQLExecutor) async throws {
        existedBefore = try await sql.tableExists(table)
        if existedBefore { columns = try await sql.columns(of: table) }
        for (index, column) in columns.enumerated() where positionByName[column.lowercased()] == nil {
            positionByName[column.lowercased()] = index
        }
    }

    /// Lands `records`; returns how many were new.
    mutating func write(_ records: [ReadRecord], _ sql: any WarehouseTransaction) async throws -> Int {
        guard !records.isEmpty else { return 0 }
        // Records of one entity nearly always list the same fields in the same order, so field
        // names are looked up only when a record's layout differs from the one before it.
        var newFields: [String] = []
        var newKeys = Set<String>()
        var previous: [String] = []
        for record in records where !Self.sameLayout(record, previous) {
            previous = record.fields.map(\.name)
            for name in previous {
                seenFields.insert(name)
                let key = name.lowercased()
                if positionByName[key] == nil, newKeys.insert(key).inserted { newFields.append(name) }
            }
        }
        if columns.isEmpty {
            try await BronzeCatalog.createEntityTable(table, fields: newFields, in: sql)
            columns = BronzeCatalog.metadataColumns + newFields
        } else {
            for field in newFields {
                try await sql.addColumn(ColumnDefinition(field, .text), to: table)
                columns.append(field)
                addedColumns.append(field)
            }
        }
        for (index, column) in columns.enumerated() where positionByName[column.lowercased()] == nil {
            positionByName[column.lowercased()] = index
        }

        var rows: [[SQLValue]] = []
        rows.reserveCapacity(records.count)
        previous = []
        var positions: [Int] = []
        var hashOrder: [Int] = []
        var keyIndex: Int? = nil
        for record in records {
            if !Self.sameLayout(record, previous) {
                previous = record.fields.map(\.name)
                positions = previous.map { positionByName[$0.lowercased()] ?? 0 }
                keyIndex = previous.firstIndex(of: keyField)
                hashOrder = ContentHash.sortedOrder(previous)
            }
            var row = [SQLValue](repeating: .null, count: columns.count)
            row[0] = .text(batchID)
            row[1] = .text(ingestedAt)
            row[2] = .text(system.rawValue)
            row[3] = .text(record.hash.isEmpty ? ContentHash.of(record.fields, order: hashOrder) : record.hash)
            if let keyIndex, let key = record.fields[keyIndex].value { row[4] = .text(key) }
            for (offset, field) in record.fields.enumerated() {
                if let value = field.value { row[positions[offset]] = .text(value) }
            }
            rows.append(row)
        }
        return try await sql.bulkInsert(into: table, columns: columns, rows: rows, skippingDuplicatesOf: "_record_hash")
    }

    private static func sameLayout(_ record: ReadRecord, _ names: [String]) -> Bool {
        guard record.fields.count == names.count else { return false }
        for (field, name) in zip(record.fields, names) where field.name != name { return false }
        return true
    }

    /// Columns added by this batch, and fields the previous batch of the table had but this one lacks.
    func schemaChanges(_ sql: any SQLExecutor) async throws -> [SchemaChange] {
        var changes = existedBefore ? addedColumns.map { SchemaChange(table: table.name, column: $0, kind: .added) } : []
        guard !seenFields.isEmpty else { return changes }
        let previous = try await sql.query("""
            SELECT fields FROM \(BronzeCatalog.batches.sql) WHERE bronze_table = ? AND rows_received > 0
            ORDER BY finished_at DESC, batch_id DESC LIMIT 1
            """, [.text(table.name)]).first?.string("fields")
        if let previous, let fields = try? JSONDecoder().decode([String].self, from: Data(previous.utf8)) {
            for field in fields.sorted() where !seenFields.contains(field) {
                changes.append(SchemaChange(table: table.name, column: field, kind: .removed))
            }
        }
        return changes
    }
}

/// The content hash that recognises a record seen before, whatever the order of its fields.
enum ContentHash {
    /// Hex of the first 16 bytes of SHA-256 over the fields sorted by name.
    static func of(_ fields: [(name: String, value: String?)]) -> String {
        of(fields, order: sortedOrder(fields.map(\.name)))
    }

    /// The positions of `names` in name order, computed once per record layout.
    static func sortedOrder(_ names: [String]) -> [Int] {
        names.indices.sorted { names[$0] < names[$1] }
    }

    /// The hash of `fields` taken in `order` (from ``sortedOrder(_:)`` of their names).
    static func of(_ fields: [(name: String, value: String?)], order: [Int]) -> String {
        var hasher = SHA256()
        for index in order {
            var name = fields[index].name
            name.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
            if var value = fields[index].value {
                hasher.update(data: [0x1F])
                value.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
            } else {
                hasher.update(data: [0x00])
            }
            hasher.update(data: [0x1E])
        }
        let hex = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(32)
        for byte in hasher.finalize().prefix(16) {
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
