/// A pipeline failure, said in one line.
public struct PipelineError: Error, CustomStringConvertible, Sendable {
    /// What went wrong and, where possible, what to do.
    public let description: String

    /// An error saying `description`.
    public init(_ description: String) { self.description = description }
}
