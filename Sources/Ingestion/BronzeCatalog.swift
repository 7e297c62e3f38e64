import TenureCore
import Warehouse

/// The bronze layer's own tables: the batch ledger and the quarantine, beside the entity tables;
/// and `ops.schema_changes`.
enum BronzeCatalog {
    /// Columns Tenure adds to every bronze row, before the source's fields.
    static let metadataColumns = ["_batch_id", "_ingested_at", "_source_system", "_record_hash", "_source_key"]

    static let batches = TableName(.bronze, "_batches")
    static let quarantine = TableName(.bronze, "_quarantine")
    static let schemaChanges = TableName(.ops, "schema_changes")
    static let watermarks = TableName(.ops, "watermarks")

    /// Creates the ledger, quarantine and schema-change tables when missing.
    static func prepare(_ sql: some SQLExecutor) async throws {
        try await sql.createTable(batches, columns: [
            ColumnDefinition("batch_id", .text, isNullable: false), ColumnDefinition("source_system", .text, isNullable: false),
            ColumnDefinition("entity", .text, isNullable: false), ColumnDefinition("bronze_table", .text, isNullable: false),
            ColumnDefinition("origin", .text), ColumnDefinition("started_at", .text), ColumnDefinition("finished_at", .text),
            ColumnDefinition("rows_received", .integer), ColumnDefinition("rows_landed", .integer), ColumnDefinition("rows_unchanged", .integer),
            ColumnDefinition("rows_quarantined", .integer), ColumnDefinition("child_rows_landed", .integer),
            ColumnDefinition("fields", .text), ColumnDefinition("schema_changes", .text),
        ], ifNotExists: true)
        try await sql.createIndex("ux_batches_id", on: batches, columns: ["batch_id"], unique: true)
        try await sql.createTable(quarantine, columns: [
            ColumnDefinition("batch_id", .text, isNullable: false), ColumnDefinition("source_system", .text, isNullable: false),
            ColumnDefinition("entity", .text, isNullable: false), ColumnDefinition("bronze_table", .text, isNullable: false),
            ColumnDefinition("record_number", .integer), ColumnDefinition("reason", .text, isNullable: false),
            ColumnDefinition("raw_payload", .blob), ColumnDefinition("payload_text", .text), ColumnDefinition("quarantined_at", .text),
        ], ifNotExists: true)
        try await sql.createTable(schemaChanges, columns: [
            ColumnDefinition("batch_id", .text, isNullable: false), ColumnDefinition("source_system", .text, isNullable: false),
            ColumnDefinition("bronze_table", .text, isNullable: false), ColumnDefinition("column_name", .text, isNullable: false),
            ColumnDefinition("change", .text, isNullable: false), ColumnDefinition("detected_at", .text),
        ], ifNotExists: true)
        try await sql.createIndex("ux_schema_changes", on: schemaChanges, columns: ["batch_id", "bronze_table", "column_name", "change"], unique: true)
        try await sql.createTable(watermarks, columns: [
            ColumnDefinition("source_system", .text, isNullable: false), ColumnDefinition("entity", .text, isNullable: false),
            ColumnDefinition("watermark", .text, isNullable: false), ColumnDefinition("batch_id", .text, isNullable: false),
            ColumnDefinition("updated_at", .text, isNullable: false),
        ], ifNotExists: true)
        try await sql.createIndex("ux_watermarks", on: watermarks, columns: ["source_system", "entity"], unique: true)
    }

    /// Creates an entity's bronze table with the metadata columns and `fields`, all text.
    static func createEntityTable(_ table: TableName, fields: [String], in sql: some SQLExecutor) async throws {
        let columns = metadataColumns.map { ColumnDefinition($0, .text, isNullable: $0 == "_source_key") }
            + fields.map { ColumnDefinition($0, .text) }
        try await sql.createTable(table, columns: columns, ifNotExists: true)
        // Identical content is recognised by its hash: a record landed twice is stored once.
        // The only index: every other one would slow the landing of millions of rows, and
        // readers scan whole tables (latest version per key) rather than look records up.
        try await sql.createIndex("ux_\(table.name)_hash", on: table, columns: ["_record_hash"], unique: true)
    }
}
