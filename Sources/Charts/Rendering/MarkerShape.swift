/// Line-chart markers differ in shape as well as colour, so series stay apart in greyscale print.
enum MarkerShape: CaseIterable {
    case circle, square, diamond, triangle

    /// The shape of the series at `index`.
    static func forSeries(_ index: Int) -> MarkerShape { allCases[index % allCases.count] }

    /// The SVG element for a marker centred on `x`, `y`.
    func element(x: Double, y: Double, color: String, tooltip: String?) -> String {
        let n = SVGNumber.format
        let r = 3.5
        let shape: String
        switch self {
        case .circle:
            shape = #"<circle class="marker" cx="\#(n(x))" cy="\#(n(y))" r="\#(n(r))" fill="\#(color)""#
        case .square:
            shape = #"<rect class="marker" x="\#(n(x - r))" y="\#(n(y - r))" width="\#(n(2 * r))" height="\#(n(2 * r))" fill="\#(color)""#
        case .diamond:
            let d = r * 1.3
            shape = #"<path class="marker" d="M\#(n(x)) \#(n(y - d))L\#(n(x + d)) \#(n(y))L\#(n(x)) \#(n(y + d))L\#(n(x - d)) \#(n(y))Z" fill="\#(color)""#
        case .triangle:
            let d = r * 1.25
            shape = #"<path class="marker" d="M\#(n(x)) \#(n(y - d))L\#(n(x + d)) \#(n(y + d * 0.8))L\#(n(x - d)) \#(n(y + d * 0.8))Z" fill="\#(color)""#
        }
        return SVGElement.close(shape, tooltip: tooltip)
    }
}
