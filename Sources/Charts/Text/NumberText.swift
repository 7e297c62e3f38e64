import Foundation

/// Locale-independent number text with thousands separators: the server's locale must not change a chart.
enum NumberText {
    /// `value` rounded to `decimals` places with `,` between thousands; `trimmingZeros` drops trailing fractional zeros.
    static func grouped(_ value: Double, decimals: Int, trimmingZeros: Bool = false) -> String {
        guard value.isFinite else { return "—" }
        let places = Swift.max(0, Swift.min(9, decimals))
        let scale = pow(10, Double(places))
        let scaled = (abs(value) * scale).rounded()
        var whole: String, fraction: String
        if scaled < 9e15 {
            let units = UInt64(scaled), divisor = UInt64(scale)
            whole = String(units / divisor)
            fraction = places == 0 ? "" : String(units % divisor)
            fraction = String(repeating: "0", count: places - fraction.count) + fraction
        } else {
            // Too large for exact integer arithmetic; cents no longer matter at this size.
            whole = String(format: "%.0f", abs(value).rounded())
            fraction = ""
        }
        if trimmingZeros { while fraction.hasSuffix("0") { fraction.removeLast() } }
        let negative = value < 0 && (scaled != 0)
        return (negative ? "-" : "") + withSeparators(whole) + (fraction.isEmpty ? "" : "." + fraction)
    }

    /// Inserts `,` every three digits from the right.
    private static func withSeparators(_ digits: String) -> String {
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
    }
}
