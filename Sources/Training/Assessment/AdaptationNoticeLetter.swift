import Foundation
import Postgres

/// What the disability referent is told when a participant asks for an adaptation in a
/// questionnaire (`Jobs/adaptation-notice/*.mustache`): who, for which session, and what they
/// need — the only place beside the answer where it is written.
public struct AdaptationNoticeLetter: Sendable, Hashable {
    public struct Referent: Sendable, Hashable {
        public var name: String
        public var email: String
    }

    public var referent: Referent
    public var participant: Letter.Person
    public var session: Letter.Session
    /// What the participant wrote beside their oui, if anything.
    public var detail: String?
    /// « Votre positionnement avant la formation ».
    public var questionnaire: String
    public var organisation: Letter.Organisation

    /// A letter with every value, for checking templates.
    static var example: AdaptationNoticeLetter {
        let letter = Letter.example(for: .convocation)
        return AdaptationNoticeLetter(
            referent: Referent(name: "Claire Morel", email: "handicap@asso.fr"), participant: letter.participant,
            session: letter.session, detail: "Je me déplace en fauteuil.", questionnaire: "Votre positionnement",
            organisation: letter.organisation)
    }
}

extension Letters {
    /// The notice of the adaptation `registration` asked for in `questionnaire`, or `nil` when
    /// the organisation names no disability referent with an email, or the answer is gone.
    public func adaptationNoticeLetter(registration: Int, questionnaire: QuestionnaireCode) throws
        -> AdaptationNoticeLetter?
    {
        let organisation = try organisation()
        guard let email = organisation.disabilityReferent?.email,
            let row = try connection.execute(
                """
                SELECT a.text, qn.title FROM response rs JOIN answer a ON a.response_id = rs.id
                JOIN question q ON q.id = a.question_id AND q.type = 'adaptation' JOIN questionnaire qn ON qn.code = rs.questionnaire
                WHERE rs.registration_id = \(registration) AND rs.questionnaire = \(questionnaire) AND a.yes
                """
            ).first
        else { return nil }
        let letter = try letter(.convocation, registration: registration)
        return AdaptationNoticeLetter(
            referent: .init(name: organisation.disabilityReferent?.name ?? "", email: email),
            participant: letter.participant, session: letter.session,
            detail: try row.decode(String?.self, at: 0).map(French.typography),
            questionnaire: try row.decode(String.self, at: 1), organisation: organisation)
    }
}
