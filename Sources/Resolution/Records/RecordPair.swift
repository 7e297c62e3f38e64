/// Two records, in id order whichever way they are given: the key of a reviewed decision.
public struct RecordPair: Sendable, Hashable {
    /// The smaller id.
    public let first: RecordID
    /// The larger id.
    public let second: RecordID

    /// The pair of `a` and `b`.
    public init(_ a: RecordID, _ b: RecordID) {
        (first, second) = a <= b ? (a, b) : (b, a)
    }
}
