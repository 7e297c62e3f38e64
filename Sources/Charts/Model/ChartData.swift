/// What a chart shows: its title, unit, categories and series.
public struct ChartData: Sendable, Equatable {
    /// The chart's title; also its accessible name and the table's caption.
    public var title: String
    /// A line under the title, e.g. the period or the population.
    public var subtitle: String?
    /// How values are written: `"%"` for fractions (0.37 is 37%), `"$"`, `"€"` or `"£"` as a
    /// prefix, any other text as a suffix after a space, `nil` for plain numbers.
    public var unit: String?
    /// The heading of the table's category column, e.g. "Month" or "Branch".
    public var categoryName: String
    /// The category labels in order: the x axis, or the rows of a horizontal bar chart.
    public var categories: [String]
    /// The series; values beyond the last category are ignored, missing ones are gaps.
    public var series: [Series]

    /// Data for a chart titled `title`, with one value per category in each series.
    public init(
        title: String,
        subtitle: String? = nil,
        unit: String? = nil,
        categoryName: String = "Category",
        categories: [String],
        series: [Series]
    ) {
        self.title = title
        self.subtitle = subtitle
        self.unit = unit
        self.categoryName = categoryName
        self.categories = categories
        self.series = series
    }
}

extension ChartData {
    /// The value of `series` at `category`, or nil when absent or not a finite number.
    func value(_ series: Int, _ category: Int) -> Double? {
        let values = self.series[series].values
        guard category < values.count, let value = values[category], value.isFinite else { return nil }
        return value
    }

    /// Every drawable value, in series then category order.
    var finiteValues: [Double] {
        series.indices.flatMap { s in categories.indices.compactMap { value(s, $0) } }
    }

    /// True when there is nothing to draw: no categories, or no value in any of them.
    var isEmpty: Bool { finiteValues.isEmpty }
}
