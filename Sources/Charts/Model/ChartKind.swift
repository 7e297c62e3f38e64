/// The kinds of chart the dashboard draws.
public enum ChartKind: String, Sendable, CaseIterable {
    /// One line per series across the categories, with a marker at each point.
    case line
    /// Vertical bars, one per series, grouped by category.
    case bar
    /// Vertical bars with the series stacked: positive values upward, negative downward from zero.
    case stackedBar
    /// Categories as rows with bars running right, e.g. customers at risk by branch.
    case horizontalBar
}
