@testable import Charts
import Testing

@Suite("Label thinning: no overlaps, first and last always shown")
struct LabelThinningTests {
    @Test("every label when they fit")
    func allFit() {
        #expect(LabelThinning.visibleIndices(count: 4, spacing: 100, extent: 50) == [0, 1, 2, 3])
    }

    @Test("every n-th label, then the last; the one crowding the last is dropped")
    func thinned() {
        #expect(LabelThinning.visibleIndices(count: 10, spacing: 10, extent: 25) == [0, 3, 6, 9])
        #expect(LabelThinning.visibleIndices(count: 11, spacing: 10, extent: 25) == [0, 3, 6, 10])
        #expect(LabelThinning.visibleIndices(count: 12, spacing: 10, extent: 25) == [0, 3, 6, 11])
    }

    @Test("the first and the last survive however crowded; shown labels are at least `extent` apart except at the end")
    func ends() {
        #expect(LabelThinning.visibleIndices(count: 2, spacing: 1, extent: 500) == [0, 1])
        #expect(LabelThinning.visibleIndices(count: 1, spacing: 1, extent: 500) == [0])
        #expect(LabelThinning.visibleIndices(count: 0, spacing: 1, extent: 5) == [])
        for count in 2...60 {
            let shown = LabelThinning.visibleIndices(count: count, spacing: 9, extent: 50)
            #expect(shown.first == 0 && shown.last == count - 1)
            for (a, b) in zip(shown, shown.dropFirst()) {
                #expect(Double(b - a) * 9 >= 50 || shown.count == 2)
            }
        }
    }
}
