extension Chart {
    /// Draws categories as rows with bars running from zero, values written at the bars' ends when there is room.
    func drawHorizontalBars(into parts: inout [String], plotTop: Double) {
        let format = valueFormat
        let values = data.finiteValues
        let minimum = values.min() ?? 0, maximum = values.max() ?? 0
        let bottom = Swift.max(plotTop + 20, Double(height) - ChartMetrics.bottomMargin)
        let rowHeight = (bottom - plotTop) / Double(data.categories.count)
        let barsPerRow = Double(data.series.count)
        let barHeight = rowHeight * 0.7 / barsPerRow
        // Values beside the bars only when a line of text fits: the table has them otherwise.
        let showsValues = barHeight >= 9
        let valueWidth = showsValues ? (values.map { TextMetrics.width(format.full($0), fontSize: 10) }.max() ?? 0) + 6 : 0

        // Long branch names are cut so the bars keep most of the width; the table has them in full.
        let maxLabelWidth = Double(width) * 0.35
        let labels = data.categories.map { TextMetrics.truncated($0, toWidth: maxLabelWidth, fontSize: ChartMetrics.labelSize) }
        let labelWidth = labels.map { TextMetrics.width($0, fontSize: ChartMetrics.labelSize) }.max() ?? 0
        let left = ChartMetrics.padding + labelWidth + 8 + (minimum < 0 ? valueWidth : 0)
        let right = Double(width) - ChartMetrics.padding - (maximum > 0 ? valueWidth : 0)
        let plot = PlotArea(left: left, top: plotTop, right: Swift.max(left + 20, right), bottom: bottom)
        var axis = ValueAxis(minimum: minimum, maximum: maximum, format: format, length: plot.width * 0.6)
        axis.start = plot.left
        axis.end = plot.right

        for (tick, label) in zip(axis.scale.ticks, axis.labels) {
            let x = axis.position(tick)
            parts.append(SVGElement.line(x1: x, y1: plot.top, x2: x, y2: plot.bottom, stroke: Palette.grid))
            parts.append(SVGElement.text(label, x: x, y: plot.bottom + 16, anchor: "middle", className: "tick"))
        }
        for index in LabelThinning.visibleIndices(count: labels.count, spacing: rowHeight, extent: 13) {
            let y = plot.top + (Double(index) + 0.5) * rowHeight + 4
            parts.append(SVGElement.text(labels[index], x: plot.left - 8, y: y, anchor: "end", fill: Palette.text, className: "category"))
        }

        let zero = axis.position(0)
        for category in data.categories.indices {
            let groupTop = plot.top + Double(category) * rowHeight + rowHeight * 0.15
            for series in data.series.indices {
                guard let value = data.value(series, category) else { continue }
                let x = axis.position(value), y = groupTop + Double(series) * barHeight
                parts.append(SVGElement.rect(
                    x: Swift.min(x, zero), y: y, width: abs(x - zero), height: barHeight,
                    fill: Palette.color(series), className: "bar",
                    tooltip: tooltip(series: series, category: category, value: value)))
                if showsValues {
                    let negative = value < 0
                    parts.append(SVGElement.text(
                        format.full(value), x: x + (negative ? -4 : 4), y: y + barHeight / 2 + 3.5,
                        anchor: negative ? "end" : "start", size: 10, fill: Palette.text, className: "value"))
                }
            }
        }
        parts.append(SVGElement.line(x1: zero, y1: plot.top, x2: zero, y2: plot.bottom, stroke: Palette.axis))
    }
}
