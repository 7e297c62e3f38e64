import TenureCore

/// A date (of birth, usually) as matching compares it, with the slips people make typing one.
public struct MatchDate: Sendable, Hashable, Comparable {
    /// The calendar date.
    public let date: CalendarDate

    /// The date `text` holds, read by TenureCore's ``CalendarDateText`` rules; nil when none.
    public init?(_ text: String) {
        guard let date = CalendarDateText.parse(text) else { return nil }
        self.date = date
    }

    /// The date itself.
    public init(_ date: CalendarDate) {
        self.date = date
    }

    /// Whether `other` is this date with day and month swapped (`1985-03-07` and `1985-07-03`),
    /// as happens when `DD/MM` and `MM/DD` forms meet.
    public func isTransposed(with other: MatchDate) -> Bool {
        date.year == other.date.year && date.month != date.day
            && date.month == other.date.day && date.day == other.date.month
    }

    /// The date as the number `YYYYMMDD`.
    var packed: Int32 { Int32(date.year * 10_000 + date.month * 100 + date.day) }

    /// Earlier dates first.
    public static func < (lhs: MatchDate, rhs: MatchDate) -> Bool { lhs.date < rhs.date }
}
