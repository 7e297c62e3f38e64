import Foundation

/// When a recurring job runs: a Quartz, five-field cron or `@daily`-style expression read on one zone's wall clock.
///
/// Six or seven fields are Quartz (`sec min hour day-of-month month day-of-week [year]`, days of the
/// week 1–7 from SUN, exactly one day field `?`); five are cron (`min hour day-of-month month
/// day-of-week`, seconds 0, days of the week 0–7 with 0 and 7 both SUN).
///
/// In five-field cron, when both day fields are restricted a day matches if *either* does, as in Vixie
/// cron: `0 0 13 * 5` runs on the 13th and on every Friday. As in Vixie cron, a day field that starts
/// with `*` (even `*/2`) counts as unrestricted, and then both must match.
///
/// Daylight saving: a wall-clock time skipped by a spring-forward gap fires once, at the first instant
/// after the gap (02:30 on New York's spring day fires at 03:00 EDT), so a daily run is never lost;
/// a wall-clock time repeated by an autumn fall-back fires once, at its first occurrence.
public struct CronSchedule: Sendable, Equatable, CustomStringConvertible {
    /// The expression as written, trimmed and single-spaced, upper-cased (macros lower-cased).
    public let expression: String
    /// The zone whose wall clock the fields describe.
    public let timeZone: TimeZone
    /// What each field allows, as parsed.
    let fields: Fields

    /// How far `nextFire` looks ahead without a year field: far enough for Feb 29 across 2100, not a leap year.
    static let horizonYears = 8

    /// Parses `expression` (5 fields: cron; 6–7: Quartz; or `@hourly`, `@daily`, `@weekly`, `@monthly`, `@yearly`).
    public init(_ expression: String, timeZone: TimeZone = .current) throws(ParseError) {
        (self.expression, fields) = try Self.parse(expression)
        self.timeZone = timeZone
    }

    /// The expression and the zone, e.g. `0 0 7 * * ? (Europe/London)`.
    public var description: String { "\(expression) (\(timeZone.identifier))" }

    /// Equal when parsed to the same rules in the same zone, however spelled: `@daily` equals `0 0 0 * * ?`.
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.fields == rhs.fields && lhs.timeZone == rhs.timeZone
    }

    /// The first fire time strictly after `date`; nil if none within eight years or, with a year field, by its last year.
    public func nextFire(after date: Date) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        // Fire times are whole seconds. The search starts one wall-clock second after `date`'s, not at the
        // wall-clock reading of the next instant: in the last second before a gap, that would skip the gap.
        let whole = Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: whole)
        guard let year = c.year, let month = c.month, let day = c.day,
              let hour = c.hour, let minute = c.minute, let second = c.second else { return nil }
        // Second 60 is fine: the search carries it.
        var from = WallTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second + 1)
        let lastYear = fields.years?.last ?? year + Self.horizonYears
        while let match = fields.firstMatch(from: from, through: lastYear) {
            let fire = instant(at: match)
            // In the second pass of an autumn's repeated hour, a match's first occurrence is already past.
            if fire > date { return fire }
            from = match
            from.second += 1
        }
        return nil
    }

    /// The fire times in `(start, end]`, ascending, at most `limit` of them.
    public func fires(between start: Date, and end: Date, limit: Int = 1000) -> [Date] {
        var fires: [Date] = []
        var cursor = start
        while fires.count < limit, let next = nextFire(after: cursor), next <= end {
            fires.append(next)
            cursor = next
        }
        return fires
    }

    /// The instant the zone's clock reads `wall`: the first of two when autumn repeats it, the end of the gap
    /// when spring skips it. Uses the zone's offsets directly because gaps and repeats need an explicit choice.
    func instant(at wall: WallTime) -> Date {
        let local = wall.secondsSince1970
        func date(_ seconds: Int) -> Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }
        // The offsets a day either side bracket any transition near `wall`.
        let before = timeZone.secondsFromGMT(for: date(local - 86_400))
        let after = timeZone.secondsFromGMT(for: date(local + 86_400))
        // A candidate is a real reading when the zone's offset at that instant is the one assumed; earliest first.
        let readings = [local - max(before, after), local - min(before, after)]
            .filter { timeZone.secondsFromGMT(for: date($0)) == local - $0 }
        if let first = readings.first { return date(first) }
        // Skipped by a gap: fire when the clock jumps. `local - after` is an instant just before the jump.
        return timeZone.nextDaylightSavingTimeTransition(after: date(local - after)) ?? date(local - before)
    }
}
