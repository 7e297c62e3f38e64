import Foundation

/// An axis range with round tick steps (1, 2 or 5 × 10ⁿ) that covers the data and zero.
struct NiceScale: Equatable {
    /// The first tick; the axis starts here.
    let lower: Double
    /// The last tick; the axis ends here.
    let upper: Double
    /// The step's leading digit: 1, 2 or 5.
    let stepMantissa: Int
    /// The step's power of ten, which decides how many decimals a tick label needs.
    let stepExponent: Int
    /// The tick values from `lower` to `upper`.
    let ticks: [Double]

    /// The distance between ticks.
    var step: Double { Self.value(stepMantissa, stepExponent) }

    /// A scale over `minimum…maximum`, widened to include zero so bars and lines are read from a true baseline.
    init(minimum: Double, maximum: Double, targetTickCount: Int = 5) {
        var low = Swift.min(0, minimum.isFinite ? minimum : 0)
        var high = Swift.max(0, maximum.isFinite ? maximum : 0)
        if low == high { (low, high) = (0, 1) }
        var span = high - low
        if !span.isFinite { span = .greatestFiniteMagnitude }
        let raw = span / Double(Swift.max(1, targetTickCount))
        var exponent = Int(floor(log10(raw)))
        let residual = raw / Self.value(1, exponent)
        // The smallest round step at least the raw one keeps the tick count near the target;
        // the tolerance stops float noise (2.0000000001) from jumping to the next step.
        var mantissa = [1, 2, 5, 10].first { Double($0) * (1 + 1e-9) >= residual } ?? 10
        if mantissa == 10 { (mantissa, exponent) = (1, exponent + 1) }
        let step = Self.value(mantissa, exponent)
        let first = Int(floor(low / step + 1e-9)), last = Int(ceil(high / step - 1e-9))
        // Ticks as integer multiples, so 3 × 0.1 comes out as 0.3 and not 0.30000000000000004.
        ticks = (first...Swift.max(first, last)).map { Self.value($0 * mantissa, exponent) }
        lower = ticks[0]
        upper = ticks[ticks.count - 1]
        stepMantissa = mantissa
        stepExponent = exponent
    }

    /// Where `value` falls on the axis, from 0 at `lower` to 1 at `upper`.
    func fraction(_ value: Double) -> Double {
        upper > lower ? (value - lower) / (upper - lower) : 0
    }

    /// `digits × 10^exponent`, divided rather than multiplied for negative powers so the result
    /// is the double nearest the decimal number.
    static func value(_ digits: Int, _ exponent: Int) -> Double {
        exponent >= 0 ? Double(digits) * pow(10, Double(exponent)) : Double(digits) / pow(10, Double(-exponent))
    }
}
