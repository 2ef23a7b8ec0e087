import Hummingbird
import NIOCore

/// Limits the requests one client address makes to the pages of personal links and the room's
/// (`/q/`, `/s/`, `/t/`, `/r/`): beyond `web.rate-limit` a minute, 429 with a French page and
/// `Retry-After`. Guessing a token is hopeless anyway (128 bits); this keeps a scanner from
/// loading the database, and bounds the guesses of a personal code (8 characters, 30⁸) to a few
/// thousand over a half-day.
struct RateLimit<Context: RequestContext & RemoteAddressRequestContext>: RouterMiddleware {
    let limiter: RateLimiter
    let client: ClientAddress
    let messages: MessagePages

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let path = request.uri.path
        guard TokenMask.tokenPrefixes.contains(where: { path.hasPrefix($0) }) else {
            return try await next(request, context)
        }
        let address = client.of(request, connectedFrom: context.remoteAddress?.ipAddress)
        guard let seconds = limiter.wait(for: address) else { return try await next(request, context) }
        var response = await messages.response(
            MessagePage(
                title: "Trop de demandes", heading: "Trop de demandes en peu de temps",
                message: "Patientez une minute, puis ouvrez à nouveau le lien reçu par message."),
            status: .tooManyRequests)
        response.headers[.retryAfter] = String(seconds)
        return response
    }
}
