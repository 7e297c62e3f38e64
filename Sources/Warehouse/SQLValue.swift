/// One value crossing the SQL boundary: a bound argument or a result cell, the same on every engine.
///
/// The cases are SQLite's storage classes, which every engine can represent. Values are only
/// ever sent as bound parameters, never spliced into SQL text.
public enum SQLValue: Sendable, Hashable {
    /// SQL NULL.
    case null
    /// A 64-bit signed integer (also how booleans travel: 1 and 0).
    case integer(Int64)
    /// A double-precision float.
    case real(Double)
    /// UTF-8 text.
    case text(String)
    /// Raw bytes.
    case blob([UInt8])

    /// Whether the value is SQL NULL.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}
