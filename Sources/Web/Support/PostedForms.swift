import Hummingbird

/// What every form of a personal link passes before it is read: sent from Atelier's own pages,
/// within its size, well formed, and carrying the token signed for its link (CSRF).
struct PostedForms: Sendable {
    let signer: FormSigner
    /// The origin of `web.base-url` (`https://formation.asso.fr`), the only one forms come from.
    let origin: String
    let messages: MessagePages

    enum Posted: Sendable {
        case form([String: String])
        /// The French page that refuses it.
        case refused(Response)
    }

    /// The form posted to `path`, or its refusal: 403 when forged, 400 when unreadable. A body
    /// over `limit` bytes throws Hummingbird's 413, which `ProblemPages` answers.
    func read(_ request: Request, path: String, limit: Int) async throws -> Posted {
        guard isSameOrigin(request) else { return .refused(await messages.response(.forged, status: .forbidden)) }
        let body = try await request.body.collect(upTo: limit)
        guard let form = URLEncodedForm.parse(Array(buffer: body)) else {
            return .refused(await messages.response(.malformed, status: .badRequest))
        }
        guard signer.accepts(form["csrf"] ?? "", for: path) else {
            return .refused(await messages.response(.forged, status: .forbidden))
        }
        return .form(form)
    }

    /// The token a form of `path` carries.
    func token(for path: String) -> String { signer.token(for: path) }

    /// A form posted from another site is refused: the browser says so in `Sec-Fetch-Site`, or
    /// names another origin in `Origin`. A page under `Referrer-Policy: no-referrer` posts with
    /// `Origin: null`, which names no other site. (Neither header: an older browser or a script,
    /// which the CSRF token still stops.)
    func isSameOrigin(_ request: Request) -> Bool {
        if let site = request.headers[.secFetchSite], site == "cross-site" || site == "same-site" {
            return false
        }
        if let sender = request.headers[.origin], sender != "null", sender != origin { return false }
        return true
    }
}
