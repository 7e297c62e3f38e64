import Charts
import Foundation
import Testing

@Suite("Chart SVG: well-formed, accessible, self-contained, deterministic")
struct ChartSVGTests {
    static let twoSeries = ChartData(
        title: "Customers at risk", subtitle: "Last four months", unit: nil, categoryName: "Month",
        categories: Sample.months,
        series: [Series("Retail", [1200, 1350, nil, 1500]), Series("Business", [300, 280, 310, 295])])

    @Test("every kind parses as XML with role=img, a labelled <title>, a <desc>, a viewBox and the system font", arguments: ChartKind.allCases)
    func accessibleRoot(kind: ChartKind) throws {
        let markup = try Markup(Chart(kind, Self.twoSeries).svg)
        let root = try #require(markup.root)
        #expect(root.localName == "svg")
        #expect(root.string("role") == "img")
        #expect(root.string("viewBox") == "0 0 640 280")
        #expect(root.string("font-family") == "system-ui, sans-serif")
        let title = try #require(markup.elements("title").first)
        #expect(title.stringValue == "Customers at risk")
        #expect(root.string("aria-labelledby") == title.string("id"))
        let desc = try #require(markup.elements("desc").first)
        #expect(root.string("aria-describedby") == desc.string("id"))
        #expect(desc.stringValue?.hasPrefix("Last four months.") == true)
        #expect(markup.texts("text", class: "chart-title") == ["Customers at risk"])
        #expect(markup.texts("text", class: "legend") == ["Retail", "Business"])
    }

    @Test("no scripts, no external references, no style attributes, no web fonts", arguments: ChartKind.allCases)
    func selfContained(kind: ChartKind) {
        let chart = Chart(kind, Self.twoSeries)
        for output in [chart.svg, chart.tableHTML, chart.html] {
            let lower = output.lowercased()
            for forbidden in ["<script", "https://", "href", "url(", "style=", "@import", "@font-face", "<foreignobject", "<image"] {
                #expect(!lower.contains(forbidden), "\(forbidden)")
            }
            let namespace = "http://www.w3.org/2000/svg"
            #expect(lower.components(separatedBy: "http://").count == lower.components(separatedBy: namespace).count,
                    "the only http:// is the SVG namespace")
        }
    }

    @Test("same input, same output; different charts get different element ids")
    func deterministic() throws {
        let a = Chart(.line, Self.twoSeries), b = Chart(.line, Self.twoSeries)
        #expect(a.svg == b.svg)
        #expect(a.html == b.html)
        let other = try Markup(Chart(.bar, Self.twoSeries).svg).root?.string("aria-labelledby")
        #expect(try Markup(a.svg).root?.string("aria-labelledby") != other)
    }

    @Test("coordinates have at most two decimals", arguments: ChartKind.allCases)
    func twoDecimals(kind: ChartKind) throws {
        let data = ChartData(title: "Thirds", categories: ["a", "b", "c"], series: [Series("x", [1.0 / 3, 2.0 / 3, 7.0 / 9])])
        let svg = Chart(kind, data, width: 641, height: 283).svg
        #expect(svg.firstMatch(of: /[0-9]\.[0-9]{3}/) == nil)
    }

    @Test("a malicious title, label and series name come out as text in svg, table and html")
    func escaping() throws {
        let script = "<script>alert(1)</script>"
        let attack = #""><img src=x onerror=1>"#
        let data = ChartData(title: "Q3 " + script, subtitle: "R&D", categoryName: attack,
                             categories: [script, "B & B"], series: [Series(attack, [1, 2]), Series("O'Brien", [3, 4])])
        for kind in ChartKind.allCases {
            let chart = Chart(kind, data)
            for output in [chart.svg, chart.tableHTML, chart.html] {
                #expect(!output.contains("<script"))
                #expect(!output.contains("<img"))
                #expect(output.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            }
            let svg = try Markup(chart.svg)
            #expect(svg.elements("img").isEmpty && svg.elements("script").isEmpty)
            #expect(svg.texts("title").first == "Q3 " + script)
            #expect(svg.texts("text", class: "legend").first == attack)
            let html = try Markup(chart.html)
            #expect(html.elements("script").isEmpty && html.elements("img").isEmpty)
            #expect(html.texts("th") == [attack, attack, "O'Brien", script, "B & B"])
            #expect(html.texts("caption") == ["Q3 " + script])
        }
        // Category labels are drawn as text; on the bar chart the long one is cut before escaping,
        // so no half entity (`&l…`) appears.
        #expect(try Markup(Chart(.horizontalBar, data).svg).texts("text", class: "category") == [script, "B & B"])
        let cut = try Markup(Chart(.bar, data).svg).texts("text", class: "category")
        #expect(cut.count == 2 && cut[0].hasPrefix("<script>al") && cut[0].hasSuffix("…") && cut[1] == "B & B")
    }

    @Test("empty data renders a valid SVG that says No data", arguments: [
        ChartData(title: "Nothing", categories: [], series: [Series("a", [])]),
        ChartData(title: "All missing", categories: ["x", "y"], series: [Series("a", [nil, nil]), Series("b", [.nan, nil])]),
        ChartData(title: "No series", categories: ["x"], series: []),
    ])
    func empty(data: ChartData) throws {
        for kind in ChartKind.allCases {
            let markup = try Markup(Chart(kind, data).svg)
            #expect(markup.texts("text", class: "no-data") == ["No data"])
            #expect(markup.texts("title") == [data.title])
            #expect(markup.elements("rect", class: "bar").isEmpty && markup.elements("path").isEmpty)
            #expect(try Markup(Chart(kind, data).html).elements("table").count == 1)
        }
    }

    @Test("sizes below the minimum are raised so the layout still fits")
    func minimumSize() throws {
        let chart = Chart(.line, Self.twoSeries, width: 10, height: -5)
        #expect(chart.width == 240 && chart.height == 160)
        #expect(try Markup(chart.svg).root?.string("viewBox") == "0 0 240 160")
    }
}

// Names the empty-data cases in test output by their titles.
extension ChartData: CustomTestStringConvertible {
    public var testDescription: String { title }
}
