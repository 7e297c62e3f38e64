/// Salesforce record ids: a three-character key prefix per object, a sequence, and the
/// three-character case-safe suffix that turns the 15-character id into the 18-character one.
struct SalesforceIDs {
    private var counters: [String: Int] = [:]
    private static let base62 = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
    private static let suffixAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345")

    /// The next 18-character id for the object with `prefix` (`003` Contact, `500` Case, `00T` Task, `005` User).
    mutating func next(_ prefix: String) -> String {
        let number = (counters[prefix] ?? 0) + 1
        counters[prefix] = number
        var digits: [Character] = []
        var value = number
        for _ in 0..<6 {
            digits.append(Self.base62[value % 62])
            value /= 62
        }
        let id15 = prefix + "Dn0000" + String(digits.reversed())
        return id15 + Self.checksum(id15)
    }

    /// The case-safe suffix: for each five-character chunk, a letter encoding which are upper case.
    static func checksum(_ id15: String) -> String {
        let chars = Array(id15)
        var suffix = ""
        for chunk in 0..<3 {
            var flags = 0
            for position in 0..<5 where chars[chunk * 5 + position].isUppercase && chars[chunk * 5 + position].isLetter {
                flags |= 1 << position
            }
            suffix.append(suffixAlphabet[flags])
        }
        return suffix
    }
}

extension Instant {
    /// Salesforce's JSON dateTime: `2024-01-15T09:23:45.000+0000`.
    var salesforce: String { "\(day.iso)T\(clock).000+0000" }

    /// PostgREST's `timestamptz`: `2024-01-15T09:23:45+00:00`.
    var postgrest: String { "\(day.iso)T\(clock)+00:00" }
}
