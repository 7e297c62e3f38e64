@testable import Charts
import Testing

@Suite("Value formatting: thousands, percent, currency, units, axis abbreviations")
struct ValueFormatTests {
    @Test("plain numbers get thousands separators and at most two decimals")
    func plain() {
        let format = ValueFormat(unit: nil, values: [])
        #expect(format.full(1_234_567.891) == "1,234,567.89")
        #expect(format.full(1234.5) == "1,234.5")
        #expect(format.full(999) == "999")
        #expect(format.full(1000) == "1,000")
        #expect(format.full(-12_345) == "-12,345")
        #expect(format.full(-0.001) == "0", "a value that rounds to zero has no minus sign")
        #expect(format.full(1e20) == "100,000,000,000,000,000,000")
    }

    @Test("percent: fractions times 100")
    func percent() {
        let format = ValueFormat(unit: "%", values: [])
        #expect(format.full(0.3712) == "37.12%")
        #expect(format.full(0.05) == "5%")
        #expect(format.full(-0.025) == "-2.5%")
        #expect(format.full(12.5) == "1,250%")
    }

    @Test("currency: symbol after the sign; cents only when some value has them")
    func currency() {
        let whole = ValueFormat(unit: "$", values: [1200, 35])
        #expect(whole.full(1200) == "$1,200")
        #expect(whole.full(-1200) == "-$1,200")
        let cents = ValueFormat(unit: "$", values: [1234.5, 10])
        #expect(cents.full(1234.5) == "$1,234.50")
        #expect(cents.full(10) == "$10.00")
        #expect(ValueFormat(unit: "€", values: []).full(5) == "€5")
    }

    @Test("other units follow the number")
    func suffix() {
        #expect(ValueFormat(unit: "days", values: []).full(1234) == "1,234 days")
    }

    @Test("axis labels: decimals from the step, k/M/B from ten thousand, zero as plain 0")
    func axis() {
        func labels(_ unit: String?, _ low: Double, _ high: Double) -> [String] {
            let scale = NiceScale(minimum: low, maximum: high)
            let format = ValueFormat(unit: unit, values: [low, high])
            return scale.ticks.map { format.axis($0, on: scale) }
        }
        #expect(labels(nil, 0, 97) == ["0", "20", "40", "60", "80", "100"])
        #expect(labels(nil, 0, 2.3) == ["0", "0.5", "1.0", "1.5", "2.0", "2.5"])
        #expect(labels(nil, 0, 4_600) == ["0", "1,000", "2,000", "3,000", "4,000", "5,000"])
        #expect(labels("$", 0, 250_000) == ["$0", "$50k", "$100k", "$150k", "$200k", "$250k"])
        #expect(labels("$", -20_000, 45_000) == ["-$20k", "$0", "$20k", "$40k", "$60k"])
        #expect(labels(nil, 0, 1_234_567) == ["0", "0.5M", "1.0M", "1.5M"])
        #expect(labels(nil, 0, 3.2e9) == ["0", "1B", "2B", "3B", "4B"])
        #expect(labels("%", -0.02, 0.05) == ["-2%", "0%", "2%", "4%", "6%"])
    }

    @Test("coordinates: at most two decimals, no trailing zeros, no negative zero")
    func coordinates() {
        #expect(SVGNumber.format(12) == "12")
        #expect(SVGNumber.format(12.5) == "12.5")
        #expect(SVGNumber.format(12.345678) == "12.35")
        #expect(SVGNumber.format(0.05) == "0.05")
        #expect(SVGNumber.format(-0.001) == "0")
        #expect(SVGNumber.format(-3.1) == "-3.1")
        #expect(SVGNumber.format(.nan) == "0")
    }
}
