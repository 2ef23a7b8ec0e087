import Training

/// A questionnaire's questions as its form shows them: each of its type, with what was typed
/// and, after a refused submission, what is wrong next to it. An « each objective » question is
/// one scale per objective of the session's programme, named `q1-1`, `q1-2`…; an adaptation is
/// a oui or non with what is needed beside it, `q3` and `q3-detail`.
struct QuestionnaireFields: Sendable {
    struct Choice: Sendable {
        var value: String
        var id: String
        var text: String
        var checked: Bool
    }

    struct Scale: Sendable {
        /// The answer's name: `q1`, or `q1-2` for the second objective.
        var name: String
        var low: String
        var high: String
        var choices: [Choice]
        /// The first and last values, beside the words of their ends: `1`, `5`.
        var first: String
        var last: String
    }

    struct Objective: Sendable {
        var text: String
        var scale: Scale
    }

    /// The scales of an « each objective » question, one per objective.
    struct Objectives: Sendable {
        var rows: [Objective]
    }

    struct OneChoice: Sendable {
        var options: [Choice]
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
        var objectives: Objectives?
        var yesNo: YesNo?
        var oneChoice: OneChoice?
        var text: Text?
        /// An adaptation's oui or non, and what is needed.
        var adaptation: YesNo?
        var detail: Text?
        var error: String?
    }

    var fields: [Field]

    static let example: QuestionnaireFields = {
        let choice = Choice(value: "1", id: "q1-1", text: "t", checked: true)
        let scale = Scale(name: "q1", low: "a", high: "b", choices: [choice], first: "1", last: "5")
        return QuestionnaireFields(fields: [
            Field(
                name: "q1", label: "l", scale: scale,
                objectives: Objectives(rows: [Objective(text: "o", scale: scale)]),
                yesNo: YesNo(yes: true, no: false), oneChoice: OneChoice(options: [choice]), text: Text(value: "v"),
                adaptation: YesNo(yes: true, no: false), detail: Text(value: "d"), error: "e")
        ])
    }()

    init(fields: [Field]) { self.fields = fields }

    /// The fields of `questions` for a session of `objectives`, filled from `form` (what was
    /// posted, by name) and marked with `errors` (by question position).
    init(questions: [Question], objectives: [String], form: [String: String] = [:], errors: [Int: String] = [:]) {
        fields = questions.map { question in
            let name = "q\(question.position)"
            let value = form[name] ?? ""
            var field = Field(name: name, label: French.typography(question.label), error: errors[question.position])
            switch question.type {
            case .scale, .score:
                field.scale = Self.scale(question, name: name, form: form)
            case .eachObjective:
                field.objectives = Objectives(
                    rows: objectives.enumerated().map { index, text in
                        Objective(text: text, scale: Self.scale(question, name: "\(name)-\(index + 1)", form: form))
                    })
            case .yesNo:
                field.yesNo = YesNo(yes: value == "oui", no: value == "non")
            case .oneChoice:
                field.oneChoice = OneChoice(
                    options: question.options.enumerated().map { index, option in
                        Choice(
                            value: String(index + 1), id: "\(name)-\(index + 1)", text: French.typography(option),
                            checked: value == String(index + 1))
                    })
            case .text:
                field.text = Text(value: value)
            case .adaptation:
                field.adaptation = YesNo(yes: value == "oui", no: value == "non")
                field.detail = Text(value: form["\(name)-detail"] ?? "")
            }
            return field
        }
    }

    private static func scale(_ question: Question, name: String, form: [String: String]) -> Scale {
        let scores = question.type.scores ?? 1...5
        return Scale(
            name: name, low: French.typography(question.scale?.low ?? ""),
            high: French.typography(question.scale?.high ?? ""),
            choices: scores.map {
                Choice(value: String($0), id: "\(name)-\($0)", text: String($0), checked: form[name] == String($0))
            }, first: String(scores.lowerBound), last: String(scores.upperBound))
    }
}
