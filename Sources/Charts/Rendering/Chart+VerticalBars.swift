extension Chart {
    /// Draws one bar per series side by side within each category.
    func drawGroupedBars(into parts: inout [String], plotTop: Double) {
        let values = data.finiteValues
        let frame = verticalFrame(into: &parts, plotTop: plotTop, minimum: values.min() ?? 0, maximum: values.max() ?? 0)
        // A fifth of each band stays empty so groups read as groups; with few categories bars
        // stop widening at 56 units, where they would start to read as areas.
        let barWidth = Swift.min(frame.band * 0.8 / Double(data.series.count), 56)
        let groupWidth = barWidth * Double(data.series.count)
        let zero = frame.y(0)
        for category in data.categories.indices {
            let groupLeft = frame.x(category) - groupWidth / 2
            for series in data.series.indices {
                guard let value = data.value(series, category) else { continue }
                let y = frame.y(value)
                parts.append(SVGElement.rect(
                    x: groupLeft + Double(series) * barWidth, y: Swift.min(y, zero),
                    width: barWidth, height: abs(zero - y), fill: Palette.color(series), className: "bar",
                    tooltip: tooltip(series: series, category: category, value: value)))
            }
        }
        drawZeroLine(into: &parts, frame: frame)
    }

    /// Draws the series stacked in each category: positive values up from zero, negative values down.
    func drawStackedBars(into parts: inout [String], plotTop: Double) {
        // Positive and negative parts stack separately, so the axis must cover both sums.
        var highest = 0.0, lowest = 0.0
        for category in data.categories.indices {
            let values = data.series.indices.compactMap { data.value($0, category) }
            highest = Swift.max(highest, values.filter { $0 > 0 }.reduce(0, +))
            lowest = Swift.min(lowest, values.filter { $0 < 0 }.reduce(0, +))
        }
        let frame = verticalFrame(into: &parts, plotTop: plotTop, minimum: lowest, maximum: highest)
        let barWidth = Swift.min(frame.band * 0.6, 72)
        for category in data.categories.indices {
            var above = 0.0, below = 0.0
            for series in data.series.indices {
                guard let value = data.value(series, category) else { continue }
                let from = value >= 0 ? above : below
                let to = from + value
                if value >= 0 { above = to } else { below = to }
                // Both edges from the (rounded) axis, so segments meet without seams and add up exactly.
                let y1 = frame.y(from), y2 = frame.y(to)
                parts.append(SVGElement.rect(
                    x: frame.x(category) - barWidth / 2, y: Swift.min(y1, y2), width: barWidth, height: abs(y1 - y2),
                    fill: Palette.color(series), className: "bar",
                    // A white edge keeps neighbouring segments apart when their colours are close.
                    extra: ##" stroke="#FFFFFF" stroke-width="0.5""##,
                    tooltip: tooltip(series: series, category: category, value: value)))
            }
        }
        drawZeroLine(into: &parts, frame: frame)
    }
}
