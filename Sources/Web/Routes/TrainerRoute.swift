import App
import Foundation
import Hummingbird
import Training

/// `/t/<token>`: a trainer's page for one session. `GET` shows each half-day's participants
/// and signatures and changes nothing; `POST` certifies and closes the half-day to close now —
/// the marks, the trainer's signature, the closing — and answers with the page again. With
/// `?pour=<registration>`, the trainer's phone is handed to a participant, who signs there.
struct TrainerRoute: Sendable {
    let database: Database
    let pages: PageTemplates
    let messages: MessagePages
    let posted: PostedForms
    let client: ClientAddress
    let signing: SigningRoute
    let forms: QuestionnaireForms
    let window: Signatures.Window
    let zone: TimeZone

    /// A drawn signature (under 128 KiB form-encoded) and a reason for each participant.
    static let bodyLimit = 256 * 1024

    func add(to router: Router<PageRequestContext>) {
        router.get("/t/:token") { request, context in
            let token = context.parameters.get("token") ?? ""
            if let registration = request.uri.queryParameters.get("pour") {
                return try await signing.show(handedOver(token: token, registration: registration))
            }
            return try await show(token: token)
        }
        router.post("/t/:token") { request, context in
            let token = context.parameters.get("token") ?? ""
            let address = client.of(request, connectedFrom: context.remoteAddress?.ipAddress)
            let browser = Signatures.Client(address: address, userAgent: request.headers[.userAgent])
            switch try await posted.read(request, path: WebLinks.trainerPath + token, limit: Self.bodyLimit) {
            case .refused(let response):
                return response
            case .form(let form):
                if let registration = form["registration"] {
                    return try await signing.sign(
                        form, at: handedOver(token: token, registration: registration), client: browser
                    ) { _ in
                        Self.backToTheRoll(token)
                    }
                }
                if form["form"] == "evaluation" { return try await evaluate(form, token: token) }
                if form["form"] == "opinion" { return try await answer(form, token: token) }
                return try await close(form, token: token, client: browser)
            }
        }
    }

    /// After a closing or a signature on the trainer's phone: the trainer's page again, by `GET`
    /// (a reload does not post twice). The link's token alone, relative to `/t/<token>`.
    static func backToTheRoll(_ token: String) -> Response {
        Response(status: .seeOther, headers: [.location: token])
    }

    /// The participant `registration` signing on the phone of the trainer of `token`.
    func handedOver(token: String, registration: String) -> SigningRoute.Place {
        SigningRoute.Place(path: WebLinks.trainerPath + token) { store in
            let certification = TrainerCertification(store)
            guard let link = try certification.link(token: token), let registration = Int(registration) else {
                return .unknown
            }
            if link.withdrawn { return .withdrawn }
            return try signing.opened(try certification.participant(link, registration: registration), store: store)
        }
    }

    enum Lookup: Sendable {
        case unknown, withdrawn
        case open(Roll)
    }

    /// What the page shows of an open link: its half-days now, the evaluation of what each
    /// participant learnt once the last half-day has begun (when the programme has objectives),
    /// and the trainers' questionnaire once the session is completed.
    struct Roll: Sendable {
        let link: TrainerCertification.Link
        let halfDays: [TrainerCertification.HalfDay]
        let evaluation: LearningEvaluations.Grid?
        let opinion: Opinion?
    }

    /// The trainers' questionnaire of a completed session, and whether this trainer answered it.
    struct Opinion: Sendable {
        let questionnaire: QuestionnaireCode
        let title: String
        let form: QuestionnaireForms.Form
        let answered: Bool
    }

    func lookup(_ token: String, store: Store) throws -> Lookup {
        guard let link = try TrainerCertification(store).link(token: token) else { return .unknown }
        if link.withdrawn { return .withdrawn }
        return .open(try roll(link, store: store))
    }

    func roll(_ link: TrainerCertification.Link, store: Store) throws -> Roll {
        let halfDays = try TrainerCertification(store).halfDays(link, at: Date(), window: window)
        let lastHasBegun = halfDays.last.map { $0.state != .upcoming } ?? false
        let grid = lastHasBegun ? try LearningEvaluations(store).grid(session: link.session) : nil
        return Roll(
            link: link, halfDays: halfDays,
            evaluation: grid.flatMap { $0.objectives.isEmpty || $0.participants.isEmpty ? nil : $0 },
            opinion: try opinion(link, store: store))
    }

    private func opinion(_ link: TrainerCertification.Link, store: Store) throws -> Opinion? {
        let questionnaires = Questionnaires(store)
        guard try Sessions(store).session(link.session).status == .completed,
            let code = try questionnaires.sent(.completion, to: .trainer)
        else { return nil }
        return Opinion(
            questionnaire: code, title: try questionnaires.title(code), form: try forms.form(code, store: store),
            answered: try Assessments(store).hasAnswered(trainer: link.trainerId, session: link.sessionId, kind: code))
    }

    func show(token: String) async throws -> Response {
        switch try await database.withStore({ store in try lookup(token, store: store) }) {
        case .unknown: await messages.response(.notFound, status: .notFound)
        case .withdrawn: await messages.response(.trainerWithdrawn, status: .gone)
        case .open(let roll): page(token, roll)
        }
    }

    func page(
        _ token: String, _ roll: Roll, posted marks: [Int: (Presence, String?)] = [:], error: String? = nil,
        typedName: String = "", answers: (posted: [String: String], errors: [Int: String])? = nil,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        var page = TrainerPage(
            link: roll.link, halfDays: roll.halfDays, zone: zone, csrf: posted.token(for: WebLinks.trainerPath + token),
            posted: marks, error: error, typedName: typedName)
        page.evaluation = roll.evaluation.map(TrainerPage.Evaluation.init)
        page.opinion = roll.opinion.map { opinion in
            TrainerPage.Opinion(
                title: French.typography(opinion.title), answered: opinion.answered,
                errorSummary: answers.flatMap { QuestionnaireAnswers.summary(errors: $0.errors.count) },
                questions: answers.map {
                    forms.filled(opinion.form, objectives: [], with: $0.posted, errors: $0.errors)
                }
                    ?? forms.blank(opinion.form, objectives: []))
        }
        page.problemLink = WebLinks.problem(token: token)
        return HTMLPage.response(pages.render(.trainer, page), status: status)
    }

    func close(_ form: [String: String], token: String, client: Signatures.Client) async throws -> Response {
        guard let slot = Int(form["slot"] ?? "") else {
            return await messages.response(.malformed, status: .badRequest)
        }
        guard let marks = Self.marks(in: form) else { return await messages.response(.malformed, status: .badRequest) }
        let signature = SignatureForm(form)
        let outcome: Outcome = try await database.withStore { store in
            guard case .open(let roll) = try lookup(token, store: store) else { return .gone }
            guard signature.certified else { return .refused(roll, .uncertified) }
            do {
                try TrainerCertification(store).close(
                    roll.link, slot: slot, marks: marks, signature: signature.mark, client: client, window: window)
                return .closed
            } catch {
                guard let refusal = error as? TrainerCertification.Refusal else { throw error }
                return .refused(try self.roll(roll.link, store: store), .closing(refusal))
            }
        }
        switch outcome {
        case .gone:
            return try await show(token: token)
        case .closed:
            return Self.backToTheRoll(token)
        case .refused(let roll, let why):
            if let (message, status) = why.message { return await messages.response(message, status: status) }
            return page(
                token, roll, posted: marks, error: why.sentence, typedName: signature.typedName,
                status: .unprocessableContent)
        }
    }

    /// Records the levels of the evaluation form, then shows the page again; a level that is not
    /// one, or a participant or objective the session does not have, is a form not from its page.
    func evaluate(_ form: [String: String], token: String) async throws -> Response {
        guard let levels = Self.levels(in: form) else {
            return await messages.response(.malformed, status: .badRequest)
        }
        let recorded: Bool = try await database.withStore { store in
            guard case .open(let roll) = try lookup(token, store: store), roll.evaluation != nil else { return false }
            do {
                try LearningEvaluations(store).record(levels, session: roll.link.session, trainer: roll.link.trainerId)
            } catch TrainingError.invalid, TrainingError.refused {
                return false
            }
            return true
        }
        guard recorded else { return await messages.response(.malformed, status: .badRequest) }
        return Self.backToTheRoll(token)
    }

    /// Records the trainer's answers to the trainers' questionnaire, then shows the page again;
    /// what is missing or wrong is said next to its question, nothing recorded.
    func answer(_ form: [String: String], token: String) async throws -> Response {
        let outcome: Answered = try await database.withStore { store in
            guard case .open(let roll) = try lookup(token, store: store), let opinion = roll.opinion else {
                return .malformed
            }
            if opinion.answered { return .recorded }
            let checked = QuestionnaireAnswers(form: form, questions: opinion.form.questions, objectives: 0)
            guard checked.errors.isEmpty else { return .refused(roll, checked.errors) }
            do {
                try Assessments(store).record(
                    session: roll.link.session, by: .trainer(roll.link.trainerId), kind: opinion.questionnaire,
                    answers: checked.answers)
            } catch TrainingError.refused {
                // Answered meanwhile from another tab: that answer stands.
            }
            return .recorded
        }
        switch outcome {
        case .malformed: return await messages.response(.malformed, status: .badRequest)
        case .recorded: return Self.backToTheRoll(token)
        case .refused(let roll, let errors):
            return page(token, roll, answers: (form, errors), status: .unprocessableContent)
        }
    }

    enum Answered: Sendable {
        case malformed, recorded
        case refused(Roll, [Int: String])
    }

    /// The levels of the form's `level-<registration>-<position>` fields, those left empty
    /// aside; `nil` when a name or a value is not one.
    static func levels(in form: [String: String]) -> [Int: [Int: LearningLevel]]? {
        var levels: [Int: [Int: LearningLevel]] = [:]
        for (name, value) in form where name.hasPrefix("level-") {
            let numbers = name.dropFirst("level-".count).split(separator: "-").compactMap { Int($0) }
            guard numbers.count == 2 else { return nil }
            if value.isEmpty { continue }
            guard let level = LearningLevel(rawValue: value) else { return nil }
            levels[numbers[0], default: [:]][numbers[1]] = level
        }
        return levels
    }

    /// The marks of the form's `status-<registration>` and `reason-<registration>` fields, or
    /// `nil` when one is not a mark.
    static func marks(in form: [String: String]) -> [Int: (Presence, String?)]? {
        var marks: [Int: (Presence, String?)] = [:]
        for (name, value) in form where name.hasPrefix("status-") {
            guard let registration = Int(name.dropFirst("status-".count)), let presence = Presence(rawValue: value)
            else { return nil }
            marks[registration] = (presence, form["reason-\(registration)"])
        }
        return marks
    }

    enum Outcome: Sendable {
        case gone, closed
        case refused(Roll, Why)
    }

    /// Why a half-day was not closed, as the trainer reads it.
    enum Why: Sendable {
        case uncertified
        case closing(TrainerCertification.Refusal)

        /// What is said next to the form, for what the trainer can mend there.
        var sentence: String {
            switch self {
            case .uncertified, .closing(.signature(.emptyName)):
                "Pour signer en tapant votre nom, tapez vos prénom et nom, puis cochez la case."
            case .closing(.signature(.blankDrawing)):
                "Votre signature est vide\u{00A0}: signez dans le cadre, puis touchez «\u{202F}Signer\u{202F}»."
            case .closing(.signature):
                "Votre signature n’a pas pu être lue\u{00A0}: signez à nouveau, ou tapez votre nom."
            case .closing(.reasonMissing(let participant)):
                "Motif manquant pour \(participant)\u{00A0}: donnez la raison du retard ou du départ anticipé."
            case .closing(.contradicts(let participant)):
                "Pour \(participant), l’organisme a déjà noté une autre présence sur cette demi-journée\u{00A0}: voyez avec lui avant de clore."
            case .closing: ""
            }
        }

        /// A page of its own, for what the form cannot mend.
        var message: (MessagePage, HTTPResponse.Status)? {
            switch self {
            case .closing(.alreadyClosed): (.alreadyClosed, .conflict)
            case .closing(.notStarted): (.halfDayNotOpen, .conflict)
            case .closing(.unknownHalfDay): (.halfDayOver, .conflict)
            case .closing(.frozen): (.frozen, .conflict)
            case .closing(.withdrawn): (.trainerWithdrawn, .gone)
            default: nil
            }
        }
    }
}
