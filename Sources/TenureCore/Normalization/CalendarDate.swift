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
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `daysSinceEpoch` days after 1970-01-01, or nil outside ``supportedYears``.
    public init?(daysSinceEpoch: Int) {
        // Outside this window the year is out of range anyway; checking first avoids overflow.
        guard (-100_000...100_000).contains(daysSinceEpoch) else { return nil }
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        self.init(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
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
