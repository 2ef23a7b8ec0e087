import Foundation
import HTTPTypes
import Hummingbird

/// Who is asking: the connection's address, unless it is one of `web.trusted-proxies`; then the
/// last address of `X-Forwarded-For` that is not a trusted proxy (the one the proxies saw first
/// hand — the earlier ones are the client's to invent).
struct ClientAddress: Sendable {
    let trustedProxies: Set<String>

    func of(_ request: Request, connectedFrom peer: String?) -> String {
        guard let peer, trustedProxies.contains(peer),
            let forwarded = request.headers[.xForwardedFor]
        else { return peer ?? "unknown" }
        let chain = forwarded.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        return chain.last { !trustedProxies.contains($0) && !$0.isEmpty } ?? peer
    }
}
