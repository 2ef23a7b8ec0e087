import HTTPTypes
import Hummingbird

/// The headers every answer carries, errors included: nothing from elsewhere is loaded, the page
/// is never framed, forms post only to this server, types are never sniffed, and no address
/// (which holds a token) leaks in a `Referer`. HSTS when the pages are served over HTTPS.
struct SecurityHeaders<Context: RequestContext>: RouterMiddleware {
    let https: Bool

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        response.headers[.contentSecurityPolicy] = "default-src 'self'; frame-ancestors 'none'; form-action 'self'"
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.referrerPolicy] = "no-referrer"
        if https { response.headers[.strictTransportSecurity] = "max-age=31536000" }
        return response
    }
}
