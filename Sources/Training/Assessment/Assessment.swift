import Foundation

/// A questionnaire: à chaud at the end of the session, à froid about 90 days later.
public enum QuestionnaireKind: String, Sendable, Hashable, Codable {
    case hot, cold

    public var label: String { self == .hot ? "à chaud" : "à froid" }
}

public struct Question: Sendable, Hashable, Codable {
    public enum AnswerType: String, Sendable, Hashable, Codable {
        case scale
        case yesNo = "yes_no"
        case text
    }

    /// What the ends of a 1–5 scale mean: « Pas du tout » for 1, « Tout à fait » for 5.
    public struct ScaleWords: Sendable, Hashable, Codable {
        public let low: String
        public let high: String
    }

    public let position: Int
    public let type: AnswerType
    public let label: String
    /// For a scale question; `nil` for the others.
    public let scale: ScaleWords?

    public init(position: Int, type: AnswerType, label: String, scale: ScaleWords? = nil) {
        self.position = position
        self.type = type
        self.label = label
        self.scale = scale
    }
}

/// One answer as a coordinator types it: `3=5` (a scale from 1 to 5), `6=oui`, `7=Très utile`.
public enum Answer: Sendable, Hashable {
    case scale(Int)
    case yes(Bool)
    case text(String)

    /// Reads `POSITION=VALUE` against the questionnaire's questions.
    public static func parse(_ text: String, questions: [Question]) throws(TrainingError) -> (
        position: Int, answer: Answer
    ) {
        let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, let position = Int(parts[0]) else {
            throw .invalid("The answer “\(text)” is not of the form QUESTION=VALUE, like 1=5.")
        }
        guard let question = questions.first(where: { $0.position == position }) else {
            throw .notFound("There is no question \(position): the questionnaire has \(questions.count).")
        }
        let value = String(parts[1]).trimmingCharacters(in: .whitespaces)
        switch question.type {
        case .scale:
            guard let score = Int(value), (1...5).contains(score) else {
                throw .invalid("The answer to question \(position) is a score from 1 to 5, not “\(value)”.")
            }
            return (position, .scale(score))
        case .yesNo:
            switch value.lowercased() {
            case "oui", "yes", "o", "y": return (position, .yes(true))
            case "non", "no", "n": return (position, .yes(false))
            default: throw .invalid("The answer to question \(position) is oui or non, not “\(value)”.")
            }
        case .text:
            return (
                position, .text(try Field.required(value, "answer to question \(position)", limit: 5000, lines: .many))
            )
        }
    }
}

/// What a coordinator reports of a questionnaire (Qualiopi indicator 30).
public struct AssessmentSummary: Sendable, Hashable, Codable {
    public struct QuestionFigures: Sendable, Hashable, Codable {
        public let question: Question
        public let answers: Int
        /// Mean score, for scale questions, in hundredths (`412` is 4,12).
        public let meanHundredths: Int?
        /// Share of `oui`, for yes/no questions, in percent.
        public let yesPercent: Int?
        public let texts: [String]
    }

    public let session: String
    public let kind: QuestionnaireKind
    /// Confirmed participants asked: those who attended something (all confirmed ones before any
    /// attendance is recorded).
    public let asked: Int
    public let responses: Int
    public let questions: [QuestionFigures]
    /// Share of scale answers of 4 or 5, in percent; `nil` with no scale answer.
    public let satisfactionPercent: Int?

    public var responseRatePercent: Int? { asked == 0 ? nil : Claim.halfUp(100 * responses, asked) }
}
