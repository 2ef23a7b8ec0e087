import App
import Foundation
import Hummingbird
import Training

/// `/probleme/<token>`: « Un problème ? Dites-le nous » from any personal link — a participant's
/// questionnaire or signing link, a trainer's link. `GET` shows the form; `POST` records a
/// réclamation about the link's session, in the name of whoever holds it. A link cancelled or
/// expired still takes one: a complaint may come after.
struct ProblemRoute: Sendable {
    let database: Database
    let pages: PageTemplates
    let messages: MessagePages
    let posted: PostedForms

    /// A message of 5 000 characters, each up to four bytes, form-encoded.
    static let bodyLimit = 64 * 1024

    func add(to router: Router<some RequestContext>) {
        router.get("/probleme/:token") { _, context in
            try await show(token: context.parameters.get("token") ?? "")
        }
        router.post("/probleme/:token") { request, context in
            try await submit(request, token: context.parameters.get("token") ?? "")
        }
    }

    /// Who holds a link, and the page it opens.
    struct Holder: Sendable {
        let reporter: Incidents.Reporter
        let organisation: String
        let sessionTitle: String
        let back: String
    }

    /// The holder of the link whose token is `token`, whatever kind of link it is; `nil` for none.
    static func holder(_ token: String, store: Store) throws -> Holder? {
        if let link = try QuestionnaireLinks(store).find(token: token) {
            return Holder(
                reporter: link.registration.map { .registration($0) } ?? .structure(session: link.sessionId),
                organisation: link.organisation, sessionTitle: link.sessionTitle,
                back: ".." + WebLinks.questionnairePath + token)
        }
        if let link = try Signatures(store).link(token: token) {
            return Holder(
                reporter: .registration(link.registration), organisation: link.organisation,
                sessionTitle: link.sessionTitle, back: ".." + WebLinks.signingPath + token)
        }
        if let link = try TrainerCertification(store).link(token: token) {
            return Holder(
                reporter: .trainer(link.trainerId, session: link.sessionId), organisation: link.organisation,
                sessionTitle: link.sessionTitle, back: ".." + WebLinks.trainerPath + token)
        }
        return nil
    }

    func page(_ holder: Holder, token: String, text: String = "", error: String? = nil) -> Response {
        let page = ProblemPage(
            organisation: holder.organisation, sessionTitle: holder.sessionTitle,
            csrf: posted.token(for: WebLinks.problemPath + token), text: text, error: error, back: holder.back)
        return HTMLPage.response(pages.render(.problem, page), status: error == nil ? .ok : .unprocessableContent)
    }

    func show(token: String) async throws -> Response {
        guard let holder = try await database.withStore({ store in try Self.holder(token, store: store) }) else {
            return await messages.response(.notFound, status: .notFound)
        }
        return page(holder, token: token)
    }

    enum Outcome: Sendable {
        case unknown
        case recorded
        case refused(Holder, String)
    }

    func submit(_ request: Request, token: String) async throws -> Response {
        let form: [String: String]
        switch try await posted.read(request, path: WebLinks.problemPath + token, limit: Self.bodyLimit) {
        case .refused(let response): return response
        case .form(let posted): form = posted
        }
        let text = form["text"] ?? ""
        let outcome: Outcome = try await database.withStore { store in
            guard let holder = try Self.holder(token, store: store) else { return .unknown }
            if let problem = Self.problem(in: text) { return .refused(holder, problem) }
            do {
                _ = try Incidents(store).report(text, by: holder.reporter)
            } catch TrainingError.invalid {
                return .refused(holder, "Votre message contient un caractère qui ne peut pas être enregistré.")
            }
            return .recorded
        }
        switch outcome {
        case .unknown: return await messages.response(.notFound, status: .notFound)
        case .recorded: return await messages.response(.problemReceived)
        case .refused(let holder, let error): return page(holder, token: token, text: text, error: error)
        }
    }

    /// What is wrong with the message, in French, or `nil`.
    static func problem(in text: String) -> String? {
        let message = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if message.isEmpty { return "Écrivez ce qui ne va pas avant d’envoyer." }
        if message.unicodeScalars.count > ProblemPage.limit {
            return "Votre message dépasse 5\u{202F}000 caractères\u{00A0}: raccourcissez-le."
        }
        return nil
    }
}
