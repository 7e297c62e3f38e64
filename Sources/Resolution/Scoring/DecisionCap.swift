/// A comparison level that limits a pair's decision whatever its weight: "clearly different
/// given names are never merged without a person looking".
///
/// Fellegi–Sunter treats fields as independent, and household members are where that fails
/// most: relatives share a surname, a phone and an address, so those agreements add up to
/// more than one clear disagreement subtracts. A cap states the disagreement's veto directly
/// instead of bending the weights to imitate it.
public struct DecisionCap: Sendable, Hashable {
    /// The comparator's name.
    public let field: String
    /// The level's name.
    public let level: String
    /// The best decision a pair at that level may get (`review` or `reject`).
    public let decision: Decision

    /// Pairs at `level` of `field` get at most `decision`.
    public init(field: String, level: String, atMost decision: Decision) {
        self.field = field
        self.level = level
        self.decision = decision
    }

    /// Clearly different given names (not a nickname, an initial or a near spelling) go to review at most.
    public static let defaults = [DecisionCap(field: FieldComparator.Field.givenName.rawValue, level: "else", atMost: .review)]
}
