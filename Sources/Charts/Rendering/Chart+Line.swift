extension Chart {
    /// Draws one line per series with a marker at each value; a missing value breaks the line.
    func drawLines(into parts: inout [String], plotTop: Double) {
        let values = data.finiteValues
        let frame = verticalFrame(into: &parts, plotTop: plotTop, minimum: values.min() ?? 0, maximum: values.max() ?? 0)
        drawZeroLine(into: &parts, frame: frame)
        let n = SVGNumber.format
        for series in data.series.indices {
            let color = Palette.color(series)
            // Runs of consecutive values: joining across a gap would invent data.
            var runs: [[(x: Double, y: Double)]] = [[]]
            for category in data.categories.indices {
                if let value = data.value(series, category) {
                    runs[runs.count - 1].append((frame.x(category), frame.y(value)))
                } else if !(runs.last?.isEmpty ?? true) {
                    runs.append([])
                }
            }
            for run in runs where run.count > 1 {
                let d = run.enumerated().map { "\($0.offset == 0 ? "M" : "L")\(n($0.element.x)) \(n($0.element.y))" }.joined()
                parts.append(#"<path class="line" d="\#(d)" fill="none" stroke="\#(color)" stroke-width="2" stroke-linejoin="round" stroke-linecap="round"/>"#)
            }
            let shape = MarkerShape.forSeries(series)
            for category in data.categories.indices {
                guard let value = data.value(series, category) else { continue }
                parts.append(shape.element(
                    x: frame.x(category), y: frame.y(value), color: color,
                    tooltip: tooltip(series: series, category: category, value: value)))
            }
        }
    }
}
