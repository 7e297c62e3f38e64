extension Chart {
    /// The chart as a complete inline `<svg>` element, with its title and a description for assistive technology.
    public var svg: String {
        let id = elementID
        var parts = [
            #"<svg xmlns="http://www.w3.org/2000/svg" width="\#(width)" height="\#(height)" viewBox="0 0 \#(width) \#(height)" role="img" aria-labelledby="\#(id)-title" aria-describedby="\#(id)-desc" font-family="system-ui, sans-serif" font-size="11">"#,
            #"<title id="\#(id)-title">\#(HTMLText.escape(data.title))</title>"#,
            #"<desc id="\#(id)-desc">\#(HTMLText.escape(summary))</desc>"#,
            // An opaque background, so the chart reads the same on a dark page or when saved as an image.
            SVGElement.rect(x: 0, y: 0, width: Double(width), height: Double(height), fill: "#FFFFFF"),
        ]
        var top = drawHeader(into: &parts)
        if data.isEmpty {
            parts.append(SVGElement.text(
                "No data", x: Double(width) / 2, y: (top + Double(height)) / 2, anchor: "middle",
                size: 14, fill: Palette.mutedText, className: "no-data"))
        } else {
            if data.series.count > 1 { top = drawLegend(into: &parts, top: top) }
            let plotTop = top + 10
            switch kind {
            case .line: drawLines(into: &parts, plotTop: plotTop)
            case .bar: drawGroupedBars(into: &parts, plotTop: plotTop)
            case .stackedBar: drawStackedBars(into: &parts, plotTop: plotTop)
            case .horizontalBar: drawHorizontalBars(into: &parts, plotTop: plotTop)
            }
        }
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }

    /// The `<desc>`: the subtitle, then what kind of chart over what, for readers who cannot see it.
    var summary: String {
        var sentences: [String] = []
        if let subtitle = data.subtitle, !subtitle.isEmpty { sentences.append(subtitle) }
        if data.isEmpty {
            sentences.append("No data.")
        } else {
            let kindName = switch kind {
            case .line: "Line chart"
            case .bar: "Bar chart"
            case .stackedBar: "Stacked bar chart"
            case .horizontalBar: "Horizontal bar chart"
            }
            let names = data.series.map(\.name).joined(separator: ", ")
            let seriesText = data.series.count == 1 ? names : "\(data.series.count) series (\(names))"
            let count = data.categories.count
            let range = count == 1 ? data.categories[0] : "\(data.categories[0]) to \(data.categories[count - 1])"
            sentences.append("\(kindName) of \(seriesText) over \(count) \(count == 1 ? "category" : "categories"), \(range).")
        }
        return sentences.map { $0.hasSuffix(".") ? $0 : $0 + "." }.joined(separator: " ")
    }

    /// Draws the visible title and subtitle; returns the y below them.
    private func drawHeader(into parts: inout [String]) -> Double {
        let maxWidth = Double(width) - 2 * ChartMetrics.padding
        let title = TextMetrics.truncated(data.title, toWidth: maxWidth, fontSize: ChartMetrics.titleSize)
        parts.append(SVGElement.text(
            title, x: ChartMetrics.padding, y: 22, size: ChartMetrics.titleSize, weight: "600",
            fill: Palette.text, className: "chart-title"))
        guard let subtitle = data.subtitle, !subtitle.isEmpty else { return 30 }
        parts.append(SVGElement.text(
            TextMetrics.truncated(subtitle, toWidth: maxWidth, fontSize: ChartMetrics.subtitleSize),
            x: ChartMetrics.padding, y: 40, size: ChartMetrics.subtitleSize, fill: Palette.mutedText,
            className: "chart-subtitle"))
        return 48
    }
}
