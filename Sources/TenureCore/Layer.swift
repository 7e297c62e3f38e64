/// A schema of the warehouse; the names are a contract shared by every engine and every SQL model.
public enum Layer: String, CaseIterable, Sendable, Codable {
    /// Every source record as received, append-only, one batch per extraction.
    case bronze
    /// Cleaned, typed and unified records: one row per real customer.
    case silver
    /// Wide tables for people and for the model.
    case gold
    /// Model runs, versions, metrics and artifacts.
    case ml
    /// Pipeline runs, test results, schema changes, review queue, audit log.
    case ops
}
