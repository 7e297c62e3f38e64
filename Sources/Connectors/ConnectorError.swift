/// Why a connector could not extract an entity.
public struct ConnectorError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, in one line, naming the source but no secret.
    public let message: String

    /// An error saying `message`.
    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
