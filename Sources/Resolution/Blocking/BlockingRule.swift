/// Records that agree on every one of a rule's keys are compared; a record lacking any key is
/// left out of the rule. Several rules are OR-ed: a pair is compared when any rule proposes it.
public struct BlockingRule: Sendable, Hashable {
    /// The rule's name in statistics (`surname + birth_year`).
    public let name: String
    /// The keys that must all agree.
    public let keys: [BlockingKey]

    /// A rule over `keys`, named by them unless `name` is given.
    public init(_ keys: [BlockingKey], name: String? = nil) {
        self.keys = keys
        self.name = name ?? keys.map(\.rawValue).joined(separator: " + ")
    }

    /// Same e-mail; same phone line; same surname and date of birth; same-sounding surname,
    /// given name and birth year; same given name and date of birth (surname typos and
    /// changes); same-sounding surname, initial and date of birth (`J. Smith`).
    ///
    /// Each rule pairs records sharing something specific, so the pair count stays near-linear
    /// where names are few and common: a rule on surname alone, or on Soundex and initial, grows
    /// with the square of the records sharing them (at a million records, Soundex + initial +
    /// birth year alone proposes about 70 million pairs on the simulated bank's names).
    public static let defaults: [BlockingRule] = [
        BlockingRule([.email]),
        BlockingRule([.phoneLastSeven]),
        BlockingRule([.surname, .birthDate]),
        BlockingRule([.surnameSoundex, .givenName, .birthYear]),
        BlockingRule([.givenName, .birthDate]),
        BlockingRule([.surnameSoundex, .givenInitial, .birthDate]),
    ]

    /// The rule's combined key for record `i`, or ``CandidatePairs/missing`` when it lacks a
    /// key; `keys` are the rule's keys bound to `table`.
    @inline(__always)
    static func key(_ keys: [TableKey], in table: RecordTable, _ i: Int) -> UInt64 {
        var combined: UInt64 = 0
        for (index, key) in keys.enumerated() {
            let value = key.value(in: table, i)
            if value == 0 { return CandidatePairs.missing }
            if index < 2 {
                // Two keys fit side by side exactly; more are mixed in, where a rare collision
                // only proposes extra pairs for scoring to reject.
                combined = combined << 32 | UInt64(value)
            } else {
                combined = (combined ^ UInt64(value)) &* 0x9E37_79B9_7F4A_7C15
                combined ^= combined >> 29
            }
        }
        return combined == CandidatePairs.missing ? CandidatePairs.missing - 1 : combined
    }
}
