import Foundation

/// Times as the warehouse's `ops` and ledger tables keep them: ISO 8601 text in UTC with
/// milliseconds, which sorts as text on every engine.
public enum Timestamp {
    /// `2026-11-27T07:00:00.000Z`.
    public static func iso(_ time: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: time)
    }

    /// The time `text` names, with or without fractional seconds; nil when it is not ISO 8601.
    public static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}
