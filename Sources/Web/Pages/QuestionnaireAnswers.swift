import Training

/// The answers a questionnaire's form carries, checked by the rules of `atelier assessment
/// record` (`Answer.parse`): a scale and a oui/non are required, a text is optional and at most
/// 5 000 characters. What is wrong is said in French, next to its question.
struct QuestionnaireAnswers {
    var answers: [(position: Int, answer: Answer)] = []
    var errors: [Int: String] = [:]

    init(form: [String: String], questions: [Question]) {
        for question in questions {
            let value = form["q\(question.position)"] ?? ""
            if question.type == .text && value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { continue }
            do {
                answers.append(try Answer.parse("\(question.position)=\(value)", questions: questions))
            } catch {
                errors[question.position] = Self.problem(question, value)
            }
        }
    }

    private static func problem(_ question: Question, _ value: String) -> String {
        switch question.type {
        case .scale: return "Choisissez une note de 1 à 5."
        case .yesNo: return "Répondez par oui ou par non."
        case .text:
            let length = value.unicodeScalars.count
            return length > 5000
                ? "Votre texte compte \(French.grouped(length)) caractères\u{202F}; il en faut 5\u{202F}000 au plus."
                : "Votre texte contient un caractère invisible qui ne peut pas être enregistré."
        }
    }
}
