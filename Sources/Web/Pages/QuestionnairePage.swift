import Training

/// The questionnaire of one registration as its page shows it: the session, each question of its
/// type with what was typed and, after a refused submission, what is wrong next to it.
struct QuestionnairePage: Sendable {
    struct Day: Sendable {
        var date: String
        var times: String
    }

    struct Choice: Sendable {
        var value: Int
        var id: String
        var checked: Bool
    }

    struct Scale: Sendable {
        var low: String
        var high: String
        var choices: [Choice]
    }

    struct YesNo: Sendable {
        var yes: Bool
        var no: Bool
    }

    struct Text: Sendable {
        var value: String
    }

    struct Field: Sendable {
        /// The form's name for the answer, and the base of its elements' ids: `q1`.
        var name: String
        var label: String
        var scale: Scale?
        var yesNo: YesNo?
        var text: Text?
        var error: String?
    }

    var title: String
    var organisation: String
    var sessionTitle: String
    var days: [Day]
    var firstName: String
    /// « à chaud » or « à froid ».
    var moment: String
    var csrf: String
    /// « 2 réponses sont à compléter. », after a refused submission.
    var errorSummary: String?
    var fields: [Field]

    static let example = QuestionnairePage(
        title: "t", organisation: "o", sessionTitle: "s", days: [Day(date: "d", times: "h")], firstName: "f",
        moment: "m", csrf: "c", errorSummary: "e",
        fields: [
            Field(
                name: "q1", label: "l",
                scale: Scale(low: "a", high: "b", choices: [Choice(value: 1, id: "q1-1", checked: true)]),
                yesNo: YesNo(yes: true, no: false), text: Text(value: "v"), error: "e")
        ])

    /// The page for `letter`'s registration, its fields filled from `form` (what was posted, by
    /// name) and marked with `errors` (by question position).
    init(
        letter: Letter, moment: QuestionnaireKind, questions: [Question], csrf: String,
        form: [String: String] = [:], errors: [Int: String] = [:]
    ) {
        title = "Votre avis \(moment.label) — \(letter.session.title)"
        organisation = letter.organisation.name
        sessionTitle = letter.session.title
        days = letter.session.parts.flatMap(\.days).map { Day(date: $0.date, times: $0.times) }
        firstName = letter.participant.firstName
        self.moment = moment.label
        self.csrf = csrf
        errorSummary =
            errors.isEmpty
            ? nil : errors.count == 1 ? "Une réponse est à compléter." : "\(errors.count) réponses sont à compléter."
        fields = questions.map { question in
            let name = "q\(question.position)"
            let value = form[name] ?? ""
            var field = Field(name: name, label: French.typography(question.label), error: errors[question.position])
            switch question.type {
            case .scale:
                field.scale = Scale(
                    low: French.typography(question.scale?.low ?? ""),
                    high: French.typography(question.scale?.high ?? ""),
                    choices: (1...5).map { Choice(value: $0, id: "\(name)-\($0)", checked: value == String($0)) })
            case .yesNo:
                field.yesNo = YesNo(yes: value == "oui", no: value == "non")
            case .text:
                field.text = Text(value: value)
            }
            return field
        }
    }

    init(
        title: String, organisation: String, sessionTitle: String, days: [Day], firstName: String, moment: String,
        csrf: String, errorSummary: String?, fields: [Field]
    ) {
        self.title = title
        self.organisation = organisation
        self.sessionTitle = sessionTitle
        self.days = days
        self.firstName = firstName
        self.moment = moment
        self.csrf = csrf
        self.errorSummary = errorSummary
        self.fields = fields
    }
}
