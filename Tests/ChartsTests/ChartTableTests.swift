import Charts
import Testing

@Suite("Table fallback and figure")
struct ChartTableTests {
    static let data = ChartData(
        title: "Deposits", unit: "$", categoryName: "Month", categories: ["2025-06", "2025-07", "2025-08"],
        series: [Series("Retail", [1_250_000, nil, 1_340_500]), Series("Business", [98_000, 101_250, .infinity])])

    @Test("caption, header row, formatted numbers and — for missing values")
    func table() throws {
        let markup = try Markup(Chart(.bar, Self.data).tableHTML)
        #expect(markup.texts("caption") == ["Deposits"])
        #expect(markup.elements("th").filter { $0.string("scope") == "col" }.map { $0.stringValue } == ["Month", "Retail", "Business"])
        let rows = markup.elements("tr").dropFirst().map { row in
            (row.children ?? []).map { $0.stringValue ?? "" }
        }
        #expect(rows == [
            ["2025-06", "$1,250,000", "$98,000"],
            ["2025-07", "—", "$101,250"],
            ["2025-08", "$1,340,500", "—"],
        ])
    }

    @Test("percent values in the table are written as percentages")
    func percentTable() throws {
        let data = ChartData(title: "Churn", unit: "%", categories: ["A"], series: [Series("rate", [0.0425])])
        #expect(try Markup(Chart(.line, data).tableHTML).texts("td") == ["4.25%"])
    }

    @Test("no categories: the table says No data")
    func emptyTable() throws {
        let data = ChartData(title: "Nothing", categories: [], series: [Series("a", [])])
        let markup = try Markup(Chart(.bar, data).tableHTML)
        #expect(markup.texts("td") == ["No data"])
        #expect(markup.elements("td").first?.string("colspan") == "2")
    }

    @Test("the figure holds the SVG, then the table folded under a Table summary")
    func figure() throws {
        let chart = Chart(.line, Self.data)
        let markup = try Markup(chart.html)
        #expect(markup.root?.localName == "figure")
        #expect(markup.root?.children?.compactMap { $0.localName } == ["svg", "details"])
        #expect(markup.texts("summary") == ["Table"])
        #expect(markup.elements("details").first?.children?.compactMap { $0.localName } == ["summary", "table"])
        #expect(chart.html.contains(chart.svg) && chart.html.contains(chart.tableHTML))
    }
}
