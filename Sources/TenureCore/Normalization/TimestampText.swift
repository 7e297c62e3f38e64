/// Timestamps as the source systems write them, read into UTC `YYYY-MM-DD HH:MM:SS`: the rules of
/// the SQL function `tenure_timestamp`.
public enum TimestampText {
    /// The instant in `text` as UTC `YYYY-MM-DD HH:MM:SS`, or nil when there is none.
    ///
    /// After trimming whitespace, accepts `YYYY-MM-DD` alone (midnight) or followed by `T` or a
    /// space and `HH:MM[:SS[.fraction]]`, then nothing (UTC), `Z`, `±HH:MM`, `±HHMM` or `±HH`.
    /// Offsets are applied (crossing days, months and years); fractions are truncated. So
    /// ERPNext's `2023-01-03 11:39:11.868867`, Salesforce's `2021-06-01T14:56:36.000+0000` and
    /// Supabase's `2023-01-07T06:54:20+00:00` all read. Dates must be real, in 1800–2199 both as
    /// written and in UTC; hours 0–23, minutes and seconds 0–59, offsets up to ±23:59.
    public static func utc(_ text: String) -> String? {
        guard let (date, second) = parse(text) else { return nil }
        return String(unsafeUninitializedCapacity: 19) { buffer in
            date.writeISO(into: buffer)
            buffer[10] = UInt8(ascii: " ")
            write(second / 3600, at: 11, into: buffer)
            buffer[13] = UInt8(ascii: ":")
            write(second / 60 % 60, at: 14, into: buffer)
            buffer[16] = UInt8(ascii: ":")
            write(second % 60, at: 17, into: buffer)
            return 19
        }
    }

    /// The UTC date and second of the day (0–86399) in `text`, by the rules of ``utc(_:)``.
    public static func parse(_ text: String) -> (date: CalendarDate, secondOfDay: Int)? {
        text.withUTF8Bytes { bytes in
            var cursor = ByteCursor(bytes, range: Whitespace.trimmedRange(bytes))
            guard let year = cursor.digits(4), cursor.take(UInt8(ascii: "-")), let month = cursor.digits(2),
                  cursor.take(UInt8(ascii: "-")), let day = cursor.digits(2),
                  let date = CalendarDate(year: year, month: month, day: day)
            else { return nil }
            if cursor.isAtEnd { return (date, 0) }
            guard cursor.take(UInt8(ascii: "T")) || cursor.take(UInt8(ascii: " ")),
                  let hour = cursor.digits(2), hour < 24, cursor.take(UInt8(ascii: ":")),
                  let minute = cursor.digits(2), minute < 60
            else { return nil }
            var second = 0
            if cursor.take(UInt8(ascii: ":")) {
                guard let value = cursor.digits(2), value < 60 else { return nil }
                second = value
                if cursor.take(UInt8(ascii: ".")) {
                    guard cursor.digits(1) != nil else { return nil }
                    while let next = cursor.next, ByteCursor.isDigit(next) { _ = cursor.digits(1) }
                }
            }
            guard let offset = offsetMinutes(&cursor) else { return nil }
            let local = (hour * 60 + minute - offset) * 60 + second
            let dayShift = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
            guard let utcDate = date.adding(days: dayShift) else { return nil }
            return (utcDate, local - dayShift * 86_400)
        }
    }

    /// The offset east of UTC in minutes at the end of the text, or nil when malformed.
    private static func offsetMinutes(_ cursor: inout ByteCursor) -> Int? {
        if cursor.isAtEnd { return 0 }
        if cursor.take(UInt8(ascii: "Z")) { return cursor.isAtEnd ? 0 : nil }
        let sign: Int
        if cursor.take(UInt8(ascii: "+")) {
            sign = 1
        } else if cursor.take(UInt8(ascii: "-")) {
            sign = -1
        } else {
            return nil
        }
        guard let hours = cursor.digits(2), hours < 24 else { return nil }
        var minutes = 0
        if !cursor.isAtEnd {
            _ = cursor.take(UInt8(ascii: ":"))
            guard let value = cursor.digits(2), value < 60 else { return nil }
            minutes = value
        }
        guard cursor.isAtEnd else { return nil }
        return sign * (hours * 60 + minutes)
    }

    private static func write(_ value: Int, at index: Int, into buffer: UnsafeMutableBufferPointer<UInt8>) {
        buffer[index] = 0x30 + UInt8(value / 10)
        buffer[index + 1] = 0x30 + UInt8(value % 10)
    }
}
