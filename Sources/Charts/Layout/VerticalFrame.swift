/// The plot of a chart with categories across and values up: line, bar and stacked bar.
struct VerticalFrame {
    let plot: PlotArea
    let axis: ValueAxis
    /// The width given to each category.
    var band: Double { plot.width / Double(Swift.max(1, count)) }
    let count: Int

    /// The centre of category `index`.
    func x(_ index: Int) -> Double { plot.left + (Double(index) + 0.5) * band }
    /// The height of `value`.
    func y(_ value: Double) -> Double { axis.position(value) }
}
