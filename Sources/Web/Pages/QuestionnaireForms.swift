import Synchronization
import Training

/// The questions of each questionnaire, read from the database once — the worker copies them
/// from `Questionnaires/` when it starts, and the server starts again after a change — with their
/// blank form rendered once when it is the same for every session: every `GET` of a link shows
/// it as it is, and only a refused submission, or a questionnaire that asks about each objective
/// of the session, renders the form again.
final class QuestionnaireForms: Sendable {
    struct Form: Sendable {
        let questions: [Question]
        /// The questions' HTML with nothing answered, when it does not depend on the session.
        let blank: String?
    }

    private let pages: PageTemplates
    private let forms = Mutex<[QuestionnaireCode: Form]>([:])

    init(pages: PageTemplates) { self.pages = pages }

    /// The form of `kind`, read through `store` the first time it is asked for.
    func form(_ kind: QuestionnaireCode, store: Store) throws -> Form {
        if let form = forms.withLock({ $0[kind] }) { return form }
        let questions = try Questionnaires(store).questions(kind)
        let form = Form(
            questions: questions,
            blank: questions.contains { $0.type == .eachObjective }
                ? nil : pages.render(.questions, QuestionnaireFields(questions: questions, objectives: [])))
        forms.withLock { $0[kind] = form }
        return form
    }

    /// The questions' HTML with nothing answered, for a session of `objectives`.
    func blank(_ form: Form, objectives: [String]) -> String {
        form.blank ?? filled(form, objectives: objectives, with: [:], errors: [:])
    }

    /// The questions' HTML filled with what was posted and marked with what is wrong.
    func filled(_ form: Form, objectives: [String], with posted: [String: String], errors: [Int: String]) -> String {
        pages.render(
            .questions,
            QuestionnaireFields(questions: form.questions, objectives: objectives, form: posted, errors: errors))
    }
}
