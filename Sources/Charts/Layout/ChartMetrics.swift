/// Sizes and positions shared by every kind of chart, in user units.
enum ChartMetrics {
    static let padding = 16.0
    static let titleSize = 15.0
    static let subtitleSize = 12.0
    static let labelSize = 11.0
    static let legendRowHeight = 18.0
    /// Below the plot: one line of category or value labels.
    static let bottomMargin = 28.0
}
