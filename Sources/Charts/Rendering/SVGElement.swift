/// Small builders for the SVG elements charts are made of; every piece of text passes through `HTMLText.escape`.
enum SVGElement {
    /// A `<text>` element; `content` is escaped here, so callers pass plain text.
    static func text(
        _ content: String, x: Double, y: Double, anchor: String = "start",
        size: Double = 11, weight: String? = nil, fill: String = Palette.mutedText, className: String? = nil
    ) -> String {
        let n = SVGNumber.format
        var attributes = #"x="\#(n(x))" y="\#(n(y))""#
        if anchor != "start" { attributes += #" text-anchor="\#(anchor)""# }
        attributes += #" font-size="\#(n(size))""#
        if let weight { attributes += #" font-weight="\#(weight)""# }
        attributes += #" fill="\#(fill)""#
        if let className { attributes += #" class="\#(className)""# }
        return "<text \(attributes)>\(HTMLText.escape(content))</text>"
    }

    /// A filled `<rect>`, with a hover tooltip when given; negative sizes are clamped to zero.
    static func rect(
        x: Double, y: Double, width: Double, height: Double, fill: String,
        className: String? = nil, extra: String = "", tooltip: String? = nil
    ) -> String {
        let n = SVGNumber.format
        let classAttribute = className.map { #" class="\#($0)""# } ?? ""
        let open = #"<rect\#(classAttribute) x="\#(n(x))" y="\#(n(y))" width="\#(n(Swift.max(0, width)))" height="\#(n(Swift.max(0, height)))" fill="\#(fill)"\#(extra)"#
        return close(open, tooltip: tooltip)
    }

    /// A straight `<line>`.
    static func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1) -> String {
        let n = SVGNumber.format
        return #"<line x1="\#(n(x1))" y1="\#(n(y1))" x2="\#(n(x2))" y2="\#(n(y2))" stroke="\#(stroke)" stroke-width="\#(n(width))"/>"#
    }

    /// Ends an open tag: self-closing, or with a `<title>` child that browsers show on hover (no script needed).
    static func close(_ openTag: String, tooltip: String?) -> String {
        guard let tooltip else { return openTag + "/>" }
        let name = openTag.dropFirst().prefix { $0 != " " }
        return openTag + "><title>\(HTMLText.escape(tooltip))</title></\(name)>"
    }
}
