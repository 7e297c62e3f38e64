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
    public func land(_ entity: SourceEntity, from connector: any Connector, now: @Sendable () -> Date = Date.init) async throws -> BatchReport {
        let pages = try connector.extract(entity)
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
            var recordNumber = 0
            var quarantined: [[SQLValue]] = []
            for try await page in pages {
                var rows: [ReadRecord] = []
                var childRows: [ReadRecord] = []
                for raw in page.records {
                    recordNumber += 1
                    do throws(RecordProblem) {
                        let record = try reader.read(raw, header: page.header)
                        if page.target == .child {
                            childRows.append(record)
                        } else {
                            rows.append(record)
                            childRows += record.children.map { ReadRecord(fields: $0) }
                        }
                    } catch {
                        quarantined.append([.text(batchID), .text(entity.system.rawValue), .text(entity.name),
                                            .text(page.target == .child ? (childTable?.name ?? table.name) : table.name),
                                            .integer(Int64(recordNumber)), .text(error.reason), .blob(raw.payload),
                                            .text(String(decoding: raw.payload, as: UTF8.self)), .text(startedAt)])
                    }
                }
                if page.target == .entity {
                    report.received += page.records.count
                    report.landed += try await main.write(rows, transaction)
                } else {
                    report.received += page.records.count
                    report.landed += try await (child?.write(childRows, transaction) ?? 0)
                    childRows = []
                }
                if !childRows.isEmpty { report.childrenLanded += try await child?.write(childRows, transaction) ?? 0 }
                if quarantined.count >= 1_000 {
                    try await transaction.bulkInsert(into: BronzeCatalog.quarantine, columns: Self.quarantineColumns, rows: quarantined)
                    quarantined.removeAll()
                }
            }
            if !quarantined.isEmpty {
                try await transaction.bulkInsert(into: BronzeCatalog.quarantine, columns: Self.quarantineColumns, rows: quarantined)
            }
            report.quarantined = try await Self.count(BronzeCatalog.quarantine, batchID: batchID, transaction)
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

    private static func count(_ table: TableName, batchID: String, _ sql: any SQLExecutor) async throws -> Int {
        try await sql.query("SELECT COUNT(*) AS n FROM \(table.sql) WHERE batch_id = ?", [.text(batchID)]).first?.int("n") ?? 0
    }

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

    /// A batch id that sorts by time: `20261127T091500Z-erp_customers-3f2a9c`.
    static func batchID(for entity: SourceEntity, at date: Date) -> String {
        let stamp = timestamp(date).replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
        return "\(stamp.prefix(15))Z-\(entity.bronzeTable)-\(String(UInt32.random(in: 0...UInt32.max), radix: 16))"
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

/// Writes read records into one bronze table, growing its columns as new fields appear.
struct TableWriter {
    let table: TableName
    let keyField: String
    let system: SourceSystem
    let batchID: String
    let ingestedAt: String
    private(set) var columns: [String] = []
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
    }

    /// Lands `records`; returns how many were new.
    mutating func write(_ records: [ReadRecord], _ sql: any WarehouseTransaction) async throws -> Int {
        guard !records.isEmpty else { return 0 }
        var fieldOrder: [String] = []
        var known = Set(columns.map { $0.lowercased() })
        for record in records {
            for field in record.fields where !seenFields.contains(field.name) {
                seenFields.insert(field.name)
                if !known.contains(field.name.lowercased()) {
                    fieldOrder.append(field.name)
                    known.insert(field.name.lowercased())
                }
            }
        }
        if columns.isEmpty {
            try await BronzeCatalog.createEntityTable(table, fields: fieldOrder, in: sql)
            columns = BronzeCatalog.metadataColumns + fieldOrder
        } else {
            for field in fieldOrder {
                try await sql.addColumn(ColumnDefinition(field, .text), to: table)
                columns.append(field)
                addedColumns.append(field)
            }
        }
        let positions = Dictionary(columns.enumerated().map { ($1.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        var rows: [[SQLValue]] = []
        rows.reserveCapacity(records.count)
        for record in records {
            var row = [SQLValue](repeating: .null, count: columns.count)
            row[0] = .text(batchID)
            row[1] = .text(ingestedAt)
            row[2] = .text(system.rawValue)
            row[3] = .text(ContentHash.of(record.fields))
            row[4] = record.fields.first { $0.name == keyField }?.value.map(SQLValue.text) ?? .null
            for (name, value) in record.fields {
                if let position = positions[name.lowercased()], let value { row[position] = .text(value) }
            }
            rows.append(row)
        }
        return try await sql.bulkInsert(into: table, columns: columns, rows: rows, skippingDuplicatesOf: "_record_hash")
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
        var hasher = SHA256()
        for (name, value) in fields.sorted(by: { $0.name < $1.name }) {
            hasher.update(data: Array(name.utf8))
            if let value {
                hasher.update(data: [0x1F])
                hasher.update(data: Array(value.utf8))
            } else {
                hasher.update(data: [0x00])
            }
            hasher.update(data: [0x1E])
        }
        let digest = Array(hasher.finalize())
        let hex = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(32)
        for byte in digest.prefix(16) {
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
