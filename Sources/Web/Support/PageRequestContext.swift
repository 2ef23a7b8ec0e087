import Hummingbird
import NIOCore

/// Hummingbird's request context, plus the address at the other end of the connection: the
/// client, or the reverse proxy in front of it (see `ClientAddress`).
struct PageRequestContext: RequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: SocketAddress?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}
