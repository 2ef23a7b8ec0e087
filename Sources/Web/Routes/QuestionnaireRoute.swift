import App
import Foundation
import HTTPTypes
import Hummingbird
import Training

/// `/q/<token>`: the à-chaud or à-froid questionnaire of one registration. `GET` only reads
/// (mail scanners open every link first); `POST` records the answers once, through
/// `Assessments`, in one transaction with its event.
struct QuestionnaireRoute: Sendable {
    let database: Database
    let pages: PageTemplates
    let signer: FormSigner
    /// The origin of `web.base-url` (`https://formation.asso.fr`), the only one forms come from.
    let origin: String
    let linkDays: Int

    /// Forms are small: seven answers, one free text of at most 5 000 characters.
    static let bodyLimit = 64 * 1024

    func add(to router: Router<some RequestContext>) {
        router.get("/q/:token") { _, context in
            try await show(token: context.parameters.get("token") ?? "")
        }
        router.post("/q/:token") { request, context in
            try await submit(request, token: context.parameters.get("token") ?? "")
        }
    }

    /// What a link leads to, before any form: `nil` when the questionnaire is open.
    enum Closed: Error, Sendable {
        case unknown, expired, withdrawn, answered

        var response: (MessagePage, HTTPResponse.Status) {
            switch self {
            case .unknown: (.notFound, .notFound)
            case .expired: (.expired, .gone)
            case .withdrawn: (.withdrawn, .gone)
            case .answered: (.alreadyReceived, .ok)
            }
        }
    }

    /// The link if its questionnaire is open, else why not.
    func open(_ link: QuestionnaireLinks.Link?) -> Result<QuestionnaireLinks.Link, Closed> {
        guard let link else { return .failure(.unknown) }
        if link.withdrawn { return .failure(.withdrawn) }
        if link.answered { return .failure(.answered) }
        if link.issuedAt.addingTimeInterval(Double(linkDays) * 86_400) < Date() { return .failure(.expired) }
        return .success(link)
    }

    func message(_ closed: Closed) -> Response {
        let (page, status) = closed.response
        return HTMLPage.response(pages.render(.message, page), status: status)
    }

    func show(token: String) async throws -> Response {
        let found = try await page(token: token)
        guard case .open(let page) = found else {
            if case .closed(let closed) = found { return message(closed) }
            return message(.unknown)
        }
        return HTMLPage.response(pages.render(.questionnaire, page))
    }

    enum Lookup: Sendable {
        case open(QuestionnairePage)
        case closed(Closed)
    }

    /// The link's page, filled with `form` and marked with `errors`, or why there is none.
    func page(token: String, form: [String: String] = [:], errors: [Int: String] = [:]) async throws -> Lookup {
        let path = WebLinks.questionnairePath + token
        let csrf = signer.token(for: path)
        return try await database.withStore { store in
            let link: QuestionnaireLinks.Link
            switch open(try QuestionnaireLinks(store).find(token: token)) {
            case .failure(let closed): return .closed(closed)
            case .success(let found): link = found
            }
            let kind = link.questionnaire
            let letter = try Letters(store).letter(
                kind == .hot ? .questionnaireHot : .questionnaireCold, registration: link.registration)
            let questions = try Assessments(store).questions(kind)
            return .open(
                QuestionnairePage(
                    letter: letter, moment: kind, questions: questions, csrf: csrf, form: form,
                    errors: errors))
        }
    }

    func submit(_ request: Request, token: String) async throws -> Response {
        let path = WebLinks.questionnairePath + token
        guard isSameOrigin(request) else { return forged() }
        let body = try await request.body.collect(upTo: Self.bodyLimit)
        guard let form = URLEncodedForm.parse(Array(buffer: body)) else {
            return HTMLPage.response(pages.render(.message, MessagePage.malformed), status: .badRequest)
        }
        guard signer.accepts(form["csrf"] ?? "", for: path) else { return forged() }
        let outcome: Outcome = try await database.withStore { store in
            let links = QuestionnaireLinks(store)
            let link: QuestionnaireLinks.Link
            switch open(try links.find(token: token)) {
            case .failure(let closed): return .closed(closed)
            case .success(let found): link = found
            }
            let questions = try Assessments(store).questions(link.questionnaire)
            let checked = QuestionnaireAnswers(form: form, questions: questions)
            guard checked.errors.isEmpty else { return .refused(checked.errors) }
            do {
                try Assessments(store).record(
                    session: link.session, participant: link.email, kind: link.questionnaire,
                    answers: checked.answers)
            } catch {
                // Another submission of the same link won the race: its answers stand.
                if try links.find(token: token)?.answered == true { return .closed(.answered) }
                throw error
            }
            return .recorded
        }
        switch outcome {
        case .recorded: return HTMLPage.response(pages.render(.message, MessagePage.received))
        case .closed(let closed): return message(closed)
        case .refused(let errors):
            guard case .open(let page) = try await page(token: token, form: form, errors: errors) else {
                return message(.unknown)
            }
            return HTMLPage.response(pages.render(.questionnaire, page), status: .unprocessableContent)
        }
    }

    enum Outcome: Sendable {
        case recorded
        case closed(Closed)
        case refused([Int: String])
    }

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

    func forged() -> Response {
        HTMLPage.response(pages.render(.message, MessagePage.forged), status: .forbidden)
    }
}
