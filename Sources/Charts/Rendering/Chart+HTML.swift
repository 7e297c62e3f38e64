extension Chart {
    /// The figures as an HTML `<table>`: the title as caption, a column per series, "—" where there is no value.
    public var tableHTML: String {
        let format = valueFormat
        var rows = ["<table class=\"chart-table\">", "<caption>\(HTMLText.escape(data.title))</caption>", "<thead>"]
        let headings = [data.categoryName] + data.series.map(\.name)
        rows.append("<tr>" + headings.map { "<th scope=\"col\">\(HTMLText.escape($0))</th>" }.joined() + "</tr>")
        rows.append("</thead>")
        rows.append("<tbody>")
        if data.categories.isEmpty {
            rows.append("<tr><td colspan=\"\(headings.count)\">No data</td></tr>")
        }
        for (category, label) in data.categories.enumerated() {
            let cells = data.series.indices.map { series in
                "<td>" + (data.value(series, category).map { HTMLText.escape(format.full($0)) } ?? "—") + "</td>"
            }
            rows.append("<tr><th scope=\"row\">\(HTMLText.escape(label))</th>" + cells.joined() + "</tr>")
        }
        rows.append("</tbody>")
        rows.append("</table>")
        return rows.joined(separator: "\n")
    }

    /// A `<figure>` with the SVG and, folded under "Table", the same figures as a table.
    public var html: String {
        [
            "<figure class=\"chart\">",
            svg,
            "<details>",
            "<summary>Table</summary>",
            tableHTML,
            "</details>",
            "</figure>",
        ].joined(separator: "\n")
    }
}
