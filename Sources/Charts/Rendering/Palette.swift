/// The series colours and marker shapes: Okabe–Ito, distinguishable with the common colour-vision deficiencies.
enum Palette {
    /// Ordered so the first series get the colours with the most contrast on white; yellow comes last.
    static let colors = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]

    /// The colour of the series at `index`, repeating after eight.
    static func color(_ index: Int) -> String { colors[index % colors.count] }

    /// Text and axis colours, dark enough for WCAG AA contrast on the white background.
    static let text = "#1F2937"
    static let mutedText = "#4B5563"
    static let grid = "#E5E7EB"
    static let axis = "#6B7280"
}
