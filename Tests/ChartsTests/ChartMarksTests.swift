import Charts
import Foundation
import Testing

@Suite("Chart marks: bars, stacks and lines drawn to scale")
struct ChartMarksTests {
    /// The y of the zero line: the darker horizontal line drawn over the marks.
    func zeroLineY(_ markup: Markup) throws -> Double {
        let line = try #require(markup.elements("line").last { $0.string("stroke") == "#6B7280" })
        return try #require(line.number("y1"))
    }

    @Test("bars for 10 and 20: the second is twice as tall, both stand on the zero line")
    func proportionalBars() throws {
        let markup = try Markup(Chart(.bar, Sample.data(categories: ["A", "B"], Series("n", [10, 20]))).svg)
        let bars = markup.elements("rect", class: "bar")
        try #require(bars.count == 2)
        let heights = bars.compactMap { $0.number("height") }
        #expect(abs(heights[1] / heights[0] - 2) < 0.001)
        let zero = try zeroLineY(markup)
        for bar in bars { #expect(abs(bar.number("y")! + bar.number("height")! - zero) < 0.01) }
        #expect(bars.map(\.tooltip) == ["A: 10", "B: 20"])
    }

    @Test("grouped bars: one per series per category, side by side, in palette order")
    func groupedBars() throws {
        let data = Sample.data(categories: ["A", "B"], Series("x", [1, 2]), Series("y", [3, nil]))
        let bars = try Markup(Chart(.bar, data).svg).elements("rect", class: "bar")
        try #require(bars.count == 3, "a missing value draws no bar")
        #expect(bars.map { $0.string("fill") } == ["#0072B2", "#D55E00", "#0072B2"])
        #expect(bars[0].number("x")! + bars[0].number("width")! <= bars[1].number("x")! + 0.01)
        #expect(bars.map(\.tooltip) == ["x, A: 1", "y, A: 3", "x, B: 2"])
    }

    @Test("a negative bar hangs from the zero line, half as long as its positive twin")
    func negativeBars() throws {
        let markup = try Markup(Chart(.bar, Sample.data(categories: ["loss", "gain"], Series("n", [-5, 10]))).svg)
        let bars = markup.elements("rect", class: "bar")
        try #require(bars.count == 2)
        let zero = try zeroLineY(markup)
        #expect(abs(bars[0].number("y")! - zero) < 0.01)
        #expect(abs(bars[1].number("y")! + bars[1].number("height")! - zero) < 0.01)
        #expect(abs(bars[0].number("height")! / bars[1].number("height")! - 0.5) < 0.001)
        #expect(markup.texts("text", class: "tick").contains("0"))
    }

    @Test("stacked segments 10 + 20 + 30 tile without gaps and reach the tick for 60")
    func stackedBars() throws {
        let data = Sample.data(categories: ["Q1"], Series("a", [10]), Series("b", [20]), Series("c", [30]))
        let markup = try Markup(Chart(.stackedBar, data).svg)
        let segments = markup.elements("rect", class: "bar")
        try #require(segments.count == 3)
        let heights = segments.map { $0.number("height")! }
        #expect(abs(heights[1] / heights[0] - 2) < 0.01 && abs(heights[2] / heights[0] - 3) < 0.01)
        for (lower, upper) in zip(segments, segments.dropFirst()) {
            #expect(abs(upper.number("y")! + upper.number("height")! - lower.number("y")!) < 0.001, "segments meet")
        }
        let zero = try zeroLineY(markup)
        #expect(abs(segments[0].number("y")! + heights[0] - zero) < 0.001)
        // Ticks 0, 20, 40, 60: the stack's top is the 60 tick's y (its label sits 4 below).
        let ticks = markup.elements("text", class: "tick")
        try #require(ticks.map { $0.stringValue } == ["0", "20", "40", "60"])
        let top60 = ticks[3].number("y")! - 4
        #expect(abs(heights.reduce(0, +) - (zero - top60)) < 0.02)
    }

    @Test("stacked with negatives: positives up from zero, negatives down, gaps skipped")
    func stackedNegatives() throws {
        let data = Sample.data(categories: ["Q1", "Q2"], Series("in", [30, 10]), Series("out", [-10, nil]), Series("more", [20, 5]))
        let markup = try Markup(Chart(.stackedBar, data).svg)
        let segments = markup.elements("rect", class: "bar")
        try #require(segments.count == 5)
        let zero = try zeroLineY(markup)
        let q1 = Array(segments.prefix(3))
        #expect(abs(q1[1].number("y")! - zero) < 0.01, "the negative segment starts at zero")
        #expect(abs(q1[2].number("y")! + q1[2].number("height")! - q1[0].number("y")!) < 0.01, "the third stacks on the first, not the negative")
        #expect(abs(q1[0].number("height")! + q1[2].number("height")! - 5 * q1[1].number("height")!) < 0.05)
    }

    @Test("a missing value splits a line into two paths and draws no marker")
    func lineGap() throws {
        let markup = try Markup(Chart(.line, Sample.data(categories: ["1", "2", "3", "4", "5"], Series("s", [1, 2, nil, 4, 5]))).svg)
        let paths = markup.elements("path", class: "line")
        #expect(paths.count == 2)
        #expect(paths.allSatisfy { ($0.string("d") ?? "").filter { $0 == "L" }.count == 1 })
        #expect(markup.elements("circle", class: "marker").count == 4)
    }

    @Test("isolated values get a marker but no line")
    func isolatedPoints() throws {
        let markup = try Markup(Chart(.line, Sample.data(categories: ["1", "2", "3", "4", "5"], Series("s", [1, nil, 3, nil, 5]))).svg)
        #expect(markup.elements("path", class: "line").isEmpty)
        #expect(markup.elements("circle", class: "marker").count == 3)
    }

    @Test("points sit at the heights of their values, on the same scale as the ticks")
    func linePositions() throws {
        let markup = try Markup(Chart(.line, Sample.data(categories: ["a", "b", "c"], Series("s", [0, 50, 100]))).svg)
        let ys = markup.elements("circle", class: "marker").map { $0.number("cy")! }
        try #require(ys.count == 3)
        #expect(abs((ys[0] - ys[1]) - (ys[1] - ys[2])) < 0.01)
        let ticks = markup.elements("text", class: "tick")
        #expect(abs(ticks.last!.number("y")! - 4 - ys[2]) < 0.01)
        #expect(markup.texts("text", class: "tick") == ["0", "20", "40", "60", "80", "100"])
    }

    @Test("a second series gets another colour and marker shape")
    func seriesStyles() throws {
        let markup = try Markup(Chart(.line, Sample.data(Series("a", [1, 2, 3, 4]), Series("b", [4, 3, 2, 1]))).svg)
        let strokes = markup.elements("path", class: "line").map { $0.string("stroke") }
        #expect(strokes == ["#0072B2", "#D55E00"])
        #expect(markup.elements("circle", class: "marker").count == 4 + 1, "circles for a, one more in the legend")
        #expect(markup.elements("rect", class: "marker").count == 4 + 1, "squares for b, one more in the legend")
    }

    @Test("a percent line chart over 0…0.37 is ticked 0% to 40%")
    func percentAxis() throws {
        let markup = try Markup(Chart(.line, Sample.data(unit: "%", Series("churn", [0.12, 0.37, 0.2, 0.05]))).svg)
        #expect(markup.texts("text", class: "tick") == ["0%", "10%", "20%", "30%", "40%"])
    }

    @Test("36 months: labels thinned, first and last kept, no two overlapping")
    func thinnedLabels() throws {
        let months = (0..<36).map { String(format: "%04d-%02d", 2023 + $0 / 12, $0 % 12 + 1) }
        let markup = try Markup(Chart(.line, Sample.data(categories: months, Series("s", months.indices.map { Double($0) }))).svg)
        let labels = markup.elements("text", class: "category")
        #expect(labels.count < 36 && labels.count > 3)
        #expect(labels.first?.stringValue == "2023-01")
        #expect(labels.last?.stringValue == "2025-12")
        let xs = labels.map { $0.number("x")! }
        for (a, b) in zip(xs, xs.dropFirst()) {
            #expect(b - a >= 7 * 11 * 0.6, "further apart than a label is wide")
        }
    }

    @Test("horizontal bars: one row per branch, lengths proportional, values written, long names cut in the SVG only")
    func horizontalBars() throws {
        let branch = "Kingsford Smith Drive Business Banking Centre and Regional Hub"
        let data = ChartData(title: "Customers at risk by branch", categoryName: "Branch",
                             categories: ["Central", "Harbour", branch], series: [Series("At risk", [1250, 625, 2500])])
        let chart = Chart(.horizontalBar, data)
        let markup = try Markup(chart.svg)
        let bars = markup.elements("rect", class: "bar")
        let widths = bars.map { $0.number("width")! }
        try #require(widths.count == 3)
        #expect(abs(widths[0] / widths[1] - 2) < 0.001 && abs(widths[2] / widths[0] - 2) < 0.001)
        #expect(Set(bars.map { $0.number("x")! }).count == 1, "all bars start at zero")
        let ys = bars.map { $0.number("y")! }
        #expect(ys == ys.sorted(), "rows top to bottom in category order")
        #expect(markup.texts("text", class: "value") == ["1,250", "625", "2,500"])
        let labels = markup.texts("text", class: "category")
        try #require(labels.count == 3)
        #expect(labels[0] == "Central" && labels[2].hasSuffix("…") && labels[2].count < branch.count)
        #expect(try Markup(chart.tableHTML).texts("th").contains(branch))
        #expect(markup.elements("text", class: "legend").isEmpty, "one series, no legend")
    }
}
