/// One field of a source record, typed the way the source's JSON types it.
enum FieldValue {
    case string(String)
    case int(Int)
    /// A decimal amount printed the way Python's `json` prints a float (`120.0`, `99.5`).
    case amount(Double)
    /// Any other number, in Swift's shortest round-tripping form.
    case number(Double)
    case bool(Bool)
    case null
    /// A nested object, kept in field order (Salesforce `attributes`, Supabase `event_data`).
    case object([(String, FieldValue)])
    /// A list of nested objects (ERPNext child-table rows).
    case rows([[(String, FieldValue)]])

    /// `value` as a string, or null when absent.
    static func optional(_ value: String?) -> FieldValue { value.map { .string($0) } ?? .null }
}

/// A record as an ordered list of named fields.
typealias Record = [(String, FieldValue)]

extension Double {
    /// Two-decimal amount text without superfluous trailing zeros (`12.5`, `12.0`, `12.34`).
    var amountText: String {
        let cents = (self * 100).rounded()
        let negative = cents < 0
        let magnitude = Int(abs(cents))
        let whole = magnitude / 100, fraction = magnitude % 100
        let tail: String
        if fraction == 0 { tail = "0" } else if fraction % 10 == 0 { tail = String(fraction / 10) } else { tail = pad2(fraction) }
        return (negative ? "-" : "") + "\(whole).\(tail)"
    }
}
