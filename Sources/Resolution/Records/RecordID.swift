/// Which source record a matched record is: its system and its id there.
public struct RecordID: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The source system (`erpnext`, `salesforce`…, or a file's name in generic use).
    public let sourceSystem: String
    /// The record's id in that system.
    public let sourceID: String

    /// The record `sourceID` of `sourceSystem`.
    public init(sourceSystem: String, sourceID: String) {
        self.sourceSystem = sourceSystem
        self.sourceID = sourceID
    }

    /// Ordered by system, then id: the order that decides which record names a new cluster.
    public static func < (lhs: RecordID, rhs: RecordID) -> Bool {
        (lhs.sourceSystem, lhs.sourceID) < (rhs.sourceSystem, rhs.sourceID)
    }

    /// `system:id`.
    public var description: String { "\(sourceSystem):\(sourceID)" }
}
