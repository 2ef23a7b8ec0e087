import Foundation

/// A questionnaire's code: the name of its file in `Questionnaires/` (`hot`, `positioning`).
public struct QuestionnaireCode: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    /// A code as a coordinator types it, checked against the format of the files' names.
    public init(parsing text: String) throws(TrainingError) {
        guard Self.isWellFormed(text) else {
            throw .invalid("“\(Printable.escaped(text))” is not a questionnaire's code, like hot or positioning.")
        }
        self.init(rawValue: text)
    }

    /// Lowercase letters, digits and hyphens, a letter first, at most 40: what
    /// `questionnaire_code_format` accepts.
    public static func isWellFormed(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, ("a"..."z").contains(first), text.unicodeScalars.count <= 40
        else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    public var description: String { rawValue }

    /// The à-chaud questionnaire, the one that `assessment` commands show unless told otherwise.
    public static let hot = QuestionnaireCode(rawValue: "hot")
}

public struct Question: Sendable, Hashable, Codable {
    public enum AnswerType: String, Sendable, Hashable, Codable, CaseIterable {
        /// A score from 1 to 5, its ends in words.
        case scale
        /// A score from 0 to 10, its ends in words.
        case score
        case yesNo = "yes_no"
        /// One of the question's options.
        case oneChoice = "one_choice"
        case text
        /// A score from 1 to 5 for each objective of the session's programme.
        case eachObjective = "each_objective"
        /// Whether the participant needs an adaptation (disability or other) and, if so, which:
        /// the answer tells the disability referent.
        case adaptation

        /// The range of a scored answer.
        public var scores: ClosedRange<Int>? {
            switch self {
            case .scale, .eachObjective: 1...5
            case .score: 0...10
            case .yesNo, .oneChoice, .text, .adaptation: nil
            }
        }
    }

    /// What the ends of a scale mean: « Pas du tout » for 1, « Tout à fait » for 5.
    public struct ScaleWords: Sendable, Hashable, Codable {
        public let low: String
        public let high: String

        public init(low: String, high: String) {
            self.low = low
            self.high = high
        }
    }

    public let position: Int
    public let type: AnswerType
    public let label: String
    /// For a scale, a score or an « each objective »; `nil` for the others.
    public let scale: ScaleWords?
    /// For a one-choice question, what can be chosen; empty for the others.
    public let options: [String]

    public init(position: Int, type: AnswerType, label: String, scale: ScaleWords? = nil, options: [String] = []) {
        self.position = position
        self.type = type
        self.label = label
        self.scale = scale
        self.options = options
    }
}

/// One answer, checked against its question.
public enum Answer: Sendable, Hashable {
    /// A scale's or a score's value.
    case scale(Int)
    case yes(Bool)
    /// A text, or the option chosen.
    case text(String)
    /// One score from 1 to 5 per objective, in the programme's order.
    case objectives([Int])
    /// `detail` only beside a yes.
    case adaptation(needed: Bool, detail: String?)

    /// The longest free text an answer keeps.
    public static let textLimit = 5000

    /// Reads `POSITION=VALUE` as a coordinator types it (`3=5`, `6=oui`, `7=Très utile`,
    /// `4=2,3,4` for each objective, `5=oui: une rampe d’accès`) against the questionnaire's
    /// questions; `objectives` is how many the session's programme has.
    public static func parse(_ text: String, questions: [Question], objectives: Int = 0) throws(TrainingError) -> (
        position: Int, answer: Answer
    ) {
        let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, let position = Int(parts[0]) else {
            throw .invalid("The answer “\(text)” is not of the form QUESTION=VALUE, like 1=5.")
        }
        guard let question = questions.first(where: { $0.position == position }) else {
            throw .notFound("There is no question \(position): the questionnaire has \(questions.count).")
        }
        return (position, try read(String(parts[1]), for: question, objectives: objectives))
    }

    /// The answer `value` gives to `question`.
    public static func read(_ value: String, for question: Question, objectives: Int = 0) throws(TrainingError)
        -> Answer
    {
        let value = value.trimmingCharacters(in: .whitespaces)
        let position = question.position
        switch question.type {
        case .scale, .score:
            return .scale(try score(value, question.type, question: position))
        case .yesNo:
            return .yes(try yes(value, question: position))
        case .oneChoice:
            if let number = Int(value), question.options.indices.contains(number - 1) {
                return .text(question.options[number - 1])
            }
            guard let option = question.options.first(where: { $0.lowercased() == value.lowercased() }) else {
                throw .invalid(
                    "The answer to question \(position) is one of \(question.options.map { "“\($0)”" }.joined(separator: ", ")) or its number, not “\(value)”."
                )
            }
            return .text(option)
        case .text:
            return .text(try Field.required(value, "answer to question \(position)", limit: textLimit, lines: .many))
        case .eachObjective:
            let scores = try value.split(separator: ",", omittingEmptySubsequences: false).map {
                (part) throws(TrainingError) in try score(String(part), .eachObjective, question: position)
            }
            guard scores.count == objectives else {
                throw .invalid(
                    "The answer to question \(position) is one score from 1 to 5 per objective of the session, \(objectives) separated by commas, not “\(value)”."
                )
            }
            return .objectives(scores)
        case .adaptation:
            let parts = value.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            let needed = try yes(String(parts[0]), question: position)
            let detail = parts.count == 2 ? String(parts[1]).trimmingCharacters(in: .whitespaces) : ""
            guard needed || detail.isEmpty else {
                throw .invalid("The answer to question \(position) says what is needed only beside a oui.")
            }
            return .adaptation(
                needed: needed,
                detail: detail.isEmpty
                    ? nil : try Field.required(detail, "answer to question \(position)", limit: textLimit, lines: .many)
            )
        }
    }

    private static func score(_ value: String, _ type: Question.AnswerType, question: Int) throws(TrainingError)
        -> Int
    {
        let range = type.scores ?? 1...5
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        guard let score = Int(trimmed), range.contains(score) else {
            throw .invalid(
                "The answer to question \(question) is a score from \(range.lowerBound) to \(range.upperBound), not “\(trimmed)”."
            )
        }
        return score
    }

    private static func yes(_ value: String, question: Int) throws(TrainingError) -> Bool {
        switch value.trimmingCharacters(in: .whitespaces).lowercased() {
        case "oui", "yes", "o", "y": true
        case "non", "no", "n": false
        default: throw .invalid("The answer to question \(question) is oui or non, not “\(value)”.")
        }
    }
}

/// What a coordinator reports of a questionnaire (Qualiopi indicator 30).
public struct AssessmentSummary: Sendable, Hashable, Codable {
    public struct QuestionFigures: Sendable, Hashable, Codable {
        public let question: Question
        public let answers: Int
        /// Mean score, for scale and score questions, in hundredths (`412` is 4,12).
        public let meanHundredths: Int?
        /// Share of `oui`, for yes/no and adaptation questions, in percent.
        public let yesPercent: Int?
        public let texts: [String]
        /// For a one-choice question, each option with how many chose it.
        public let choices: [Choice]
    }

    public struct Choice: Sendable, Hashable, Codable {
        public let option: String
        public let count: Int
    }

    public let session: String
    public let kind: QuestionnaireCode
    public let title: String
    /// Those asked: confirmed participants who attended something (all confirmed ones before
    /// any attendance is recorded), the session's trainers, or the structures of its attendees
    /// that have a contact's email, as the questionnaire says.
    public let asked: Int
    public let responses: Int
    public let questions: [QuestionFigures]
    /// Share of 1–5 scale answers of 4 or 5, in percent; `nil` with no scale answer.
    public let satisfactionPercent: Int?

    public var responseRatePercent: Int? { asked == 0 ? nil : Claim.halfUp(100 * responses, asked) }
}
