import Foundation
import Scheduling
import Testing

/// The zones the tests use; real tzdata zones, so a missing one means a broken install.
enum Zone {
    static func named(_ identifier: String) throws -> TimeZone { try #require(TimeZone(identifier: identifier)) }
    static var utc: TimeZone { get throws { try named("UTC") } }
    static var newYork: TimeZone { get throws { try named("America/New_York") } }
    static var london: TimeZone { get throws { try named("Europe/London") } }
}

/// The instant `zone`'s wall clock reads the given time; the tests pass only times that occur exactly once.
func at(_ zone: TimeZone, _ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0, _ second: Int = 0) throws -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    return try #require(calendar.date(from: components))
}

/// `date` on `zone`'s wall clock as `2026-03-08 03:00:00`, so failures read as times rather than numbers.
func text(_ date: Date?, _ zone: TimeZone) -> String {
    guard let date else { return "nil" }
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
    return String(format: "%04d-%02d-%02d %02d:%02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
}

/// The next `count` fire times after `start`, each found by `nextFire(after:)` from the one before: the
/// injected clock is just the instant passed in.
func nextFires(_ schedule: CronSchedule, after start: Date, count: Int) -> [Date] {
    var fires: [Date] = []
    var cursor = start
    while fires.count < count, let next = schedule.nextFire(after: cursor) {
        fires.append(next)
        cursor = next
    }
    return fires
}

/// The next `count` fire times of `expression` in `zone` after a wall-clock time there, as wall-clock text.
func wallFires(_ expression: String, _ zone: TimeZone, after start: (Int, Int, Int, Int, Int), count: Int) throws -> [String] {
    let schedule = try CronSchedule(expression, timeZone: zone)
    let from = try at(zone, start.0, start.1, start.2, start.3, start.4)
    return nextFires(schedule, after: from, count: count).map { text($0, zone) }
}

@Suite("CronSchedule: Quartz and cron syntax, next fire times, daylight saving")
struct CronScheduleTests {
    @Test("the bank's 0 0 7 * * ? fires at 07:00 London time for 10 days, 07:00 UTC before BST and 06:00 after")
    func bankDailyAcrossSpringForward() throws {
        let london = try Zone.london
        let schedule = try CronSchedule("0 0 7 * * ?", timeZone: london)
        let fires = nextFires(schedule, after: try at(london, 2026, 3, 24, 12), count: 10)
        #expect(fires.map { text($0, london) } == (25...31).map { "2026-03-\($0) 07:00:00" } + (1...3).map { "2026-04-0\($0) 07:00:00" })
        let utc = try Zone.utc
        #expect(fires.map { text($0, utc).suffix(8) } == Array(repeating: "07:00:00", count: 4) + Array(repeating: "06:00:00", count: 6))
    }

    @Test("the bank's schedule in New York: 07:00 local is 11:00 UTC before Nov 1 2026 and 12:00 after")
    func bankDailyAcrossFallBack() throws {
        let newYork = try Zone.newYork
        let fires = nextFires(try CronSchedule("0 0 7 * * ?", timeZone: newYork), after: try at(newYork, 2026, 10, 30), count: 4)
        #expect(fires.map { text($0, newYork) } == ["2026-10-30 07:00:00", "2026-10-31 07:00:00", "2026-11-01 07:00:00", "2026-11-02 07:00:00"])
        let utc = try Zone.utc
        #expect(fires.map { text($0, utc) } == ["2026-10-30 11:00:00", "2026-10-31 11:00:00", "2026-11-01 12:00:00", "2026-11-02 12:00:00"])
    }

    @Test("0 15 9 ? * MON-FRI skips the weekend")
    func quartzWeekdays() throws {
        // Friday 9 January 2026, after that day's run.
        #expect(try wallFires("0 15 9 ? * MON-FRI", Zone.newYork, after: (2026, 1, 9, 10, 0), count: 6)
            == ["2026-01-12 09:15:00", "2026-01-13 09:15:00", "2026-01-14 09:15:00", "2026-01-15 09:15:00", "2026-01-16 09:15:00", "2026-01-19 09:15:00"])
    }

    @Test("0 0 9 L * ? fires on the last day of each month, Feb 29 in a leap year")
    func lastDayOfMonth() throws {
        #expect(try wallFires("0 0 9 L * ?", Zone.utc, after: (2026, 1, 1, 0, 0), count: 4)
            == ["2026-01-31 09:00:00", "2026-02-28 09:00:00", "2026-03-31 09:00:00", "2026-04-30 09:00:00"])
        #expect(try wallFires("0 0 9 L * ?", Zone.utc, after: (2028, 2, 1, 0, 0), count: 1) == ["2028-02-29 09:00:00"])
    }

    @Test("0 0 12 ? * 6L fires on the last Friday of each month")
    func lastFriday() throws {
        #expect(try wallFires("0 0 12 ? * 6L", Zone.london, after: (2026, 1, 1, 0, 0), count: 5)
            == ["2026-01-30 12:00:00", "2026-02-27 12:00:00", "2026-03-27 12:00:00", "2026-04-24 12:00:00", "2026-05-29 12:00:00"])
        #expect(try CronSchedule("0 0 12 ? * FRIL") == CronSchedule("0 0 12 ? * 6L"))
        #expect(try CronSchedule("0 12 * * 5L") == CronSchedule("0 0 12 ? * 6L"), "cron numbers Friday 5")
    }

    @Test("0 0 12 ? * 2#1 fires on the first Monday of each month")
    func firstMonday() throws {
        #expect(try wallFires("0 0 12 ? * 2#1", Zone.utc, after: (2026, 1, 1, 0, 0), count: 6)
            == ["2026-01-05 12:00:00", "2026-02-02 12:00:00", "2026-03-02 12:00:00", "2026-04-06 12:00:00", "2026-05-04 12:00:00", "2026-06-01 12:00:00"])
        #expect(try CronSchedule("0 0 12 ? * MON#1") == CronSchedule("0 0 12 ? * 2#1"))
    }

    @Test("rare days are found: fifth Fridays, and Feb 29 even across 2100, which is not a leap year")
    func rareDays() throws {
        let utc = try Zone.utc
        #expect(try wallFires("0 0 12 ? * 6#5", utc, after: (2026, 1, 1, 0, 0), count: 4)
            == ["2026-01-30 12:00:00", "2026-05-29 12:00:00", "2026-07-31 12:00:00", "2026-10-30 12:00:00"])
        #expect(try wallFires("0 0 0 29 2 ? *", utc, after: (2026, 3, 1, 0, 0), count: 2) == ["2028-02-29 00:00:00", "2032-02-29 00:00:00"])
        #expect(try wallFires("0 0 0 29 2 ? *", utc, after: (2096, 3, 1, 0, 0), count: 1) == ["2104-02-29 00:00:00"])
    }

    @Test("*/15 * * * * fires on the quarter hours, at second 0")
    func everyQuarterHour() throws {
        #expect(try wallFires("*/15 * * * *", Zone.utc, after: (2026, 1, 1, 10, 7), count: 4)
            == ["2026-01-01 10:15:00", "2026-01-01 10:30:00", "2026-01-01 10:45:00", "2026-01-01 11:00:00"])
    }

    @Test("0 7 * * 1-5 fires at 07:00 on weekdays")
    func cronWeekdays() throws {
        #expect(try wallFires("0 7 * * 1-5", Zone.london, after: (2026, 1, 9, 8, 0), count: 6)
            == ["2026-01-12 07:00:00", "2026-01-13 07:00:00", "2026-01-14 07:00:00", "2026-01-15 07:00:00", "2026-01-16 07:00:00", "2026-01-19 07:00:00"])
    }

    @Test("macros expand to their five-field forms")
    func macros() throws {
        let utc = try Zone.utc
        #expect(try wallFires("@daily", utc, after: (2026, 2, 27, 12, 0), count: 3) == ["2026-02-28 00:00:00", "2026-03-01 00:00:00", "2026-03-02 00:00:00"])
        #expect(try CronSchedule("@daily", timeZone: utc) == CronSchedule("0 0 * * *", timeZone: utc))
        #expect(try CronSchedule("@daily", timeZone: utc) == CronSchedule("0 0 0 * * ?", timeZone: utc))
        #expect(try CronSchedule("@midnight") == CronSchedule("@daily"))
        #expect(try CronSchedule("@hourly") == CronSchedule("0 * * * *"))
        #expect(try CronSchedule("@weekly") == CronSchedule("0 0 0 ? * SUN"))
        #expect(try CronSchedule("@monthly") == CronSchedule("0 0 0 1 * ?"))
        #expect(try CronSchedule("@yearly") == CronSchedule("0 0 0 1 JAN ?"))
        #expect(try CronSchedule("@ANNUALLY") == CronSchedule("@yearly"))
    }

    @Test("steps: a-b/n, a/n (to the field's end), */n")
    func stepRanges() throws {
        let utc = try Zone.utc
        let day = try CronSchedule("0 10-40/15 8-17/3 * * ?", timeZone: utc)
        let hours = day.fires(between: try at(utc, 2026, 5, 1), and: try at(utc, 2026, 5, 2)).map { text($0, utc).dropFirst(11) }
        #expect(hours == ["08:10:00", "08:25:00", "08:40:00", "11:10:00", "11:25:00", "11:40:00",
                          "14:10:00", "14:25:00", "14:40:00", "17:10:00", "17:25:00", "17:40:00"])
        #expect(try wallFires("0 5/20 * * * ?", utc, after: (2026, 5, 1, 0, 0), count: 4)
            == ["2026-05-01 00:05:00", "2026-05-01 00:25:00", "2026-05-01 00:45:00", "2026-05-01 01:05:00"])
        #expect(try wallFires("0 0 1 */4 *", utc, after: (2026, 1, 1, 0, 0), count: 3)
            == ["2026-05-01 00:00:00", "2026-09-01 00:00:00", "2027-01-01 00:00:00"])
        #expect(try CronSchedule("0 0 * * */2") == CronSchedule("0 0 * * SUN,TUE,THU,SAT"))
    }

    @Test("five-field cron: day-of-month OR day-of-week when both are restricted (Vixie); AND when one starts with *")
    func cronDayFieldsEitherMatch() throws {
        let utc = try Zone.utc
        // April 2026: Fridays 3, 10, 17, 24; the 13th is a Monday.
        #expect(try wallFires("0 0 13 * 5", utc, after: (2026, 4, 1, 0, 0), count: 6)
            == ["2026-04-03 00:00:00", "2026-04-10 00:00:00", "2026-04-13 00:00:00", "2026-04-17 00:00:00", "2026-04-24 00:00:00", "2026-05-01 00:00:00"])
        // `*/2` starts with `*`, so as in Vixie cron both must match: odd-numbered Fridays.
        #expect(try wallFires("0 0 */2 * 5", utc, after: (2026, 1, 1, 0, 0), count: 4)
            == ["2026-01-09 00:00:00", "2026-01-23 00:00:00", "2026-02-13 00:00:00", "2026-02-27 00:00:00"])
    }

    @Test("Sunday is 1 in Quartz and 0 or 7 in cron; names and case do not matter")
    func sundayNumbering() throws {
        let sunday = try CronSchedule("0 0 12 ? * 1")
        for expression in ["0 0 12 ? * SUN", "0 0 12 ? * sun", "0 12 * * 0", "0 12 * * 7", "0 12 * * Sun"] {
            #expect(try CronSchedule(expression) == sunday, "\(expression)")
        }
        #expect(try wallFires("0 0 12 ? * 1", Zone.utc, after: (2026, 1, 7, 0, 0), count: 1) == ["2026-01-11 12:00:00"])
        #expect(try CronSchedule("0 0 12 ? * L") == CronSchedule("0 0 12 ? * SAT"), "L alone in Quartz day-of-week is Saturday")
    }

    @Test("nextFire is strictly after the instant given: on a fire time it returns the following one")
    func strictlyAfter() throws {
        let utc = try Zone.utc
        let schedule = try CronSchedule("0 0 7 * * ?", timeZone: utc)
        let seven = try at(utc, 2026, 6, 1, 7)
        #expect(schedule.nextFire(after: seven) == (try at(utc, 2026, 6, 2, 7)))
        #expect(schedule.nextFire(after: seven.addingTimeInterval(-0.5)) == seven)
        #expect(schedule.nextFire(after: seven.addingTimeInterval(0.5)) == (try at(utc, 2026, 6, 2, 7)))
    }

    @Test("fires(between:and:) covers (start, end] and stops at the limit")
    func firesBetween() throws {
        let utc = try Zone.utc
        let schedule = try CronSchedule("0 * * * *", timeZone: utc)
        let fires = schedule.fires(between: try at(utc, 2026, 6, 1, 7), and: try at(utc, 2026, 6, 1, 10))
        #expect(fires.map { text($0, utc) } == ["2026-06-01 08:00:00", "2026-06-01 09:00:00", "2026-06-01 10:00:00"])
        #expect(schedule.fires(between: try at(utc, 2026, 6, 1), and: try at(utc, 2026, 7, 1), limit: 5).count == 5)
        #expect(schedule.fires(between: try at(utc, 2026, 6, 1, 10), and: try at(utc, 2026, 6, 1, 7)).isEmpty)
    }

    @Test("a year field bounds the schedule; impossible dates never fire")
    func yearsAndImpossibleDates() throws {
        #expect(try wallFires("0 0 12 1 1 ? 2027,2040", Zone.utc, after: (2026, 1, 1, 0, 0), count: 3)
            == ["2027-01-01 12:00:00", "2040-01-01 12:00:00"])
        #expect(try CronSchedule("0 0 0 30 2 ?").nextFire(after: Date(timeIntervalSince1970: 0)) == nil)
        #expect(try CronSchedule("0 0 31 4 *").nextFire(after: Date(timeIntervalSince1970: 0)) == nil)
    }

    @Test("spring forward: a skipped wall-clock time fires once, at the first instant after the gap")
    func springForwardGap() throws {
        let utc = try Zone.utc
        // New York, Sunday 8 March 2026: 02:00 EST jumps to 03:00 EDT, so 02:30 fires at 03:00 EDT = 07:00 UTC.
        let newYork = try CronSchedule("0 30 2 * * ?", timeZone: Zone.newYork)
        #expect(nextFires(newYork, after: try at(utc, 2026, 3, 7), count: 3).map { text($0, utc) }
            == ["2026-03-07 07:30:00", "2026-03-08 07:00:00", "2026-03-09 06:30:00"])
        // London, Sunday 29 March 2026: 01:00 GMT jumps to 02:00 BST, so 01:30 fires at 02:00 BST = 01:00 UTC.
        let london = try CronSchedule("0 30 1 * * ?", timeZone: Zone.london)
        #expect(nextFires(london, after: try at(utc, 2026, 3, 28), count: 3).map { text($0, utc) }
            == ["2026-03-28 01:30:00", "2026-03-29 01:00:00", "2026-03-30 00:30:00"])
        // Asked in the last second before the jump, the skipped 02:30 still fires at the jump.
        let jump = try at(utc, 2026, 3, 8, 7)
        #expect(newYork.nextFire(after: jump.addingTimeInterval(-0.5)) == jump)
        #expect(newYork.nextFire(after: jump.addingTimeInterval(-1)) == jump)
        #expect(text(newYork.nextFire(after: jump), utc) == "2026-03-09 06:30:00")
        // Every quarter hour: 02:00–02:45 collapse into the single 03:00 EDT fire.
        let newYorkZone = try Zone.newYork
        let quarters = try CronSchedule("*/15 * * * *", timeZone: newYorkZone)
        #expect(nextFires(quarters, after: try at(utc, 2026, 3, 8, 6, 20), count: 4).map { text($0, newYorkZone) }
            == ["2026-03-08 01:30:00", "2026-03-08 01:45:00", "2026-03-08 03:00:00", "2026-03-08 03:15:00"])
    }

    @Test("fall back: a repeated wall-clock time fires once, at its first occurrence")
    func fallBackRepeat() throws {
        let utc = try Zone.utc
        // New York, Sunday 1 November 2026: 02:00 EDT falls back to 01:00 EST; 01:30 EDT is 05:30 UTC, 01:30 EST 06:30.
        let newYork = try CronSchedule("0 30 1 * * ?", timeZone: Zone.newYork)
        #expect(nextFires(newYork, after: try at(utc, 2026, 10, 31), count: 3).map { text($0, utc) }
            == ["2026-10-31 05:30:00", "2026-11-01 05:30:00", "2026-11-02 06:30:00"])
        // Asked during the repeated hour's second pass (01:10 EST), it does not fire again at 01:30 EST.
        #expect(text(newYork.nextFire(after: try at(utc, 2026, 11, 1, 6, 10)), utc) == "2026-11-02 06:30:00")
        // London, Sunday 25 October 2026: 02:00 BST falls back to 01:00 GMT; 01:30 BST is 00:30 UTC.
        let london = try CronSchedule("0 30 1 * * ?", timeZone: Zone.london)
        #expect(nextFires(london, after: try at(utc, 2026, 10, 24), count: 3).map { text($0, utc) }
            == ["2026-10-24 00:30:00", "2026-10-25 00:30:00", "2026-10-26 01:30:00"])
        // Every quarter hour: once through 01:00–01:45 (EDT), then on from 02:00 EST.
        let quarters = try CronSchedule("*/15 * * * *", timeZone: Zone.newYork)
        #expect(nextFires(quarters, after: try at(utc, 2026, 11, 1, 5, 20), count: 4).map { text($0, utc) }
            == ["2026-11-01 05:30:00", "2026-11-01 05:45:00", "2026-11-01 07:00:00", "2026-11-01 07:15:00"])
    }

    @Test("description: the normalised expression and the zone")
    func description() throws {
        #expect(try CronSchedule("  0 15 9   ? * mon-fri ", timeZone: Zone.london).description == "0 15 9 ? * MON-FRI (Europe/London)")
        #expect(try CronSchedule("@Daily", timeZone: Zone.named("Asia/Tokyo")).description == "@daily (Asia/Tokyo)")
        #expect(try CronSchedule("0 0 7 * * ?", timeZone: Zone.london) != CronSchedule("0 0 7 * * ?", timeZone: Zone.newYork))
    }

    @Test("each bad expression is rejected with a one-line message naming the field and token", arguments: [
        ("0 7 * *", "expected 5 fields (cron) or 6–7 (Quartz), found 4 in '0 7 * *'"),
        ("0 0 7 * * ? 2026 X", "expected 5 fields (cron) or 6–7 (Quartz), found 8 in '0 0 7 * * ? 2026 X'"),
        ("   ", "expected 5 fields (cron) or 6–7 (Quartz), found 0 in ''"),
        ("0 0 25 * * ?", "hour field: 25 is out of range 0–23"),
        ("60 * * * *", "minute field: 60 is out of range 0–59"),
        ("0 0 12 ? 13 *", "month field: 13 is out of range 1–12"),
        ("0 0 12 32 * ?", "day-of-month field: 32 is out of range 1–31"),
        ("0 0 12 ? * 0", "day-of-week field: 0 is out of range 1–7"),
        ("0 12 * * 8", "day-of-week field: 8 is out of range 0–7"),
        ("0 0 0 1 1 ? 1969", "year field: 1969 is out of range 1970–2099"),
        ("0 0 7 ? * ?", "day-of-month and day-of-week fields: only one may be '?'"),
        ("0 0 7 * * *", "day-of-month and day-of-week fields: Quartz needs '?' in exactly one, found '*' and '*'"),
        ("0 0 7 1 * MON", "day-of-month and day-of-week fields: Quartz needs '?' in exactly one, found '1' and 'MON'"),
        ("0 0 7 ? * FRU", "day-of-week field: 'FRU' is not a number or a name SUN–SAT"),
        ("0 0 7 ? JANUARY *", "month field: 'JANUARY' is not a number or a name JAN–DEC"),
        ("0 7 1,,15 * *", "day-of-month field: empty item in list '1,,15'"),
        ("0 7,8, * * *", "hour field: empty item in list '7,8,'"),
        ("*/0 * * * *", "minute field: step 0 in '*/0' must be at least 1"),
        ("0 0/x * * * ?", "minute field: step 'X' in '0/X' is not a number"),
        ("0 */2/3 * * *", "hour field: '*/2/3' has more than one '/'"),
        ("0 17-9 * * *", "hour field: range 17-9 runs backwards"),
        ("0 1-2-3 * * *", "hour field: '1-2-3' is not a range a-b"),
        ("0 -5 * * *", "hour field: '-5' is missing a number"),
        ("0 0 12 ? * 6#6", "day-of-week field: '6#6': the number after '#' must be 1–5"),
        ("0 0 12 15W * ?", "day-of-month field: '15W' is not supported; of Quartz's L and W forms only a plain L (last day) is"),
        ("0 0 12 LW * ?", "day-of-month field: 'LW' is not supported; of Quartz's L and W forms only a plain L (last day) is"),
        ("0 0 12 L-3 * ?", "day-of-month field: 'L-3' is not supported; of Quartz's L and W forms only a plain L (last day) is"),
        ("0 7 ? * *", "day-of-month field: '?' is allowed only as a whole day field of a Quartz expression"),
        ("0 0 ? * * ?", "hour field: '?' is allowed only as a whole day field of a Quartz expression"),
        ("@reboot", "unknown macro '@reboot'; use @yearly, @annually, @monthly, @weekly, @daily or @hourly"),
    ])
    func rejects(expression: String, message: String) {
        #expect(throws: CronSchedule.ParseError.self) { try CronSchedule(expression) }
        do {
            _ = try CronSchedule(expression)
        } catch {
            #expect(error.description == message)
            #expect(error.localizedDescription == message)
        }
    }
}
