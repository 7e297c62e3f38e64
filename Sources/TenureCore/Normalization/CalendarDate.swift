/// A day of the proleptic Gregorian calendar in the years Tenure accepts, 1800–2199.
///
/// The range keeps typing slips (`0024`, `20204`) out of the warehouse and every date four
/// digits wide; it spans every birth, account and event a bank holds. Arithmetic is integer
/// civil-date arithmetic (Howard Hinnant's algorithms): it runs on millions of rows and must
/// give exactly what PostgreSQL's `date` gives.
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The year, within ``supportedYears``.
    public let year: Int
    /// The month, 1–12.
    public let month: Int
    /// The day of the month, 1–31.
    public let day: Int

    /// The years a date may have.
    public static let supportedYears: ClosedRange<Int> = 1800...2199

    /// The date, or nil when it is not a real calendar date in ``supportedYears``.
    public init?(year: Int, month: Int, day: Int) {
        guard Self.supportedYears.contains(year), (1...12).contains(month),
              day >= 1, day <= Self.daysInMonth(month, year: year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Whether `year` has a 29 February.
    public static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// The number of days in `month` (1–12) of `year`.
    public static func daysInMonth(_ month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 (negative before it).
    public var daysSinceEpoch: Int {
        CivilDays.since1970(year: year, month: month, day: day)
    }

    /// The date `daysSinceEpoch` days after 1970-01-01, or nil outside ``supportedYears``.
    public init?(daysSinceEpoch: Int) {
        // Outside this window the year is out of range anyway; checking first avoids overflow.
        guard (-100_000...100_000).contains(daysSinceEpoch) else { return nil }
        let civil = CivilDays.date(since1970: daysSinceEpoch)
        self.init(year: civil.year, month: civil.month, day: civil.day)
    }

    /// The date `days` later (earlier when negative), or nil when that leaves ``supportedYears``.
    public func adding(days: Int) -> CalendarDate? {
        guard (-1_000_000...1_000_000).contains(days) else { return nil }
        return CalendarDate(daysSinceEpoch: daysSinceEpoch + days)
    }

    /// Whole days from this date to `other`: positive when `other` is later.
    public func days(to other: CalendarDate) -> Int {
        other.daysSinceEpoch - daysSinceEpoch
    }

    /// ISO 8601 `YYYY-MM-DD`.
    public var iso: String {
        String(unsafeUninitializedCapacity: 10) { buffer in
            writeISO(into: buffer)
            return 10
        }
    }

    /// Writes `YYYY-MM-DD` into the first ten bytes of `buffer`.
    func writeISO(into buffer: UnsafeMutableBufferPointer<UInt8>) {
        buffer[0] = 0x30 + UInt8(year / 1000)
        buffer[1] = 0x30 + UInt8(year / 100 % 10)
        buffer[2] = 0x30 + UInt8(year / 10 % 10)
        buffer[3] = 0x30 + UInt8(year % 10)
        buffer[4] = 0x2D
        buffer[5] = 0x30 + UInt8(month / 10)
        buffer[6] = 0x30 + UInt8(month % 10)
        buffer[7] = 0x2D
        buffer[8] = 0x30 + UInt8(day / 10)
        buffer[9] = 0x30 + UInt8(day % 10)
    }

    /// ISO 8601 `YYYY-MM-DD`.
    public var description: String { iso }

    /// Earlier dates first.
    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}
