/// What a parsed expression allows, and the search for the next wall-clock time it allows.
struct Fields: Equatable, Sendable {
    /// Allowed values of each field, ascending.
    let seconds: [Int], minutes: [Int], hours: [Int], months: [Int]
    /// Allowed years, ascending; nil when unrestricted.
    let years: [Int]?
    /// The day fields' rules; nil for `*` or `?`, which restrict nothing.
    let daysOfMonth: [DayRule]?, daysOfWeek: [DayRule]?
    /// Vixie cron's rule: when both day fields restrict, a day matching either is enough.
    let eitherDayMatches: Bool

    /// The first wall-clock time at or after `start` that every field allows, up to the end of `lastYear`.
    ///
    /// Each step advances the coarsest field that fails to its next allowed value (or carries into the
    /// field above, which resets the finer ones), so rare dates such as Feb 29 take a few hundred steps, not
    /// millions. Finer fields may briefly overflow (hour 24, minute 60); the lookup of the next allowed
    /// value then finds none and carries.
    func firstMatch(from start: WallTime, through lastYear: Int) -> WallTime? {
        var t = start
        while t.year <= lastYear {
            if let years {
                guard let year = years.first(atLeast: t.year), year <= lastYear else { return nil }
                if year > t.year { t = WallTime(year: year, month: 1, day: 1) }
            }
            guard let month = months.first(atLeast: t.month) else { t = t.nextYear; continue }
            if month > t.month { t = WallTime(year: t.year, month: month, day: 1) }
            guard t.day <= WallTime.daysIn(t.year, t.month) else { t = t.nextMonth; continue }
            guard dayMatches(t), let hour = hours.first(atLeast: t.hour) else { t = t.nextDay; continue }
            if hour > t.hour { (t.hour, t.minute, t.second) = (hour, 0, 0) }
            guard let minute = minutes.first(atLeast: t.minute) else { t = t.nextHour; continue }
            if minute > t.minute { (t.minute, t.second) = (minute, 0) }
            guard let second = seconds.first(atLeast: t.second) else { t = t.nextMinute; continue }
            t.second = second
            return t
        }
        return nil
    }

    /// Whether the day of `t` is allowed by the day-of-month and day-of-week fields together.
    func dayMatches(_ t: WallTime) -> Bool {
        let length = WallTime.daysIn(t.year, t.month)
        let weekday = t.weekday
        func matches(_ rules: [DayRule]) -> Bool {
            rules.contains { $0.matches(day: t.day, weekday: weekday, daysInMonth: length) }
        }
        switch (daysOfMonth.map(matches), daysOfWeek.map(matches)) {
        case let (byMonth?, byWeek?): return eitherDayMatches ? byMonth || byWeek : byMonth && byWeek
        case let (byMonth, byWeek): return (byMonth ?? true) && (byWeek ?? true)
        }
    }
}

extension [Int] {
    /// The first value at or after `value` in this ascending list.
    func first(atLeast value: Int) -> Int? { first { $0 >= value } }
}

/// One way a day can match. Weekdays are numbered 1 = Sunday … 7 = Saturday, as in Quartz and `Calendar`.
enum DayRule: Hashable, Sendable {
    /// That day of the month, 1–31.
    case day(Int)
    /// `L` in day-of-month: the month's last day.
    case lastDay
    /// That day of the week.
    case weekday(Int)
    /// `6L` in Quartz: the month's last such weekday (last Friday).
    case lastWeekday(Int)
    /// `2#1` in Quartz: the month's n-th such weekday (first Monday).
    case nthWeekday(Int, Int)

    /// Whether day `day` of a month of `daysInMonth` days, falling on `weekday`, matches.
    func matches(day: Int, weekday: Int, daysInMonth: Int) -> Bool {
        switch self {
        case .day(let n): day == n
        case .lastDay: day == daysInMonth
        case .weekday(let w): weekday == w
        case .lastWeekday(let w): weekday == w && day + 7 > daysInMonth
        case .nthWeekday(let w, let n): weekday == w && (day + 6) / 7 == n
        }
    }
}

/// A reading of a wall clock, with no zone and so no daylight saving: plain calendar arithmetic.
struct WallTime: Equatable {
    var year: Int, month: Int, day: Int, hour = 0, minute = 0, second = 0

    // Where the search resumes when a field has no allowed value left: the start of the next larger unit.
    var nextYear: WallTime { WallTime(year: year + 1, month: 1, day: 1) }
    var nextMonth: WallTime { WallTime(year: year, month: month + 1, day: 1) }
    var nextDay: WallTime { WallTime(year: year, month: month, day: day + 1) }
    var nextHour: WallTime { WallTime(year: year, month: month, day: day, hour: hour + 1) }
    var nextMinute: WallTime { WallTime(year: year, month: month, day: day, hour: hour, minute: minute + 1) }

    /// Seconds since 1970-01-01 00:00:00 as if the wall clock were UTC.
    var secondsSince1970: Int { ((Self.days(year, month, day) * 24 + hour) * 60 + minute) * 60 + second }

    /// 1 = Sunday … 7 = Saturday; 1970-01-01 was a Thursday (5).
    var weekday: Int { ((Self.days(year, month, day) % 7 + 11) % 7) + 1 }

    /// The number of days in `month` of `year`, Gregorian leap years included.
    static func daysIn(_ year: Int, _ month: Int) -> Int {
        if month == 2 { return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28 }
        return [4, 6, 9, 11].contains(month) ? 30 : 31
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    static func days(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
