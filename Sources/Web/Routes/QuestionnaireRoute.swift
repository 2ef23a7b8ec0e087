import App
import Foundation
import HTTPTypes
import Hummingbird
import Training

/// `/q/<token>`: one questionnaire of one registration — the positioning, the self-assessment,
/// the opinion à chaud or à froid. `GET` only reads
/// (mail scanners open every link first); `POST` records the answers once, through
/// `Assessments`, in one transaction with its event.
struct QuestionnaireRoute: Sendable {
    let database: Database
    let pages: PageTemplates
    let messages: MessagePages
    let forms: QuestionnaireForms
    let posted: PostedForms
    let linkDays: Int

    /// Forms are small: a few answers and at most two free texts of 5 000 characters, each of
    /// which percent-encoding may make nine times longer.
    static let bodyLimit = 128 * 1024

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

    func message(_ closed: Closed) async -> Response {
        let (page, status) = closed.response
        return await messages.response(page, status: status)
    }

    /// An open link: its token, what it opens, and the form of its questionnaire.
    struct Opened: Sendable {
        let token: String
        let link: QuestionnaireLinks.Link
        let form: QuestionnaireForms.Form
    }

    /// The link of `token` with its form if its questionnaire is open, else why not.
    func opened(_ token: String, store: Store) throws -> Result<Opened, Closed> {
        switch open(try QuestionnaireLinks(store).find(token: token)) {
        case .failure(let closed): .failure(closed)
        case .success(let link):
            .success(Opened(token: token, link: link, form: try forms.form(link.questionnaire, store: store)))
        }
    }

    /// The page of `opened` around `questions` (its form's HTML); `errors`, how many answers were refused.
    func page(_ opened: Opened, questions: String, errors: Int = 0) -> Response {
        var page = QuestionnairePage(
            link: opened.link, form: opened.form, csrf: posted.token(for: WebLinks.questionnairePath + opened.token),
            questions: questions, errors: errors)
        page.problemLink = WebLinks.problem(token: opened.token)
        return HTMLPage.response(
            pages.render(.questionnaire, page), status: errors == 0 ? .ok : .unprocessableContent)
    }

    func show(token: String) async throws -> Response {
        switch try await database.withStore({ store in try opened(token, store: store) }) {
        case .failure(let closed): await message(closed)
        case .success(let opened): page(opened, questions: forms.blank(opened.form, objectives: opened.link.objectives))
        }
    }

    func submit(_ request: Request, token: String) async throws -> Response {
        let posted: [String: String]
        switch try await self.posted.read(request, path: WebLinks.questionnairePath + token, limit: Self.bodyLimit) {
        case .refused(let response): return response
        case .form(let form): posted = form
        }
        let outcome: Outcome = try await database.withStore { store in
            let opened: Opened
            switch try self.opened(token, store: store) {
            case .failure(let closed): return .closed(closed)
            case .success(let found): opened = found
            }
            let checked = QuestionnaireAnswers(
                form: posted, questions: opened.form.questions, objectives: opened.link.objectives.count)
            guard checked.errors.isEmpty else { return .refused(opened, checked.errors) }
            do {
                try Assessments(store).record(
                    session: opened.link.session, by: opened.link.respondent, kind: opened.link.questionnaire,
                    answers: checked.answers)
            } catch {
                // Another submission of the same link won the race: its answers stand.
                if try QuestionnaireLinks(store).find(token: token)?.answered == true { return .closed(.answered) }
                throw error
            }
            return .recorded
        }
        switch outcome {
        case .recorded: return await messages.response(.received)
        case .closed(let closed): return await message(closed)
        case .refused(let opened, let errors):
            return page(
                opened,
                questions: forms.filled(
                    opened.form, objectives: opened.link.objectives, with: posted, errors: errors),
                errors: errors.count)
        }
    }

    enum Outcome: Sendable {
        case recorded
        case closed(Closed)
        case refused(Opened, [Int: String])
    }
}
