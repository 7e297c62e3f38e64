import TenureCore

/// A calendar day as a count of days since 1970-01-01 (proleptic Gregorian, UTC).
///
/// The generator formats millions of dates; integer civil-date arithmetic keeps that fast and
/// identical on every machine, which Foundation's locale-aware formatters do not promise.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public var ordinal: Int

    /// The day `ordinal` days after 1970-01-01.
    public init(ordinal: Int) { self.ordinal = ordinal }

    /// The day with the given civil year, month (1–12) and day of month (1–31).
    public init(year: Int, month: Int, day: Int) {
        ordinal = CivilDays.since1970(year: year, month: month, day: day)
    }

    /// The civil year, month and day of month.
    public var components: (year: Int, month: Int, day: Int) {
        CivilDays.date(since1970: ordinal)
    }

    /// The civil year.
    public var year: Int { components.year }

    /// The day `days` later (earlier when negative).
    public func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }

    /// The same day of month `months` later, clamped to the month's last day.
    public func adding(months: Int) -> Day {
        let (y, m, d) = components
        let index = y * 12 + (m - 1) + months
        let year = index >= 0 ? index / 12 : (index - 11) / 12
        let month = index - year * 12 + 1
        return Day(year: year, month: month, day: min(d, Day.daysIn(year: year, month: month)))
    }

    /// ISO 8601 `YYYY-MM-DD`.
    public var iso: String {
        let (y, m, d) = components
        return "\(pad4(y))-\(pad2(m))-\(pad2(d))"
    }

    public var description: String { iso }

    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.ordinal < rhs.ordinal }

    /// The number of days in a civil month.
    public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

/// A moment as whole seconds since 1970-01-01T00:00:00Z.
public struct Instant: Hashable, Comparable, Sendable {
    /// Seconds since the Unix epoch.
    public var seconds: Int

    /// The instant `seconds` after the Unix epoch.
    public init(seconds: Int) { self.seconds = seconds }

    /// The instant at `secondOfDay` seconds into `day`.
    public init(day: Day, secondOfDay: Int) { seconds = day.ordinal * 86_400 + secondOfDay }

    /// The UTC day this instant falls on.
    public var day: Day { Day(ordinal: seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400) }

    /// Seconds since midnight UTC.
    public var secondOfDay: Int { seconds - day.ordinal * 86_400 }

    /// `HH:MM:SS` of the time of day.
    public var clock: String {
        let s = secondOfDay
        return "\(pad2(s / 3600)):\(pad2(s / 60 % 60)):\(pad2(s % 60))"
    }

    /// The instant `seconds` later.
    public func adding(seconds delta: Int) -> Instant { Instant(seconds: seconds + delta) }

    public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.seconds < rhs.seconds }
}

func pad2(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }

func pad4(_ value: Int) -> String {
    let text = String(value)
    return text.count >= 4 ? text : String(repeating: "0", count: 4 - text.count) + text
}

/// Zero-padded decimal of at least `width` digits.
func padded(_ value: Int, width: Int) -> String {
    let text = String(value)
    return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
}
