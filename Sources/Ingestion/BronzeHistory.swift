import TenureCore
import Warehouse

/// Reads bronze's history: every version of every record is kept, and readers (silver) take the
/// latest version of each record as of a moment or a batch, so any past day can be rebuilt.
public enum BronzeHistory {
    /// The point in history to read as of.
    public enum Cutoff: Sendable, Equatable {
        /// Everything landed so far.
        case latest
        /// What had landed by this UTC ISO 8601 time (`2026-01-15` or `2026-01-15T09:00:00Z`).
        case time(String)
        /// What had landed up to and including this batch.
        case batch(String)

        /// Reads `BATCH` or `DATE` as given on the command line: a batch id has a `-` after its
        /// timestamp and a table name; anything else is a time.
        public init(parsing text: String) {
            self = text.contains("Z-") ? .batch(text) : .time(text)
        }
    }

    /// A `SELECT` of the latest version of each record of `table` as of `cutoff`, with its
    /// arguments; its columns are the table's. A record is identified by its source key (or, when
    /// it has none, by its content).
    public static func latestVersions(of table: TableName, asOf cutoff: Cutoff) -> (sql: String, arguments: [SQLValue]) {
        let filter: String
        var arguments: [SQLValue] = []
        switch cutoff {
        case .latest:
            filter = ""
        case .time(let time):
            // A bare date means the whole day.
            filter = "WHERE _ingested_at <= ?"
            arguments = [.text(time.count == 10 ? time + "T23:59:59.999Z" : time)]
        case .batch(let batch):
            filter = "WHERE _ingested_at <= (SELECT started_at FROM \(TableName(.bronze, "_batches").sql) WHERE batch_id = ?)"
            arguments = [.text(batch)]
        }
        let sql = """
            SELECT * FROM (
              SELECT t.*, ROW_NUMBER() OVER (PARTITION BY COALESCE(_source_key, _record_hash) ORDER BY _ingested_at DESC, _batch_id DESC) AS _version_rank
              FROM \(table.sql) t \(filter)
            ) versions WHERE _version_rank = 1
            """
        return (sql, arguments)
    }
}
