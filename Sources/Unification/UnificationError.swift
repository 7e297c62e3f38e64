/// What went wrong unifying customers: reading records, a review naming unknown records, truth
/// that cannot be read.
public struct UnificationError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, in one line.
    public let description: String

    /// An error saying `description`.
    public init(_ description: String) { self.description = description }
}
