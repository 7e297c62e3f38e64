import Foundation
import TenureCore
import Warehouse

/// Each entity's watermark, in `ops.watermarks`: the largest value of its change field
/// (`modified`, `SystemModstamp`, `created_at`) that bronze holds, so the next extraction asks
/// only for what changed since.
///
/// It is written after its batch commits. On SQLite ops and bronze are separate files, so a crash
/// in between leaves the watermark behind, never ahead: the next run asks for a little too much,
/// and bronze recognises the records it already holds.
public struct Watermarks: Sendable {
    let warehouse: any Warehouse

    /// The watermarks of `warehouse`.
    public init(_ warehouse: any Warehouse) { self.warehouse = warehouse }

    /// The watermark of `entity`, if it has been extracted with one.
    public func watermark(of entity: SourceEntity) async throws -> String? {
        try await BronzeCatalog.prepare(warehouse)
        return try await warehouse.query("SELECT watermark FROM \(BronzeCatalog.watermarks.sql) WHERE source_system = ? AND entity = ?",
                                         [.text(entity.system.rawValue), .text(entity.name)]).first?.string("watermark")
    }

    /// Moves `entity`'s watermark forward to `value`; an older value changes nothing.
    public func advance(_ entity: SourceEntity, to value: String, batchID: String, at date: Date = Date()) async throws {
        let current = try await watermark(of: entity)
        guard current.map({ value > $0 }) ?? true else { return }
        try await warehouse.transaction { transaction in
            try await transaction.execute("DELETE FROM \(BronzeCatalog.watermarks.sql) WHERE source_system = ? AND entity = ?",
                                          [.text(entity.system.rawValue), .text(entity.name)])
            try await transaction.execute("""
                INSERT INTO \(BronzeCatalog.watermarks.sql) (source_system, entity, watermark, batch_id, updated_at) VALUES (?, ?, ?, ?, ?)
                """, [.text(entity.system.rawValue), .text(entity.name), .text(value), .text(batchID),
                      .text(date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)))])
        }
    }

    /// Forgets every watermark of `system` (or all), so the next extraction is full.
    public func reset(_ system: SourceSystem? = nil) async throws {
        try await BronzeCatalog.prepare(warehouse)
        if let system {
            try await warehouse.execute("DELETE FROM \(BronzeCatalog.watermarks.sql) WHERE source_system = ?", [.text(system.rawValue)])
        } else {
            try await warehouse.execute("DELETE FROM \(BronzeCatalog.watermarks.sql)")
        }
    }
}
