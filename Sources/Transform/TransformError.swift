/// What went wrong reading, planning or running the SQL project, with the file it concerns.
public struct TransformError: Error, Sendable, CustomStringConvertible {
    /// The stage that failed.
    public enum Kind: String, Sendable {
        /// The project's files: a missing folder, unreadable YAML, a model declared twice.
        case project
        /// A `{{ … }}` or `{% … %}` tag in model SQL.
        case template
        /// The DAG: an unknown `ref`, a cycle, a selector that matches nothing.
        case graph
        /// Running a model or a test against the warehouse.
        case run
    }

    /// The stage that failed.
    public var kind: Kind
    /// What went wrong, in one line.
    public var message: String
    /// The project file it concerns, relative to the project, with a line number when known.
    public var location: String?

    /// Creates an error of `kind`.
    public init(_ kind: Kind, _ message: String, at location: String? = nil) {
        self.kind = kind
        self.message = message
        self.location = location
    }

    /// `models/silver/dim_customer.sql:3: unknown model 'dim_custmer'`.
    public var description: String {
        location.map { "\($0): \(message)" } ?? message
    }
}
