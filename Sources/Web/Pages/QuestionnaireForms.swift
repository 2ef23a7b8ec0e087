import Synchronization
import Training

/// The questions of each questionnaire, read from the database once — only a migration changes
/// them, and the server starts again after one — with their blank form rendered once: every
/// `GET` of a link shows it as it is, and only a refused submission renders the form again,
/// filled in.
final class QuestionnaireForms: Sendable {
    struct Form: Sendable {
        let questions: [Question]
        /// The questions' HTML with nothing answered.
        let blank: String
    }

    private let pages: PageTemplates
    private let forms = Mutex<[QuestionnaireKind: Form]>([:])

    init(pages: PageTemplates) { self.pages = pages }

    /// The form of `kind`, read through `store` the first time it is asked for.
    func form(_ kind: QuestionnaireKind, store: Store) throws -> Form {
        if let form = forms.withLock({ $0[kind] }) { return form }
        let questions = try Assessments(store).questions(kind)
        let form = Form(
            questions: questions, blank: pages.render(.questions, QuestionnaireFields(questions: questions)))
        forms.withLock { $0[kind] = form }
        return form
    }

    /// The questions' HTML filled with what was posted and marked with what is wrong.
    func filled(_ form: Form, with posted: [String: String], errors: [Int: String]) -> String {
        pages.render(.questions, QuestionnaireFields(questions: form.questions, form: posted, errors: errors))
    }
}
