extension Chart {
    /// Lays out the plot for values in `minimum…maximum` and draws its grid, tick labels and category labels.
    func verticalFrame(into parts: inout [String], plotTop: Double, minimum: Double, maximum: Double) -> VerticalFrame {
        let bottom = Swift.max(plotTop + 20, Double(height) - ChartMetrics.bottomMargin)
        var axis = ValueAxis(minimum: minimum, maximum: maximum, format: valueFormat, length: bottom - plotTop)
        axis.start = bottom
        axis.end = plotTop
        let left = ChartMetrics.padding + axis.labelWidth + 6
        let plot = PlotArea(left: left, top: plotTop, right: Double(width) - ChartMetrics.padding, bottom: bottom)
        let frame = VerticalFrame(plot: plot, axis: axis, count: data.categories.count)
        for (tick, label) in zip(axis.scale.ticks, axis.labels) {
            let y = frame.y(tick)
            parts.append(SVGElement.line(x1: plot.left, y1: y, x2: plot.right, y2: y, stroke: Palette.grid))
            parts.append(SVGElement.text(label, x: plot.left - 6, y: y + 4, anchor: "end", className: "tick"))
        }
        drawCategoryLabels(into: &parts, frame: frame)
        return frame
    }

    /// Draws the category labels under the plot, thinned so none overlap, always with the first and the last.
    private func drawCategoryLabels(into parts: inout [String], frame: VerticalFrame) {
        let labels = data.categories.map {
            TextMetrics.truncated($0, toWidth: 140, fontSize: ChartMetrics.labelSize)
        }
        let widths = labels.map { TextMetrics.width($0, fontSize: ChartMetrics.labelSize) }
        let extent = (widths.max() ?? 0) + 8
        let y = frame.plot.bottom + 16
        for index in LabelThinning.visibleIndices(count: labels.count, spacing: frame.band, extent: extent) {
            // Kept inside the SVG: a centred label on the first or last band may be wider than the band.
            let half = widths[index] / 2
            let x = Swift.min(Swift.max(frame.x(index), half + 2), Double(width) - half - 2)
            parts.append(SVGElement.text(labels[index], x: x, y: y, anchor: "middle", className: "category"))
        }
    }

    /// Draws the zero line over the marks, the baseline every value is read from.
    func drawZeroLine(into parts: inout [String], frame: VerticalFrame) {
        let y = frame.y(0)
        parts.append(SVGElement.line(x1: frame.plot.left, y1: y, x2: frame.plot.right, y2: y, stroke: Palette.axis))
    }
}
