/// Writes coordinates with at most two decimals, so output is short and identical across runs and platforms.
enum SVGNumber {
    /// `value` rounded to hundredths, without trailing zeros; non-finite values become 0.
    static func format(_ value: Double) -> String {
        // Beyond this a coordinate is nonsense anyway; clamping keeps the Int64 conversion safe.
        guard value.isFinite else { return "0" }
        let hundredths = Int64((Swift.max(-1e15, Swift.min(1e15, value)) * 100).rounded())
        let magnitude = hundredths.magnitude
        var text = hundredths < 0 ? "-" : ""
        text += String(magnitude / 100)
        let fraction = magnitude % 100
        if fraction != 0 {
            text += fraction % 10 == 0 ? ".\(fraction / 10)" : (fraction < 10 ? ".0\(fraction)" : ".\(fraction)")
        }
        return text
    }
}
