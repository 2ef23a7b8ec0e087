import Foundation
import Postgres

/// What the answer to an incident says (`Jobs/incident-answer/*.mustache`): whom it goes to, what
/// they said and when, and the organisation's answer.
public struct IncidentAnswerLetter: Sendable, Hashable {
    public struct Recipient: Sendable, Hashable {
        public var name: String
        public var email: String
    }

    public struct Said: Sendable, Hashable {
        /// `réclamation`, `incident`, `difficulté`.
        public var kind: String
        /// `lundi 5 avril 2027`.
        public var date: String
        public var text: String
        /// The title of the session it was about, if any.
        public var session: String?
    }

    public var recipient: Recipient
    public var incident: Said
    public var answer: String
    public var organisation: Letter.Organisation

    /// A letter with every value, for checking templates.
    static var example: IncidentAnswerLetter {
        IncidentAnswerLetter(
            recipient: Recipient(name: "Élodie Marchand", email: "elodie@asso.fr"),
            incident: Said(
                kind: "réclamation", date: "lundi 5 avril 2027", text: "La salle était trop petite.",
                session: "Accompagner la fonction employeur"),
            answer: "Nous changeons de salle pour la suite.",
            organisation: Letter.example(for: .convocation).organisation)
    }
}

extension Letters {
    /// The answer to the incident `id`, or `nil` when it has none yet or Atelier has no email
    /// for whoever reported it.
    public func incidentAnswerLetter(incident id: Int) throws -> IncidentAnswerLetter? {
        guard
            let row = try connection.execute(
                """
                SELECT coalesce(p.first_name || ' ' || p.last_name, t.name) AS name, coalesce(p.email, t.email) AS email,
                       i.kind, i.reported_at, i.text, i.answer, mp.title AS session
                FROM incident i LEFT JOIN participant p ON p.id = i.participant_id
                LEFT JOIN trainer t ON t.id = i.trainer_id
                LEFT JOIN session s ON s.id = i.session_id LEFT JOIN module_programme mp ON mp.id = s.programme_id
                WHERE i.id = \(id) AND i.answer IS NOT NULL AND coalesce(p.email, t.email) IS NOT NULL
                """
            ).first
        else { return nil }
        let typography = French.typography
        return IncidentAnswerLetter(
            recipient: .init(name: try row.decode(String.self, "name"), email: try row.decode(String.self, "email")),
            incident: .init(
                kind: try row.decode(Incident.Kind.self, "kind").label,
                date: French.date(try row.decode(Date.self, "reported_at"), in: store.timeZone),
                text: typography(try row.decode(String.self, "text")),
                session: try row.decode(String?.self, "session").map(typography)),
            answer: typography(try row.decode(String.self, "answer")), organisation: try organisation())
    }
}
