import Hummingbird

/// The French page of an answer the router or the body reader refused: an address that leads
/// nowhere (404, the same page for every unknown token, and for a method no route takes), a body
/// too large (413). Other errors keep Hummingbird's answer.
struct ProblemPages<Context: RequestContext>: RouterMiddleware {
    let messages: MessagePages

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as any HTTPResponseError {
            guard let page = Self.page(for: error.status) else { throw error }
            var response = await messages.response(page, status: error.status)
            // The rest of a body too large is never read: the connection closes after the
            // answer, rather than leaving the client sending into it until the idle timeout.
            if error.status == .contentTooLarge { response.headers[.connection] = "close" }
            return response
        }
    }

    static func page(for status: HTTPResponse.Status) -> MessagePage? {
        switch status {
        case .notFound: .notFound
        case .contentTooLarge:
            MessagePage(
                title: "Réponse trop longue", heading: "Votre réponse est trop longue pour être reçue",
                message: "Raccourcissez vos textes (5\u{202F}000 caractères au plus chacun), puis envoyez à nouveau.")
        default: nil
        }
    }
}
