import Training

/// A questionnaire's questions as its form shows them: each of its type, with what was typed
/// and, after a refused submission, what is wrong next to it.
struct QuestionnaireFields: Sendable {
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

    var fields: [Field]

    static let example = QuestionnaireFields(fields: [
        Field(
            name: "q1", label: "l",
            scale: Scale(low: "a", high: "b", choices: [Choice(value: 1, id: "q1-1", checked: true)]),
            yesNo: YesNo(yes: true, no: false), text: Text(value: "v"), error: "e")
    ])

    init(fields: [Field]) { self.fields = fields }

    /// The fields of `questions`, filled from `form` (what was posted, by name) and marked with
    /// `errors` (by question position).
    init(questions: [Question], form: [String: String] = [:], errors: [Int: String] = [:]) {
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
}
