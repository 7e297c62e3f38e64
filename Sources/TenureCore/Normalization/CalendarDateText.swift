/// Dates as people and systems type them, read into ISO `YYYY-MM-DD`: the rules of the SQL
/// functions `tenure_date`, `tenure_add_days` and `tenure_days_between`.
public enum CalendarDateText {
    /// The date in `text` as `YYYY-MM-DD`, or nil when there is none (`tenure_date`).
    ///
    /// After trimming whitespace, accepts `YYYY-MM-DD` (optionally followed by `T` or a space
    /// and a time `H:MM…`, which is ignored), `YYYY/MM/DD`, `DD/MM/YYYY` and `MM-DD-YYYY`, with
    /// one- or two-digit months and days. Year last is ambiguous, settled thus: with slashes the
    /// day comes first (`DD/MM/YYYY`, the bank's branch convention); with dashes the month comes
    /// first (`MM-DD-YYYY`, the legacy US export); and when the number in the month position is
    /// over 12 while the other is not, the two are swapped (`01/13/2024` is 13 January). The
    /// result must be a real calendar date in 1800–2199 (`31/02/2024`, `00-00-0000`, `N/A`,
    /// `2024` give nil).
    public static func iso(_ text: String) -> String? {
        parse(text)?.iso
    }

    /// The date in `text` by the rules of ``iso(_:)``.
    public static func parse(_ text: String) -> CalendarDate? {
        text.withUTF8Bytes { bytes in
            var cursor = ByteCursor(bytes, range: Whitespace.trimmedRange(bytes))
            guard let first = cursor.number(1...4), let separator = cursor.next,
                  separator == UInt8(ascii: "-") || separator == UInt8(ascii: "/"),
                  cursor.take(separator), let second = cursor.number(1...2), cursor.take(separator)
            else { return nil }
            switch first.length {
            case 4:
                guard let day = cursor.number(1...2) else { return nil }
                // Only the dashed form may carry a time, and only its start is checked: it is ignored.
                if !cursor.isAtEnd {
                    guard separator == UInt8(ascii: "-"),
                          cursor.take(UInt8(ascii: "T")) || cursor.take(UInt8(ascii: " ")),
                          cursor.number(1...2) != nil, cursor.take(UInt8(ascii: ":")), cursor.digits(2) != nil
                    else { return nil }
                }
                return CalendarDate(year: first.value, month: second.value, day: day.value)
            case 1, 2:
                guard let year = cursor.number(4...4), cursor.isAtEnd else { return nil }
                var (month, day) = separator == UInt8(ascii: "/") ? (second.value, first.value) : (first.value, second.value)
                if month > 12 && day <= 12 { swap(&month, &day) }
                return CalendarDate(year: year.value, month: month, day: day)
            default:
                return nil
            }
        }
    }

    /// The date part of a clean ISO date or timestamp: its first ten characters, which must be a
    /// valid `YYYY-MM-DD` followed by nothing, `T` or a space. No trimming, no other forms:
    /// date arithmetic applies to values already cleaned by `tenure_date`/`tenure_timestamp`.
    public static func datePart(_ text: String) -> CalendarDate? {
        text.withUTF8Bytes { bytes in
            guard bytes.count >= 10 else { return nil }
            var cursor = ByteCursor(bytes, range: 0..<bytes.count)
            guard let year = cursor.digits(4), cursor.take(UInt8(ascii: "-")), let month = cursor.digits(2),
                  cursor.take(UInt8(ascii: "-")), let day = cursor.digits(2),
                  cursor.isAtEnd || cursor.next == UInt8(ascii: "T") || cursor.next == UInt8(ascii: " ")
            else { return nil }
            return CalendarDate(year: year, month: month, day: day)
        }
    }

    /// The date part of `text` plus `days` (minus when negative) as `YYYY-MM-DD`
    /// (`tenure_add_days`); nil when the date part is invalid or the result leaves 1800–2199.
    public static func addingDays(_ days: Int, to text: String) -> String? {
        datePart(text)?.adding(days: days)?.iso
    }

    /// Whole days from the date part of `start` to that of `end` (end minus start), ignoring
    /// times (`tenure_days_between`); nil when either is invalid.
    public static func daysBetween(_ start: String, _ end: String) -> Int? {
        guard let from = datePart(start), let to = datePart(end) else { return nil }
        return from.days(to: to)
    }
}
