@testable import Charts
import Testing

@Suite("Nice scales: round ticks that cover the data and zero")
struct NiceScaleTests {
    @Test("0…97 is ticked 0, 20, …, 100")
    func zeroToNinetySeven() {
        let scale = NiceScale(minimum: 0, maximum: 97)
        #expect(scale.ticks == [0, 20, 40, 60, 80, 100])
        #expect(scale.step == 20)
    }

    @Test("−3.5…12 covers both ends and has a tick at 0")
    func negativeToPositive() {
        let scale = NiceScale(minimum: -3.5, maximum: 12)
        #expect(scale.ticks == [-5, 0, 5, 10, 15])
        #expect(scale.ticks.contains(0))
    }

    @Test("0…0.37 is ticked in tenths exactly, written 0% … 40%")
    func fractions() {
        let scale = NiceScale(minimum: 0, maximum: 0.37)
        // Exact equality: ticks are built as integer multiples, never 0.30000000000000004.
        #expect(scale.ticks == [0, 0.1, 0.2, 0.3, 0.4])
        let format = ValueFormat(unit: "%", values: [0.37])
        #expect(scale.ticks.map { format.axis($0, on: scale) } == ["0%", "10%", "20%", "30%", "40%"])
    }

    @Test("positive data starts at zero; negative data ends at zero; all zeros get 0…1")
    func zeroBaseline() {
        #expect(NiceScale(minimum: 40, maximum: 97).lower == 0)
        let negative = NiceScale(minimum: -40, maximum: -3)
        #expect(negative.ticks == [-40, -30, -20, -10, 0])
        #expect(NiceScale(minimum: 0, maximum: 0).ticks == [0, 0.2, 0.4, 0.6, 0.8, 1])
    }

    @Test("for any range the step is 1, 2 or 5 × 10ⁿ, ticks are even, and the count stays near the target",
          arguments: [(0.0, 1.0), (0, 3), (0, 7.3), (-0.004, 0.019), (0, 1_234_567), (-250, 9_999), (12.5, 12.5), (-1e9, 3e9), (0, 0.0001)])
    func invariants(range: (Double, Double)) {
        let scale = NiceScale(minimum: range.0, maximum: range.1, targetTickCount: 5)
        #expect([1, 2, 5].contains(scale.stepMantissa))
        #expect(scale.lower <= Swift.min(0, range.0) && scale.upper >= Swift.max(0, range.1))
        #expect(scale.ticks.contains(0))
        #expect((3...7).contains(scale.ticks.count))
        for (a, b) in zip(scale.ticks, scale.ticks.dropFirst()) {
            #expect(abs((b - a) - scale.step) <= scale.step * 1e-9)
        }
    }
}
