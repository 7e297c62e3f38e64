/// One result row: column names in select order and their values.
///
/// Lookups by name try the exact name first and then ignore case, because PostgreSQL folds
/// unquoted aliases to lowercase (`AS N` comes back as `n`) while SQLite keeps them as written.
public struct Row: Sendable, Hashable {
    /// Column names, in the order the query selected them.
    public let columns: [String]
    /// Values, aligned with ``columns``.
    public let values: [SQLValue]

    /// Creates a row, or nil when `columns` and `values` differ in count.
    public init?(columns: [String], values: [SQLValue]) {
        guard columns.count == values.count else { return nil }
        self.init(uncheckedColumns: columns, values: values)
    }

    /// Creates a row whose counts the engine already guarantees to match.
    init(uncheckedColumns columns: [String], values: [SQLValue]) {
        self.columns = columns
        self.values = values
    }

    /// The value at `index` in select order.
    public subscript(index: Int) -> SQLValue {
        values[index]
    }

    /// The value of column `name`, or nil when the row has no such column.
    public subscript(name: String) -> SQLValue? {
        index(of: name).map { values[$0] }
    }

    /// The position of column `name` (exact match first, then case-insensitive).
    public func index(of name: String) -> Int? {
        if let exact = columns.firstIndex(of: name) { return exact }
        let lowered = name.lowercased()
        return columns.firstIndex { $0.lowercased() == lowered }
    }
}
