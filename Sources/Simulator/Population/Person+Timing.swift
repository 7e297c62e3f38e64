extension Person {
    /// A random day in `first...last`, drawn more often where the person is more active.
    func activeDay(from first: Day, to last: Day, windowEnd: Day, _ random: inout SeededRandom) -> Day {
        guard first < last else { return first }
        // Rejection sampling against the intensity curve; the cap keeps a person who has almost
        // stopped from spinning, at the cost of a slightly flatter tail.
        for _ in 0..<32 {
            let day = Day(ordinal: random.int(first.ordinal...last.ordinal))
            if random.unit() < intensity(on: day, windowEnd: windowEnd) { return day }
        }
        return Day(ordinal: random.int(first.ordinal...last.ordinal))
    }

    /// A moment during business-like hours on `day`.
    func moment(on day: Day, _ random: inout SeededRandom, earliestHour: Int = 7, latestHour: Int = 21) -> Instant {
        Instant(day: day, secondOfDay: random.int(earliestHour * 3600...(latestHour * 3600 - 1)))
    }

    /// The first day the person can be active in the systems covered by the window.
    func firstActiveDay(window: BankSpecification.Window) -> Day { max(customerSince, window.start) }
}
