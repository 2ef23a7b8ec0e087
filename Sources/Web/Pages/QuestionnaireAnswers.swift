import Training

/// The answers a questionnaire's form carries, checked by the rules of `atelier assessment
/// record` (`Answer.read`): every question with choices is required — an « each objective » one
/// on every objective —, a text is optional and at most 5 000 characters, as is what an
/// adaptation needs (kept beside a oui only). What is wrong is said in French, next to its
/// question.
struct QuestionnaireAnswers {
    var answers: [(position: Int, answer: Answer)] = []
    var errors: [Int: String] = [:]

    init(form: [String: String], questions: [Question], objectives: Int) {
        for question in questions {
            let name = "q\(question.position)"
            let value = form[name] ?? ""
            let read: String
            switch question.type {
            case .text:
                if value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { continue }
                read = value
            case .eachObjective:
                // A programme without objectives leaves the question nothing to ask.
                if objectives == 0 { continue }
                read = (1...objectives).map { form["\(name)-\($0)"] ?? "" }.joined(separator: ",")
            case .adaptation:
                let detail = (form["\(name)-detail"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
                read = value == "oui" && !detail.isEmpty ? "oui: \(detail)" : value
            case .scale, .score, .yesNo, .oneChoice:
                read = value
            }
            do {
                answers.append((question.position, try Answer.read(read, for: question, objectives: objectives)))
            } catch {
                errors[question.position] = Self.problem(question, read)
            }
        }
    }

    /// « 2 réponses sont à compléter. » for `errors` refused answers; `nil` for none.
    static func summary(errors: Int) -> String? {
        errors == 0 ? nil : errors == 1 ? "Une réponse est à compléter." : "\(errors) réponses sont à compléter."
    }

    private static func problem(_ question: Question, _ value: String) -> String {
        switch question.type {
        case .scale: return "Choisissez une note de 1 à 5."
        case .score: return "Choisissez une note de 0 à 10."
        case .eachObjective: return "Choisissez une note de 1 à 5 pour chaque objectif."
        case .yesNo: return "Répondez par oui ou par non."
        case .oneChoice: return "Choisissez l’une des réponses."
        case .adaptation:
            return value == "oui" || value == "non" || value.isEmpty
                ? "Répondez par oui ou par non." : textProblem(String(value.dropFirst("oui: ".count)))
        case .text: return textProblem(value)
        }
    }

    private static func textProblem(_ value: String) -> String {
        let length = value.unicodeScalars.count
        return length > Answer.textLimit
            ? "Votre texte compte \(French.grouped(length)) caractères\u{202F}; il en faut 5\u{202F}000 au plus."
            : "Votre texte contient un caractère invisible qui ne peut pas être enregistré."
    }
}
