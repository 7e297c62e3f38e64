import Foundation
import TenureCore
import Warehouse

/// What bronze holds per source: the last batch, rows, age, quarantine and schema changes.
public struct BronzeStatus: Sendable {
    /// One bronze table's state.
    public struct Table: Sendable {
        public let system: SourceSystem
        public let table: String
        /// Rows in the table, every version kept.
        public let rows: Int
        public let lastBatch: String?
        /// When the last batch finished (UTC ISO 8601).
        public let lastBatchAt: String?
        public let quarantined: Int
        public let schemaChanges: [SchemaChange]
    }

    /// Every entity's table, in landing order.
    public let tables: [Table]

    /// Reads the state of every bronze table in `warehouse`.
    public static func read(from warehouse: any Warehouse) async throws -> BronzeStatus {
        try await BronzeCatalog.prepare(warehouse)
        var tables: [Table] = []
        let existing = Set(try await warehouse.tables(in: .bronze))
        let entityTables = SourceEntity.all.flatMap { entity in
            // Child rows land in their parent's batch.
            [(entity.system, entity.bronzeTable, entity.bronzeTable)] + (entity.child.map { [(entity.system, $0.bronzeTable, entity.bronzeTable)] } ?? [])
        }
        for (system, name, ledgerName) in entityTables {
            let rows = existing.contains(name)
                ? try await warehouse.query("SELECT COUNT(*) AS n FROM \(TableName(.bronze, name).sql)").first?.int("n") ?? 0 : 0
            let last = try await warehouse.query("""
                SELECT batch_id, finished_at FROM \(BronzeCatalog.batches.sql)
                WHERE bronze_table = ? ORDER BY finished_at DESC, batch_id DESC LIMIT 1
                """, [.text(ledgerName)]).first
            let quarantined = try await warehouse.query(
                "SELECT COUNT(*) AS n FROM \(BronzeCatalog.quarantine.sql) WHERE bronze_table = ?", [.text(name)]).first?.int("n") ?? 0
            let changes = try await warehouse.query("""
                SELECT column_name, change FROM \(BronzeCatalog.schemaChanges.sql) WHERE bronze_table = ? ORDER BY detected_at, column_name
                """, [.text(name)]).map {
                SchemaChange(table: name, column: $0.string("column_name") ?? "", kind: SchemaChange.Kind(rawValue: $0.string("change") ?? "") ?? .added)
            }
            tables.append(Table(system: system, table: name, rows: rows, lastBatch: last?.string("batch_id"),
                                lastBatchAt: last?.string("finished_at"), quarantined: quarantined, schemaChanges: changes))
        }
        return BronzeStatus(tables: tables)
    }
}
