/// Why the simulated bank could not be generated or served.
public enum SimulatorError: Error, Equatable, CustomStringConvertible {
    /// The number of customers is outside what the generator supports.
    case customersOutOfRange(Int)
    /// A dirty-data rate was named that the generator does not know, or set outside 0…1.
    case invalidDirtRate(String)
    /// A file or folder could not be created or written.
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .customersOutOfRange(let n):
            "--customers must be between 1 and \(BankSpecification.maximumCustomers), got \(n)"
        case .invalidDirtRate(let detail):
            "invalid dirt rate: \(detail)"
        case .cannotWrite(let path, let reason):
            "cannot write \(path): \(reason)"
        }
    }
}
