/// A questionnaire as its file in `Questionnaires/` defines it: who answers it, with which
/// message its link is sent, and its questions.
public struct Questionnaire: Sendable, Hashable, Codable {
    public enum Respondent: String, Sendable, Hashable, Codable, CaseIterable {
        case participant, trainer, employer
    }

    /// The message that carries the questionnaire's link.
    public enum Moment: String, Sendable, Hashable, Codable, CaseIterable {
        /// Before the session: the convocation (and the notice of a seat freed from the waiting list).
        case convocation
        /// The invitation sent when the last half-day starts.
        case lastHalfDay = "last-half-day"
        /// When the session is completed.
        case completion
        case threeMonthsAfter = "three-months-after"
    }

    public let code: QuestionnaireCode
    /// What its page and the reports call it: « Votre avis à chaud ».
    public let title: String
    public let respondent: Respondent
    public let sent: Moment
    public let questions: [Question]

    public init(code: QuestionnaireCode, title: String, respondent: Respondent, sent: Moment, questions: [Question]) {
        self.code = code
        self.title = title
        self.respondent = respondent
        self.sent = sent
        self.questions = questions
    }
}
