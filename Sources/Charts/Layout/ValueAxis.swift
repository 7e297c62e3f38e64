/// A value axis: the nice scale, its tick labels, and where values land in user units.
struct ValueAxis {
    let scale: NiceScale
    let labels: [String]
    /// User-unit positions of `scale.lower` and `scale.upper`; for a vertical axis `start` is the bottom.
    var start: Double
    var end: Double

    /// An axis over `minimum…maximum` (and zero), labelled in `format`, along `length` user units.
    init(minimum: Double, maximum: Double, format: ValueFormat, length: Double) {
        // Roughly one tick per 40 units: fewer on a small chart, never more than the eye can use.
        let target = Swift.max(3, Swift.min(5, Int((length / 40).rounded())))
        let scale = NiceScale(minimum: minimum, maximum: maximum, targetTickCount: target)
        self.scale = scale
        labels = scale.ticks.map { format.axis($0, on: scale) }
        start = 0
        end = length
    }

    /// The widest tick label, for sizing the margin.
    var labelWidth: Double {
        labels.map { TextMetrics.width($0, fontSize: ChartMetrics.labelSize) }.max() ?? 0
    }

    /// Where `value` lands, rounded to hundredths so adjoining shapes share exact edges.
    func position(_ value: Double) -> Double {
        let raw = start + scale.fraction(value) * (end - start)
        return (raw * 100).rounded() / 100
    }
}
