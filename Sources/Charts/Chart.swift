/// A chart ready to render as inline SVG, as an HTML table, or as a figure holding both.
public struct Chart: Sendable {
    /// How the data is drawn.
    public let kind: ChartKind
    /// What is drawn.
    public let data: ChartData
    /// The SVG's width in user units (pixels at 100%).
    public let width: Int
    /// The SVG's height in user units.
    public let height: Int
    /// How values are written, worked out once because every tooltip and label needs it.
    let valueFormat: ValueFormat

    /// The smallest size at which title, axes and labels still fit; smaller requests are raised to it.
    static let minimumSize = (width: 240, height: 160)

    /// A `kind` chart of `data`, `width` × `height` user units.
    public init(_ kind: ChartKind, _ data: ChartData, width: Int = 640, height: Int = 280) {
        self.kind = kind
        self.data = data
        self.width = Swift.max(Self.minimumSize.width, width)
        self.height = Swift.max(Self.minimumSize.height, height)
        valueFormat = ValueFormat(unit: data.unit, values: data.finiteValues)
    }
}

extension Chart {
    /// A prefix for the SVG's element ids, derived from the content so output is deterministic
    /// while charts on one page do not share ids (which would break `aria-labelledby`).
    ///
    /// FNV-1a, not `Hasher`: Swift seeds `Hasher` per process, which would change the output every run.
    var elementID: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func feed(_ bytes: some Sequence<UInt8>) {
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        }
        func feed(_ number: UInt64) { feed((0..<8).map { UInt8(truncatingIfNeeded: number >> ($0 * 8)) }) }
        // Length before text, so ("ab", "c") and ("a", "bc") differ.
        func feed(_ text: String) { feed(UInt64(text.utf8.count)); feed(text.utf8) }
        feed(kind.rawValue)
        feed(UInt64(width)); feed(UInt64(height))
        feed(data.title); feed(data.subtitle ?? "\u{0}"); feed(data.unit ?? "\u{0}"); feed(data.categoryName)
        feed(UInt64(data.categories.count)); data.categories.forEach { feed($0) }
        for series in data.series {
            feed(series.name)
            feed(UInt64(series.values.count))
            series.values.forEach { feed($0?.bitPattern ?? 0x7FF8_DEAD_0000_0001) }
        }
        let hex = String(hash, radix: 16)
        return "chart-" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The tooltip of one value: which series, which category, how much.
    func tooltip(series: Int, category: Int, value: Double) -> String {
        let place = data.series.count > 1 ? "\(data.series[series].name), \(data.categories[category])" : data.categories[category]
        return "\(place): \(valueFormat.full(value))"
    }
}
