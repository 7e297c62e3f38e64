import Foundation

/// Writes a chart's values in its unit, in full for the table and abbreviated for the axis.
struct ValueFormat {
    enum Style: Equatable {
        case plain
        /// Values are fractions: 0.37 is written 37%.
        case percent
        /// A currency symbol written before the number and after the sign: -$1,200.
        case currency(String)
        /// Any other unit, written after the number: 12 days.
        case suffix(String)
    }

    let style: Style
    /// Money is shown with cents only when some value has them, so whole-dollar columns stay clean.
    let showsCents: Bool

    /// The format for `unit`, looking at `values` to decide on cents.
    init(unit: String?, values: [Double]) {
        let unit = unit?.trimmingCharacters(in: .whitespaces) ?? ""
        switch unit {
        case "": style = .plain
        case "%": style = .percent
        case "$", "€", "£", "¥": style = .currency(unit)
        default: style = .suffix(unit)
        }
        showsCents = values.contains { ($0 * 100).rounded() != $0.rounded() * 100 }
    }

    /// `value` for the table: thousands separators, up to two decimals, in the unit.
    func full(_ value: Double) -> String {
        switch style {
        case .percent: written(value * 100, decimals: 2, trimmingZeros: true, letter: "")
        case .currency: written(value, decimals: showsCents ? 2 : 0, trimmingZeros: false, letter: "")
        case .plain, .suffix: written(value, decimals: 2, trimmingZeros: true, letter: "")
        }
    }

    /// A tick label for `value` on `scale`: as many decimals as the step needs, large values as k, M or B.
    func axis(_ value: Double, on scale: NiceScale) -> String {
        // Zero is the baseline, not a measurement: "0" rather than "0.0M".
        if value == 0 { return written(0, decimals: 0, trimmingZeros: false, letter: "") }
        if style == .percent {
            return written(value * 100, decimals: -(scale.stepExponent + 2), trimmingZeros: false, letter: "")
        }
        let largest = Swift.max(abs(scale.lower), abs(scale.upper))
        // Abbreviate from ten thousand up: 2,500 reads fine, 25,000,000 does not fit a margin.
        let (power, letter) = largest >= 1e9 ? (9, "B") : largest >= 1e6 ? (6, "M") : largest >= 1e4 ? (3, "k") : (0, "")
        return written(value / NiceScale.value(1, power), decimals: -(scale.stepExponent - power), trimmingZeros: false, letter: letter)
    }

    /// The number with its sign, letter and unit; a value that rounds to zero gets no minus sign.
    private func written(_ value: Double, decimals: Int, trimmingZeros: Bool, letter: String) -> String {
        let digits = NumberText.grouped(abs(value), decimals: decimals, trimmingZeros: trimmingZeros)
        let sign = value < 0 && digits.contains(where: { ("1"..."9").contains($0) }) ? "-" : ""
        let number = digits + letter
        switch style {
        case .plain: return sign + number
        case .percent: return sign + number + "%"
        case .currency(let symbol): return sign + symbol + number
        case .suffix(let unit): return sign + number + " " + unit
        }
    }
}
