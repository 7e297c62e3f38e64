/// Why an ingestion step failed, in one line that names the source and never a secret.
public struct IngestionError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public let message: String

    /// An error saying `message`.
    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
