import Training

/// The questionnaire of one link as its page shows it: the session, then the form's questions,
/// already rendered from `questions.mustache` (`QuestionnaireFields`).
struct QuestionnairePage: Sendable {
    var title: String
    var organisation: String
    var sessionTitle: String
    var days: [Letter.Day]
    var firstName: String
    /// The questionnaire's title: « Votre avis à chaud ».
    var heading: String
    /// It asks where the participant stands, or what they need: their answers are read with
    /// their name, by those who teach them, not only counted.
    var personal: Bool
    var csrf: String
    /// « 2 réponses sont à compléter. », after a refused submission.
    var errorSummary: String?
    /// The questions' HTML, every value in it escaped by its own template: the one value this
    /// page's template shows unescaped (`{{{questions}}}`).
    var questions: String
    /// « Un problème ? Dites-le nous »: `../probleme/<token>`.
    var problemLink: String?

    static let example: QuestionnairePage = {
        var page = QuestionnairePage(
            title: "t", organisation: "o", sessionTitle: "s", days: [Letter.Day(date: "d", times: "h")],
            firstName: "f", heading: "m", personal: true, csrf: "c", errorSummary: "e", questions: "q")
        page.problemLink = "p"
        return page
    }()

    /// The page of `link` around `questions`; `errors` is how many answers were refused.
    init(link: QuestionnaireLinks.Link, form: QuestionnaireForms.Form, csrf: String, questions: String, errors: Int) {
        let heading = French.typography(link.title)
        self.init(
            title: "\(heading) — \(link.sessionTitle)", organisation: link.organisation,
            sessionTitle: link.sessionTitle, days: link.days, firstName: link.greeting, heading: heading,
            personal: form.questions.contains { $0.type == .eachObjective || $0.type == .adaptation }, csrf: csrf,
            errorSummary: QuestionnaireAnswers.summary(errors: errors),
            questions: questions)
    }

    init(
        title: String, organisation: String, sessionTitle: String, days: [Letter.Day], firstName: String,
        heading: String, personal: Bool, csrf: String, errorSummary: String?, questions: String
    ) {
        self.title = title
        self.organisation = organisation
        self.sessionTitle = sessionTitle
        self.days = days
        self.firstName = firstName
        self.heading = heading
        self.personal = personal
        self.csrf = csrf
        self.errorSummary = errorSummary
        self.questions = questions
    }
}
