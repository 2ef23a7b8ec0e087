import Foundation
import Postgres

/// What a structure's contact is asked, three months after a session its people followed
/// (`Jobs/structure-questionnaire/*.mustache`): who followed it, and the link to answer.
public struct StructureQuestionnaireLetter: Sendable, Hashable {
    public struct Contact: Sendable, Hashable {
        /// The contact's name, or the structure's when none is known.
        public var name: String
        public var email: String
    }

    public var contact: Contact
    public var structure: String
    public var session: Letter.Session
    /// Those of the structure who attended, first name then last name, in French: « Alice
    /// Aubert et Bruno Bénard ».
    public var participants: String
    /// More than one: « suivaient » rather than « suivait ».
    public var several: Bool
    /// `web.base-url` + `/q/` + a random token.
    public var questionnaireLink: String
    public var organisation: Letter.Organisation

    /// A letter with every value, for checking templates.
    static var example: StructureQuestionnaireLetter {
        let letter = Letter.example(for: .convocation)
        return StructureQuestionnaireLetter(
            contact: Contact(name: "Jeanne Morel", email: "direction@asso.fr"), structure: "Familles Rurales",
            session: letter.session, participants: "Élodie Marchand et Paul Roy", several: true,
            questionnaireLink: "https://atelier.test/q/0123456789abcdef", organisation: letter.organisation)
    }
}

extension Letters {
    /// The letter to the contact of the structure `structure` about the session `code`, or `nil`
    /// when it has no contact's email or none of its people attended.
    public func structureQuestionnaireLetter(session code: String, structure: Int, link: String) throws
        -> StructureQuestionnaireLetter?
    {
        guard
            let row = try connection.execute(
                """
                SELECT e.name, coalesce(e.contact_name, e.name) AS contact, e.contact_email,
                       array(SELECT p.first_name || ' ' || p.last_name FROM registration r
                             JOIN participant p ON p.id = r.participant_id JOIN session s ON s.id = r.session_id
                             WHERE s.code = \(code) AND p.employer_id = e.id AND r.status = 'confirmed'
                               AND EXISTS (SELECT 1 FROM attendance a WHERE a.registration_id = r.id AND a.status = 'present')
                             ORDER BY p.last_name, p.first_name) AS participants
                FROM employer e WHERE e.id = \(structure) AND e.contact_email IS NOT NULL
                """
            ).first
        else { return nil }
        let participants = try row.decode([String].self, "participants")
        guard !participants.isEmpty else { return nil }
        return StructureQuestionnaireLetter(
            contact: .init(
                name: try row.decode(String.self, "contact"), email: try row.decode(String.self, "contact_email")),
            structure: try row.decode(String.self, "name"), session: try session(code),
            participants: French.list(participants), several: participants.count > 1, questionnaireLink: link,
            organisation: try organisation())
    }
}
