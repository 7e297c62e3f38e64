import TenureCore

/// The PostgreSQL definitions of the date functions: `tenure_date`, `tenure_timestamp`,
/// `tenure_add_days` and `tenure_days_between`.
///
/// Each inlined expression recognises the clean forms by looking fixed-position pieces up in
/// constant lists (`substr(value, 1, 5) IN ('1800-', …, '2199-')` checks four digits, the range
/// and the dash at once; PostgreSQL hashes such lists) and hands anything else to a PL/pgSQL
/// helper that implements the whole rule. A piece that fails a lookup only costs the slower path,
/// never a wrong answer, as the helper decides.
extension PostgresFunctions {
    // MARK: Lookup lists

    private static func quotedList(_ items: [String]) -> String {
        items.map { "'\($0)'" }.joined(separator: ", ")
    }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }

    /// `'1800', …, '2199'`.
    private static let years = quotedList(CalendarDate.supportedYears.map(String.init))
    /// `'1800-', …, '2199-'`.
    private static let yearsDash = quotedList(CalendarDate.supportedYears.map { "\($0)-" })
    /// Every `MM-DD` of a leap year; `02-29` still needs a leap-year check.
    private static let monthDayValues: [String] = (1...12).flatMap { month in
        (1...CalendarDate.daysInMonth(month, year: 2000)).map { day in "\(twoDigits(month))-\(twoDigits(day))" }
    }
    private static let monthDays = quotedList(monthDayValues)
    /// Every `MM-DD` followed by `T` or a space.
    private static let monthDaysSeparated = quotedList(monthDayValues.flatMap { ["\($0)T", "\($0) "] })
    /// `'00:'…'23:'`, `'00:'…'59:'`, `'00'…'59'`, `'00'…'99'`, `'00:'…'99:'`.
    private static let hoursColon = quotedList((0...23).map { "\(twoDigits($0)):" })
    private static let minutesColon = quotedList((0...59).map { "\(twoDigits($0)):" })
    private static let sixty = quotedList((0...59).map(twoDigits))
    private static let hundred = quotedList((0...99).map(twoDigits))
    private static let hundredColon = quotedList((0...99).map { "\(twoDigits($0)):" })
    /// What may follow the seconds (and fraction) of a clean UTC timestamp.
    private static let utcZones = "'', 'Z', '+00:00', '+0000', '+00'"

    /// Whether `monthDay` (an `MM-DD` expression) is not 29 February, or `year` (an integer
    /// expression) is a leap year; evaluated after the lookups, so the cast cannot fail.
    private static func leapDayAllowed(monthDay: String, year: String) -> String {
        "(\(monthDay) <> '02-29' OR (\(year) % 4 = 0 AND (\(year) % 100 <> 0 OR \(year) % 400 = 0)))"
    }

    /// Whether `text` starts with a real `YYYY-MM-DD` in the supported years.
    private static func startsWithISODate(_ text: String) -> String {
        """
        substr(\(text), 1, 5) IN (\(yearsDash)) AND substr(\(text), 6, 5) IN (\(monthDays)) \
        AND \(leapDayAllowed(monthDay: "substr(\(text), 6, 5)", year: "left(\(text), 4)::integer"))
        """
    }

    /// Whether integer expressions make a real date in the supported years (for PL/pgSQL).
    private static func isDate(year y: String, month m: String, day d: String) -> String {
        let years = CalendarDate.supportedYears
        return """
            (\(y) BETWEEN \(years.lowerBound) AND \(years.upperBound) AND \(m) BETWEEN 1 AND 12 AND \(d) >= 1 AND \(d) <= \
            CASE WHEN \(m) = 2 THEN CASE WHEN \(y) % 4 = 0 AND (\(y) % 100 <> 0 OR \(y) % 400 = 0) THEN 29 ELSE 28 END \
            WHEN \(m) IN (4, 6, 9, 11) THEN 30 ELSE 31 END)
            """
    }

    /// A `date` or `timestamp` expression as `YYYY-MM-DD` (`to_char` and `::text` are only
    /// stable: they follow the session's settings).
    private static func isoText(ofDate date: String) -> String {
        """
        lpad(extract(year FROM \(date))::integer::text, 4, '0') || '-' || \
        lpad(extract(month FROM \(date))::integer::text, 2, '0') || '-' || \
        lpad(extract(day FROM \(date))::integer::text, 2, '0')
        """
    }

    // MARK: tenure_date

    /// `CalendarDateText.iso`: the sources' clean forms inline (`YYYY-MM-DD` with or without a
    /// time, and `DD/MM/YYYY` and `MM-DD-YYYY` when no swap is needed), the rest in `_tenure_date_loose`.
    static var dateExpression: String {
        let dayFirstMonthDay = "(substr(value, 4, 2) || '-' || left(value, 2))"
        return """
            CASE WHEN \(startsWithISODate("value")) AND (length(value) = 10 OR (substr(value, 11, 1) IN ('T', ' ') \
            AND substr(value, 12, 3) IN (\(hundredColon)) \
            AND substr(value, 15, 2) IN (\(hundred)))) THEN left(value, 10) \
            WHEN length(value) = 10 AND substr(value, 3, 1) = '/' AND substr(value, 6, 1) = '/' \
            AND substr(value, 7, 4) IN (\(years)) AND \(dayFirstMonthDay) IN (\(monthDays)) \
            AND \(leapDayAllowed(monthDay: dayFirstMonthDay, year: "substr(value, 7, 4)::integer")) \
            THEN substr(value, 7, 4) || '-' || \(dayFirstMonthDay) \
            WHEN length(value) = 10 AND substr(value, 3, 1) = '-' AND substr(value, 6, 1) = '-' \
            AND substr(value, 7, 4) IN (\(years)) AND left(value, 5) IN (\(monthDays)) \
            AND \(leapDayAllowed(monthDay: "left(value, 5)", year: "substr(value, 7, 4)::integer")) \
            THEN substr(value, 7, 4) || '-' || left(value, 5) \
            ELSE public._tenure_date_loose(value) END
            """
    }

    /// The whole rule of `CalendarDateText.parse`. Patterns without capture groups and
    /// `split_part` instead of `regexp_match`: PostgreSQL's engine is many times slower when it
    /// has to report groups.
    static var looseDateBody: String {
        """
        DECLARE
          t text := \(trimmed("value"));
          core text;
          y integer;
          m integer;
          d integer;
          swapped integer;
        BEGIN
          IF t ~ '^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[T ][0-9]{1,2}:[0-9]{2}.*)?$' THEN
            core := split_part(split_part(t, 'T', 1), ' ', 1);
            y := split_part(core, '-', 1); m := split_part(core, '-', 2); d := split_part(core, '-', 3);
          ELSIF t ~ '^[0-9]{4}/[0-9]{1,2}/[0-9]{1,2}$' THEN
            y := split_part(t, '/', 1); m := split_part(t, '/', 2); d := split_part(t, '/', 3);
          ELSE
            -- Year last: day first with slashes, month first with dashes.
            IF t ~ '^[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}$' THEN
              d := split_part(t, '/', 1); m := split_part(t, '/', 2); y := split_part(t, '/', 3);
            ELSIF t ~ '^[0-9]{1,2}-[0-9]{1,2}-[0-9]{4}$' THEN
              m := split_part(t, '-', 1); d := split_part(t, '-', 2); y := split_part(t, '-', 3);
            ELSE
              RETURN NULL;
            END IF;
            IF m > 12 AND d <= 12 THEN swapped := m; m := d; d := swapped; END IF;
          END IF;
          IF NOT \(isDate(year: "y", month: "m", day: "d")) THEN RETURN NULL; END IF;
          RETURN lpad(y::text, 4, '0') || '-' || lpad(m::text, 2, '0') || '-' || lpad(d::text, 2, '0');
        END
        """
    }

    // MARK: tenure_add_days, tenure_days_between

    /// Whether `text` has the date part `CalendarDateText.datePart` accepts.
    private static func hasDatePart(_ text: String) -> String {
        "\(startsWithISODate(text)) AND (length(\(text)) = 10 OR substr(\(text), 11, 1) IN ('T', ' '))"
    }

    /// The date part of text known to have one, as a `date`.
    private static func datePart(_ text: String) -> String {
        "make_date(left(\(text), 4)::integer, substr(\(text), 6, 2)::integer, substr(\(text), 9, 2)::integer)"
    }

    /// `CalendarDateText.addingDays`.
    static var addDaysExpression: String {
        let sum = "(\(datePart("value")) + days)"
        let years = CalendarDate.supportedYears
        return """
            CASE WHEN \(hasDatePart("value")) AND days BETWEEN -1000000 AND 1000000 \
            THEN CASE WHEN \(sum) BETWEEN DATE '\(years.lowerBound)-01-01' AND DATE '\(years.upperBound)-12-31' \
            THEN \(isoText(ofDate: sum)) END END
            """
    }

    /// `CalendarDateText.daysBetween`.
    static var daysBetweenExpression: String {
        """
        CASE WHEN \(hasDatePart("start_date")) AND \(hasDatePart("end_date")) \
        THEN \(datePart("end_date")) - \(datePart("start_date")) END
        """
    }

    // MARK: tenure_timestamp

    /// `TimestampText.utc`: clean UTC text with seconds (the sources' and this function's own
    /// output) and bare dates inline, everything else in `_tenure_timestamp_general`.
    static var timestampExpression: String {
        """
        CASE WHEN substr(value, 1, 5) IN (\(yearsDash)) AND substr(value, 6, 6) IN (\(monthDaysSeparated)) \
        AND substr(value, 12, 3) IN (\(hoursColon)) AND substr(value, 15, 3) IN (\(minutesColon)) \
        AND substr(value, 18, 2) IN (\(sixty)) \
        AND (substr(value, 20) IN (\(utcZones)) OR (substr(value, 20, 1) = '.' AND substr(value, 21, 1) IN ('0', '1', '2', '3', '4', '5', '6', '7', '8', '9') \
        AND ltrim(substr(value, 21), '0123456789') IN (\(utcZones)))) \
        AND \(leapDayAllowed(monthDay: "substr(value, 6, 5)", year: "left(value, 4)::integer")) \
        THEN left(value, 10) || ' ' || substr(value, 12, 8) \
        WHEN length(value) = 10 AND \(startsWithISODate("value")) THEN value || ' 00:00:00' \
        ELSE public._tenure_timestamp_general(value) END
        """
    }

    /// The whole rule of `TimestampText.parse`: a pattern check without capture groups, then
    /// fixed positions (the shape leaves only the zone's position open).
    static var generalTimestampBody: String {
        let years = CalendarDate.supportedYears
        let pattern = #"'^[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?(?:Z|[+-][0-9]{2}(?::?[0-9]{2})?)?)?$'"#
        return """
        DECLARE
          t text := \(trimmed("value"));
          zone text;
          y integer;
          m integer;
          d integer;
          h integer;
          mi integer;
          s integer;
          offset_hours integer;
          offset_minutes integer;
          utc timestamp;
        BEGIN
          IF t !~ \(pattern) THEN RETURN NULL; END IF;
          y := left(t, 4); m := substr(t, 6, 2); d := substr(t, 9, 2);
          h := '0' || substr(t, 12, 2); mi := '0' || substr(t, 15, 2);
          s := CASE WHEN substr(t, 17, 1) = ':' THEN substr(t, 18, 2) ELSE '0' END;
          -- What follows the minutes once seconds and fraction are skipped: '', 'Z', '+HH', '+HHMM', '+HH:MM'.
          zone := ltrim(substr(t, 17), ':.0123456789');
          offset_hours := '0' || substr(zone, 2, 2);
          offset_minutes := '0' || substr(replace(zone, ':', ''), 4, 2);
          IF NOT \(isDate(year: "y", month: "m", day: "d")) OR h > 23 OR mi > 59 OR s > 59
             OR offset_hours > 23 OR offset_minutes > 59 THEN
            RETURN NULL;
          END IF;
          utc := make_timestamp(y, m, d, h, mi, s)
            - CASE WHEN left(zone, 1) = '-' THEN -1 ELSE 1 END * (offset_hours * 60 + offset_minutes) * interval '1 minute';
          IF extract(year FROM utc) NOT BETWEEN \(years.lowerBound) AND \(years.upperBound) THEN RETURN NULL; END IF;
          RETURN \(isoText(ofDate: "utc")) || ' ' || lpad(extract(hour FROM utc)::integer::text, 2, '0') || ':'
            || lpad(extract(minute FROM utc)::integer::text, 2, '0') || ':' || lpad(extract(second FROM utc)::integer::text, 2, '0');
        END
        """
    }
}
