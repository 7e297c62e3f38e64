import Foundation

extension CronSchedule {
    /// Why an expression was rejected: one line naming the field and the offending token.
    public struct ParseError: Error, Equatable, CustomStringConvertible, LocalizedError {
        /// The message, e.g. `hour field: 25 is out of range 0–23`.
        public let description: String
        /// The message again, so `localizedDescription` shows it instead of Foundation's generic text.
        public var errorDescription: String? { description }
    }

    /// The macros and the five-field expressions they stand for.
    static let macros = [
        "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *", "@monthly": "0 0 1 * *",
        "@weekly": "0 0 * * 0", "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@hourly": "0 * * * *",
    ]

    /// The normalised expression and its fields; the form is told by the field count (5 cron, 6–7 Quartz).
    static func parse(_ expression: String) throws(ParseError) -> (String, Fields) {
        var words = expression.split(whereSeparator: \.isWhitespace).map { $0.uppercased() }
        var text = words.joined(separator: " ")
        if words.count == 1, text.hasPrefix("@") {
            text = text.lowercased()
            guard let expansion = macros[text] else {
                throw ParseError(description: "unknown macro '\(text)'; use @yearly, @annually, @monthly, @weekly, @daily or @hourly")
            }
            words = expansion.split(separator: " ").map(String.init)
        }
        guard (5...7).contains(words.count) else {
            throw ParseError(description: "expected 5 fields (cron) or 6–7 (Quartz), found \(words.count) in '\(text)'")
        }
        let quartz = words.count > 5
        if quartz, (words[3] == "?") == (words[5] == "?") {
            // Quartz has no rule for combining the two day fields, so it makes one of them `?`.
            throw ParseError(description: words[3] == "?"
                ? "day-of-month and day-of-week fields: only one may be '?'"
                : "day-of-month and day-of-week fields: Quartz needs '?' in exactly one, found '\(words[3])' and '\(words[5])'")
        }
        if !quartz { words.insert("0", at: 0) }  // Five-field cron fires at second 0.
        let seconds = try FieldSpec.second.values(words[0])
        let minutes = try FieldSpec.minute.values(words[1])
        let hours = try FieldSpec.hour.values(words[2])
        let daysOfMonth = try dayOfMonthRules(words[3], quartz: quartz)
        let months = try FieldSpec.month.values(words[4])
        let daysOfWeek = try dayOfWeekRules(words[5], quartz: quartz)
        let years = words.count == 7 && words[6] != "*" ? try FieldSpec.year.values(words[6]) : nil
        // Vixie cron tests the first character, so `*/2` counts as unrestricted too.
        let either = !quartz && !words[3].hasPrefix("*") && !words[5].hasPrefix("*")
        return (text, Fields(seconds: seconds, minutes: minutes, hours: hours, months: months, years: years,
                             daysOfMonth: daysOfMonth, daysOfWeek: daysOfWeek, eitherDayMatches: either))
    }

    /// Day-of-month rules: numbers, ranges and `L`; nil for `*` and Quartz's `?`, which restrict nothing.
    static func dayOfMonthRules(_ text: String, quartz: Bool) throws(ParseError) -> [DayRule]? {
        if text == "*" || (quartz && text == "?") { return nil }
        let spec = FieldSpec.dayOfMonth
        var rules: [DayRule] = []
        for item in try spec.items(text) {
            if item == "L" {
                rules.append(.lastDay)
            } else if item.hasSuffix("W") || item.hasPrefix("L") {
                // Quartz's nearest-weekday (`15W`, `LW`) and offset (`L-3`) forms: refused, not misread.
                throw spec.error("'\(item)' is not supported; of Quartz's L and W forms only a plain L (last day) is")
            } else {
                rules += try spec.values(item: item).map(DayRule.day)
            }
        }
        return rules
    }

    /// Day-of-week rules: days, ranges, `L` (Saturday), `6L` (last Friday), `2#1` (first Monday), in the
    /// form's own numbering; nil for `*` and Quartz's `?`.
    static func dayOfWeekRules(_ text: String, quartz: Bool) throws(ParseError) -> [DayRule]? {
        if text == "*" || (quartz && text == "?") { return nil }
        let spec = quartz ? FieldSpec.quartzWeekday : FieldSpec.cronWeekday
        // To 1 = Sunday … 7 = Saturday, which Quartz already uses; cron's 0 and 7 are both Sunday.
        func weekday(_ value: Int) -> Int { quartz ? value : value % 7 + 1 }
        var rules: [DayRule] = []
        for item in try spec.items(text) {
            if item == "L" {
                rules.append(.weekday(7))
            } else if item.hasSuffix("L") {
                rules.append(.lastWeekday(weekday(try spec.number(item.dropLast(), in: item))))
            } else if let hash = item.firstIndex(of: "#") {
                let day = weekday(try spec.number(item[..<hash], in: item))
                guard let n = Int(item[item.index(after: hash)...]), (1...5).contains(n) else {
                    throw spec.error("'\(item)': the number after '#' must be 1–5")
                }
                rules.append(.nthWeekday(day, n))
            } else {
                rules += try spec.values(item: item).map { .weekday(weekday($0)) }
            }
        }
        return rules
    }
}

/// What one field accepts: its name for messages, its numbers, and for months and weekdays their names.
struct FieldSpec {
    let name: String
    let range: ClosedRange<Int>
    var names: [String] = []

    static let second = FieldSpec(name: "second", range: 0...59)
    static let minute = FieldSpec(name: "minute", range: 0...59)
    static let hour = FieldSpec(name: "hour", range: 0...23)
    static let dayOfMonth = FieldSpec(name: "day-of-month", range: 1...31)
    static let month = FieldSpec(
        name: "month", range: 1...12, names: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"])
    static let quartzWeekday = FieldSpec(name: "day-of-week", range: 1...7, names: weekdayNames)
    // Cron counts from 0 and lets 7 mean Sunday too.
    static let cronWeekday = FieldSpec(name: "day-of-week", range: 0...7, names: weekdayNames)
    // Quartz's own limits.
    static let year = FieldSpec(name: "year", range: 1970...2099)
    static let weekdayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]

    /// An error in this field, with its name in front.
    func error(_ message: String) -> CronSchedule.ParseError {
        CronSchedule.ParseError(description: "\(name) field: \(message)")
    }

    /// The comma-separated items of `text`, rejecting empty ones such as the middle of `1,,2`.
    func items(_ text: String) throws(CronSchedule.ParseError) -> [Substring] {
        let items = text.split(separator: ",", omittingEmptySubsequences: false)
        guard !items.contains(where: \.isEmpty) else { throw error("empty item in list '\(text)'") }
        return items
    }

    /// All values `text` allows, ascending: a list of `*`, `a`, `a-b`, each with an optional `/step`.
    func values(_ text: String) throws(CronSchedule.ParseError) -> [Int] {
        var values = Set<Int>()
        for item in try items(text) { values.formUnion(try self.values(item: item)) }
        return values.sorted()
    }

    /// The values of one list item: `*`, `a`, `a-b`, `*/n`, `a/n` (from a to the field's end) or `a-b/n`.
    func values(item: Substring) throws(CronSchedule.ParseError) -> [Int] {
        if item == "?" { throw error("'?' is allowed only as a whole day field of a Quartz expression") }
        let parts = item.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { throw error("'\(item)' has more than one '/'") }
        var step = 1
        if parts.count == 2 {
            guard let n = Int(parts[1]) else { throw error("step '\(parts[1])' in '\(item)' is not a number") }
            guard n >= 1 else { throw error("step \(n) in '\(item)' must be at least 1") }
            step = n
        }
        var bounds = range
        if parts[0] != "*" {
            let ends = parts[0].split(separator: "-", omittingEmptySubsequences: false)
            guard ends.count <= 2 else { throw error("'\(item)' is not a range a-b") }
            let low = try number(ends[0], in: item)
            let high = ends.count == 2 ? try number(ends[1], in: item) : parts.count == 2 ? range.upperBound : low
            guard low <= high else { throw error("range \(parts[0]) runs backwards") }
            bounds = low...high
        }
        return Array(stride(from: bounds.lowerBound, through: bounds.upperBound, by: step))
    }

    /// One number or name, checked against the field's range. Names count from the range's start, which
    /// makes SUN 0 in cron and 1 in Quartz.
    func number(_ token: Substring, in item: Substring) throws(CronSchedule.ParseError) -> Int {
        if let index = names.firstIndex(of: String(token)) { return range.lowerBound + index }
        guard let value = Int(token) else {
            let orName = names.first.map { " or a name \($0)–\(names.last ?? $0)" } ?? ""
            throw error(token.isEmpty ? "'\(item)' is missing a number" : "'\(token)' is not a number\(orName)")
        }
        guard range.contains(value) else {
            throw error("\(value) is out of range \(range.lowerBound)–\(range.upperBound)")
        }
        return value
    }
}
