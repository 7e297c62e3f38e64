import Connectors
import Foundation
import GRDB
import TenureCore

/// The simulated bank as its four systems hold it: every record of every entity in a SQLite
/// file beside the bank, with its key and change-field value indexed, so the emulators can answer
/// filtered, ordered, paged requests over millions of records without holding them in memory.
///
/// Records keep the bytes the generator wrote; invoices are kept without their `items`, which
/// are stored as child rows (ERPNext's `Sales Invoice Item`), as Frappe itself keeps them.
public final class SandboxStore: Sendable {
    let database: DatabasePool
    /// Records per entity, as loaded.
    public let counts: [String: Int]

    /// The store for the bank in `bank`, kept in `file`: built on first use (or when the bank is
    /// newer than the store), then reopened as it is.
    public static func open(bank: URL, file: URL) async throws -> SandboxStore {
        let manifest = bank.appendingPathComponent("manifest.json")
        guard FileManager.default.fileExists(atPath: manifest.path) else {
            throw SandboxError("\(bank.path) is not a generated bank (no manifest.json): make one with `tenure generate --out \(bank.path)`")
        }
        let stale = Self.modified(manifest) > Self.modified(file) || !FileManager.default.fileExists(atPath: file.path)
        if stale {
            for suffix in ["", "-wal", "-shm", ".partial", ".partial-wal", ".partial-shm"] { try? FileManager.default.removeItem(atPath: file.path + suffix) }
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            // Built under another name and renamed when complete, so an interrupted load is never mistaken for a store.
            let partial = URL(fileURLWithPath: file.path + ".partial")
            // A store being built is thrown away if the build fails, so it needs no journal.
            var fast = Configuration()
            fast.prepareDatabase { db in
                try db.execute(sql: "PRAGMA journal_mode = OFF")
                try db.execute(sql: "PRAGMA synchronous = OFF")
            }
            let building = try DatabaseQueue(path: partial.path, configuration: fast)
            try await Self.load(bank: bank, into: building)
            // Readers share the finished store through WAL; switching needs the only connection, which is this one.
            try await building.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
            try building.close()
            try FileManager.default.moveItem(at: partial, to: file)
        }
        let pool = try DatabasePool(path: file.path)
        let counts = try await pool.read { db in
            try Dictionary(uniqueKeysWithValues: String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").map { table in
                (table, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \"\(table)\"") ?? 0)
            })
        }
        return SandboxStore(database: pool, counts: counts)
    }

    private init(database: DatabasePool, counts: [String: Int]) {
        self.database = database
        self.counts = counts
    }

    private static func modified(_ file: URL) -> Date {
        ((try? FileManager.default.attributesOfItem(atPath: file.path))?[.modificationDate] as? Date) ?? .distantPast
    }

    /// The table holding `entity`'s records.
    static func table(_ entity: SourceEntity) -> String { "\(entity.system.rawValue)_\(entity.name)" }
    /// The table holding `entity`'s child rows.
    static func childTable(_ entity: SourceEntity) -> String? { entity.child.map { "\(entity.system.rawValue)_\($0.name)" } }

    /// Reads every entity's export into its table.
    private static func load(bank: URL, into database: DatabaseQueue) async throws {
        for entity in SourceEntity.all {
            let connector = FileConnector(system: entity.system, directory: bank, pageSize: 10_000)
            let isSheet = entity.system == .sheets
            try await database.write { db in
                try db.execute(sql: isSheet
                    ? "CREATE TABLE \"\(table(entity))\" (row INTEGER PRIMARY KEY, payload BLOB NOT NULL)"
                    : "CREATE TABLE \"\(table(entity))\" (seq INTEGER PRIMARY KEY, key TEXT, changed TEXT, payload BLOB NOT NULL)")
                if let child = childTable(entity) {
                    try db.execute(sql: "CREATE TABLE \"\(child)\" (seq INTEGER PRIMARY KEY, key TEXT, parent TEXT, changed TEXT, payload BLOB NOT NULL)")
                }
            }
            for try await page in try connector.extract(entity) {
                try await database.write { db in try insert(page, of: entity, into: db) }
            }
            try await database.write { db in
                if !isSheet {
                    try db.execute(sql: "CREATE INDEX \"ix_\(table(entity))_changed\" ON \"\(table(entity))\" (changed, key)")
                    try db.execute(sql: "CREATE INDEX \"ix_\(table(entity))_key\" ON \"\(table(entity))\" (key)")
                }
                if let child = childTable(entity) {
                    try db.execute(sql: "CREATE INDEX \"ix_\(child)_parent\" ON \"\(child)\" (parent, seq)")
                    try db.execute(sql: "CREATE INDEX \"ix_\(child)_changed\" ON \"\(child)\" (changed, key)")
                }
            }
        }
    }

    static func insert(_ page: RecordPage, of entity: SourceEntity, into db: Database) throws {
        if entity.system == .sheets {
            if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \"\(table(entity))\"") == 0 {
                let header = "[" + page.header.map { String(decoding: JSONSpans.jsonString($0), as: UTF8.self) }.joined(separator: ", ") + "]"
                try db.execute(sql: "INSERT INTO \"\(table(entity))\" (row, payload) VALUES (1, ?)", arguments: [Data(header.utf8)])
            }
            for record in page.records {
                guard case .sheetRow(let number) = record.format, JSONSpans.elements(of: record.payload) != nil else { continue }
                try db.execute(sql: "INSERT INTO \"\(table(entity))\" (row, payload) VALUES (?, ?)", arguments: [number, Data(record.payload)])
            }
            return
        }
        let insertRecord = try db.makeStatement(sql: "INSERT INTO \"\(table(entity))\" (key, changed, payload) VALUES (?, ?, ?)")
        let insertChild = try childTable(entity).map {
            try db.makeStatement(sql: "INSERT INTO \"\($0)\" (key, parent, changed, payload) VALUES (?, ?, ?, ?)")
        }
        for record in page.records {
            // A record that is not well-formed JSON could not be part of an API answer at all.
            guard let members = JSONSpans.members(of: record.payload) else { continue }
            func text(_ name: String?, in bytes: [UInt8], _ members: [(name: String, value: Range<Int>)]) -> String? {
                guard let name, let member = members.first(where: { $0.name == name }) else { return nil }
                return JSONSpans.scalarText(bytes[member.value])
            }
            var payload = record.payload
            if let child = entity.child, let insertChild, let items = members.first(where: { $0.name == child.field }) {
                let parent = text(entity.keyField, in: payload, members)
                let itemsBytes = Array(payload[items.value])
                for span in JSONSpans.elements(of: itemsBytes) ?? [] {
                    let row = Array(itemsBytes[span])
                    let rowMembers = JSONSpans.members(of: row) ?? []
                    try insertChild.execute(arguments: [text(child.keyField, in: row, rowMembers), parent,
                                                        text(entity.changeField, in: row, rowMembers), Data(row)])
                }
                payload = JSONSpans.object(payload) { $0 != child.field } ?? payload
            }
            try insertRecord.execute(arguments: [text(entity.keyField, in: record.payload, members), text(entity.changeField, in: record.payload, members),
                                                 Data(payload)])
        }
    }
}

/// Why the sandbox cannot start or answer, in one line.
public struct SandboxError: Error, CustomStringConvertible {
    /// The message.
    public let description: String
    /// An error saying `description`.
    public init(_ description: String) { self.description = description }
}
