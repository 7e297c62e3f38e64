/// Chooses which category labels to draw so that none overlap, always keeping the first and the last.
enum LabelThinning {
    /// The indices of the labels to draw, when each label needs `extent` and categories are `spacing` apart.
    ///
    /// Draws every n-th label from the first, then the last; the n-th before the last is dropped if
    /// it would crowd it, because the ends of the axis matter most for reading a period.
    static func visibleIndices(count: Int, spacing: Double, extent: Double) -> [Int] {
        guard count > 0 else { return [] }
        let every = spacing > 0 ? Swift.max(1, Int((extent / spacing).rounded(.up))) : count
        var indices = Array(stride(from: 0, to: count, by: every))
        if let last = indices.last, last != count - 1 {
            if last != 0, count - 1 - last < every { indices.removeLast() }
            indices.append(count - 1)
        }
        return indices
    }
}
