import Foundation

/// Why talking to the MLflow tracking server failed, in one line that says what to do about it.
public struct MLflowError: Error, Sendable, CustomStringConvertible {
    /// What was being done, e.g. `POST http://127.0.0.1:5000/api/2.0/mlflow/runs/create` (never with credentials).
    public var operation: String
    /// The HTTP status when the server answered, nil when it could not be reached or the request was never sent.
    public var status: Int?
    /// MLflow's `error_code` from the response body, such as `INVALID_PARAMETER_VALUE`.
    public var errorCode: String?
    /// MLflow's `message`, or what went wrong on our side.
    public var message: String
    /// What to do about it, when there is something to say.
    public var hint: String?

    /// An error about `operation`; the message and hint should be free of secrets (MLflowClient redacts them).
    public init(operation: String, status: Int? = nil, errorCode: String? = nil, message: String, hint: String? = nil) {
        self.operation = operation
        self.status = status
        self.errorCode = errorCode
        self.message = message
        self.hint = hint
    }

    /// `MLflow <operation> failed: HTTP <status> <error_code>: <message> (<hint>)`, on one line.
    public var description: String {
        var text = "MLflow \(operation) failed: "
        if let status { text += "HTTP \(status) " }
        if let errorCode { text += "\(errorCode): " }
        text += message
        if let hint { text += " (\(hint))" }
        return Self.oneLine(text)
    }

    /// Server messages can carry tracebacks; a log line or CLI error should stay a line.
    static func oneLine(_ text: String, limit: Int = 600) -> String {
        let flat = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
        return flat.count > limit ? String(flat.prefix(limit)) + "…" : flat
    }
}
