import TenureCore

/// A telephone number as matching compares it: its digits with the country code when they
/// read as a full number, and its last seven digits either way.
///
/// The last seven digits (exchange and line in North America) survive the slips that break a
/// full comparison: a missing or different area code, a `1` typed or not, a number entered
/// without its prefix.
public struct MatchPhone: Sendable, Hashable {
    /// The E.164 digits without `+` (`16305333428`) when TenureCore reads a full number,
    /// else every digit as typed.
    public let digits: String
    /// Whether ``digits`` is a full E.164 number.
    public let isComplete: Bool
    /// The number formed by the last seven digits.
    public let lastSeven: Int

    /// The number in `text`, or nil when it has fewer than seven digits or is a placeholder
    /// (every digit the same, as in `000-0000`).
    public init?(_ text: String) {
        let full = PhoneNumber.e164(text)
        var digits: [UInt8] = []
        for byte in (full ?? text).utf8 where (0x30...0x39).contains(byte) {
            digits.append(byte)
            if digits.count > 20 { return nil }
        }
        guard digits.count >= 7, let first = digits.first, digits.contains(where: { $0 != first }) else { return nil }
        var lastSeven = 0
        for byte in digits.suffix(7) { lastSeven = lastSeven * 10 + Int(byte - 0x30) }
        self.digits = String(decoding: digits, as: UTF8.self)
        self.isComplete = full != nil
        self.lastSeven = lastSeven
    }
}
