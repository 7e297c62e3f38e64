/// One named row of values, one per category; `nil` means no data for that category.
public struct Series: Sendable, Equatable {
    /// The name shown in the legend and as the table's column heading.
    public var name: String
    /// The values in category order; `nil` (or a non-finite number) is drawn as a gap.
    public var values: [Double?]

    /// A series named `name` with `values` in category order.
    public init(_ name: String, _ values: [Double?]) {
        self.name = name
        self.values = values
    }
}
