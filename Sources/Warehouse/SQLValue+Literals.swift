/// Literal conformances so arguments read naturally: `["Ada", 42, 1.5, true, nil]`.
extension SQLValue: ExpressibleByNilLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByStringLiteral, ExpressibleByBooleanLiteral
{
    /// Creates SQL NULL.
    public init(nilLiteral: ()) { self = .null }
    /// Creates an integer.
    public init(integerLiteral value: Int64) { self = .integer(value) }
    /// Creates a real.
    public init(floatLiteral value: Double) { self = .real(value) }
    /// Creates text.
    public init(stringLiteral value: String) { self = .text(value) }
    /// Creates 1 or 0, the portable spelling of a boolean (SQLite has no boolean storage class).
    public init(booleanLiteral value: Bool) { self = .integer(value ? 1 : 0) }
}

extension SQLValue {
    /// Creates text, or NULL when `value` is nil.
    public init(_ value: String?) { self = value.map(SQLValue.text) ?? .null }
    /// Creates an integer, or NULL when `value` is nil.
    public init(_ value: Int?) { self = value.map { .integer(Int64($0)) } ?? .null }
    /// Creates an integer, or NULL when `value` is nil.
    public init(_ value: Int64?) { self = value.map(SQLValue.integer) ?? .null }
    /// Creates a real, or NULL when `value` is nil.
    public init(_ value: Double?) { self = value.map(SQLValue.real) ?? .null }
    /// Creates 1 or 0, or NULL when `value` is nil.
    public init(_ value: Bool?) { self = value.map { .integer($0 ? 1 : 0) } ?? .null }
    /// Creates a blob, or NULL when `value` is nil.
    public init(_ value: [UInt8]?) { self = value.map(SQLValue.blob) ?? .null }
}
