import Foundation

/// How Access writes times: ISO 8601 UTC with milliseconds, fixed width, so text order is time order.
enum StoredTime {
    private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)

    /// `2025-01-15T09:30:00.000Z`.
    static func text(_ date: Date) -> String {
        style.format(date)
    }

    /// The date of a stored time, or nil when it is not one.
    static func date(_ text: String) -> Date? {
        if let date = try? style.parse(text) { return date }
        return try? Date.ISO8601FormatStyle().parse(text)
    }

    /// The UTC day `YYYY-MM-DD` as the stored times of its start and of the next day's start.
    static func bounds(ofDay day: String) -> (from: String, to: String)? {
        let parts = day.split(separator: "-", omittingEmptySubsequences: false)
        guard day.count == 10, parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let year = Int(parts[0]), let month = Int(parts[1]), let dayOfMonth = Int(parts[2]) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let components = DateComponents(year: year, month: month, day: dayOfMonth)
        guard components.isValidDate(in: calendar), let start = calendar.date(from: components),
              let end = calendar.date(byAdding: .day, value: 1, to: start) else { return nil }
        return (text(start), text(end))
    }
}
