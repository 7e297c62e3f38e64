import TenureCore
import Warehouse

/// How model SQL reads bronze: `{{ source('erpnext', 'customers') }}` is the latest version of
/// each record of `bronze.erp_customers`, through a view the runner keeps current.
///
/// Bronze keeps every version of a record; the view keeps the newest by `_ingested_at` per
/// `_source_key` (ties broken by content hash, so the choice is stable). Most keys have a single
/// version, so the view first finds the keys that have several, in one ordered pass over the
/// `(_source_key, _ingested_at)` index made here on first use, and probes for a newer version
/// only for those: ranking every row with a window function, or probing the index for each of
/// millions of app events, costs minutes. Records without a key are all current.
public enum SourceRelation {
    /// The bronze table a source names, if the catalog has it: `bronze.erp_customers`.
    public static func table(for source: SourceReference) -> TableName? {
        guard let system = SourceSystem(rawValue: source.system) else { return nil }
        let name = system.tablePrefix + "_" + source.table
        let known = SourceEntity.all.filter { $0.system == system }.flatMap { [$0.bronzeTable] + ($0.child.map { [$0.bronzeTable] } ?? []) }
        return known.contains(name) ? TableName(.bronze, name) : nil
    }

    /// The view of the latest versions: `bronze.erp_customers__latest`.
    public static func view(for table: TableName) -> TableName {
        TableName(.bronze, table.name + "__latest")
    }

    /// The `SELECT` behind the view.
    public static func latestVersionsSQL(of table: TableName) -> String {
        """
        SELECT * FROM \(table.sql) s
        WHERE s._source_key IS NULL
          OR s._source_key NOT IN (
            SELECT _source_key FROM \(table.sql) WHERE _source_key IS NOT NULL GROUP BY _source_key HAVING COUNT(*) > 1)
          OR NOT EXISTS (
            SELECT 1 FROM \(table.sql) n WHERE n._source_key = s._source_key
            AND (n._ingested_at > s._ingested_at OR (n._ingested_at = s._ingested_at AND n._record_hash > s._record_hash)))
        """
    }

    /// Indexes the table's versions and re-creates the view, so columns bronze gained since are in it (PostgreSQL fixes a view's
    /// columns when it is created).
    static func refreshView(of table: TableName, in warehouse: any Warehouse) async throws {
        let view = Self.view(for: table)
        try await warehouse.createIndex("ix_\(table.name)_versions", on: table, columns: ["_source_key", "_ingested_at"])
        try await warehouse.transaction { transaction in
            try await transaction.execute("DROP VIEW IF EXISTS \(view.sql)")
            try await transaction.execute("CREATE VIEW \(view.sql) AS \(latestVersionsSQL(of: table))")
        }
    }
}
