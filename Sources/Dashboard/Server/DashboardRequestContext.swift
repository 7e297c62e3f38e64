import Hummingbird
import NIOCore

/// A request's context: Hummingbird's core, the viewer once authenticated, and the client's
/// address for the audit log and the login throttle.
public struct DashboardRequestContext: RequestContext {
    /// Hummingbird's per-request storage.
    public var coreContext: CoreRequestContextStorage
    /// The signed-in viewer, set by the authentication middleware.
    public var viewer: Viewer?
    /// The client's IP address, or `local` for in-process requests.
    public let clientAddress: String

    /// A context for a request arriving on `source`'s channel.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "local"
    }
}
