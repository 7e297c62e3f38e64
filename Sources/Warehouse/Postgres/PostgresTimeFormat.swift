import TenureCore

/// Formats PostgreSQL's binary date/time values as the text SQLite's date functions produce.
///
/// PostgreSQL counts from 2000-01-01 (days for `date`, microseconds for timestamps). Done by
/// hand with the proleptic Gregorian calendar, as PostgreSQL does, so it needs no locale,
/// time zone database or Foundation formatter in the hot path of reading rows.
enum PostgresTimeFormat {
    struct Malformed: Error {}

    /// Days from 1970-01-01 to 2000-01-01.
    private static let epochOffsetDays: Int64 = 10_957
    private static let microsPerDay: Int64 = 86_400_000_000

    /// `YYYY-MM-DD HH:MM:SS[.ffffff]`, trailing zeros of the fraction dropped.
    static func timestamp(microseconds: Int64) -> String {
        if microseconds == .max { return "infinity" }
        if microseconds == .min { return "-infinity" }
        var days = microseconds / microsPerDay
        var rest = microseconds % microsPerDay
        if rest < 0 {
            rest += microsPerDay
            days -= 1
        }
        return civilDate(daysSince1970: days + epochOffsetDays) + " " + time(microseconds: rest)
    }

    /// `YYYY-MM-DD`.
    static func date(days: Int32) -> String {
        if days == .max { return "infinity" }
        if days == .min { return "-infinity" }
        return civilDate(daysSince1970: Int64(days) + epochOffsetDays)
    }

    /// `HH:MM:SS[.ffffff]`.
    static func time(microseconds: Int64) -> String {
        let seconds = microseconds / 1_000_000
        let fraction = microseconds % 1_000_000
        var text = pad(seconds / 3600, 2) + ":" + pad(seconds / 60 % 60, 2) + ":" + pad(seconds % 60, 2)
        if fraction != 0 {
            var digits = pad(fraction, 6)
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        return text
    }

    /// `YYYY-MM-DD` of a day counted from 1970-01-01.
    private static func civilDate(daysSince1970: Int64) -> String {
        let (year, month, day) = CivilDays.date(since1970: Int(daysSince1970))
        let yearText = year >= 0 ? pad(Int64(year), 4) : "-" + pad(Int64(-year), 4)
        return yearText + "-" + pad(Int64(month), 2) + "-" + pad(Int64(day), 2)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
