/// A dashboard failure, said in one line; the server turns it into a plain error page.
public struct DashboardError: Error, CustomStringConvertible, Sendable {
    /// What went wrong.
    public let description: String
    /// The HTTP status it answers with.
    public let status: Int

    /// An error saying `description`, answered with `status`.
    public init(_ description: String, status: Int = 500) {
        self.description = description
        self.status = status
    }
}
