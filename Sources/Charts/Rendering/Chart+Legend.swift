extension Chart {
    /// Draws one legend entry per series, wrapping into rows; returns the y below the legend.
    func drawLegend(into parts: inout [String], top: Double) -> Double {
        let left = ChartMetrics.padding, right = Double(width) - ChartMetrics.padding
        let swatchWidth = kind == .line ? 18.0 : 12.0
        var x = left, rowTop = top
        for (index, series) in data.series.enumerated() {
            let name = TextMetrics.truncated(series.name, toWidth: 160, fontSize: ChartMetrics.labelSize)
            let itemWidth = swatchWidth + 5 + TextMetrics.width(name, fontSize: ChartMetrics.labelSize) + 14
            if x > left, x + itemWidth > right {
                x = left
                rowTop += ChartMetrics.legendRowHeight
            }
            let color = Palette.color(index)
            if kind == .line {
                parts.append(SVGElement.line(x1: x, y1: rowTop + 6, x2: x + swatchWidth, y2: rowTop + 6, stroke: color, width: 2))
                parts.append(MarkerShape.forSeries(index).element(x: x + swatchWidth / 2, y: rowTop + 6, color: color, tooltip: nil))
            } else {
                parts.append(SVGElement.rect(x: x, y: rowTop, width: 12, height: 12, fill: color, className: "swatch"))
            }
            parts.append(SVGElement.text(
                name, x: x + swatchWidth + 5, y: rowTop + 10, fill: Palette.text, className: "legend"))
            x += itemWidth
        }
        return rowTop + ChartMetrics.legendRowHeight
    }
}
