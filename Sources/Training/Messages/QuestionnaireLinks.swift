import Foundation
import Postgres

/// The personal link of a questionnaire — a participant's, or a structure's about one session: a
/// random 128-bit token in the email, only its SHA-256 in the database, so that a copy of the
/// database opens no questionnaire.
public struct QuestionnaireLinks {
    let store: Store

    public init(_ store: Store) { self.store = store }

    /// What a personal link opens: one questionnaire for one respondent, with what its page shows
    /// of the session.
    public struct Link: Sendable, Hashable {
        public let respondent: Assessments.Respondent
        /// A participant's registration; `nil` for a structure's link.
        public let registration: Int?
        public let sessionId: Int
        public let questionnaire: QuestionnaireCode
        /// « Votre avis à chaud ».
        public let title: String
        public let session: String
        /// Whom the page greets: the participant's first name, the structure's contact.
        public let greeting: String
        /// The module's title, typeset in French.
        public let sessionTitle: String
        /// The objectives of the session's programme, typeset: what an « each objective »
        /// question asks about.
        public let objectives: [String]
        public let organisation: String
        public let days: [Letter.Day]
        /// When the link was made, as its email was written: links expire from there.
        public let issuedAt: Date
        public let answered: Bool
        /// The registration is no longer confirmed (cancelled since), or the session cancelled.
        public let withdrawn: Bool
    }

    /// The link whose token is `token`, or `nil` for a token no link has — checked for its
    /// shape first, so that a probe costs no query. Reads only: opening a link changes nothing.
    /// One query, a row per slot of the session: a page asks for nothing else.
    public func find(token: String) throws -> Link? {
        guard RandomHex.hasShape(token, bits: 128) else { return nil }
        let rows = try store.connection.execute(
            """
            SELECT l.questionnaire, qn.title AS questionnaire_title, s.id AS session_id, s.code, p.email,
                   l.registration_id, l.employer_id,
                   coalesce(p.first_name, e.contact_name, e.name) AS greeting, mp.title, mp.objectives, l.created_at,
                   coalesce((SELECT name FROM organisation LIMIT 1), '') AS organisation,
                   EXISTS (SELECT 1 FROM response rs WHERE rs.questionnaire = l.questionnaire AND rs.session_id = s.id
                           AND (rs.registration_id = l.registration_id OR rs.employer_id = l.employer_id)) AS answered,
                   coalesce(r.status <> 'confirmed', false) OR s.status = 'cancelled' AS withdrawn,
                   sl.starts_at, sl.ends_at
            FROM questionnaire_link l JOIN questionnaire qn ON qn.code = l.questionnaire
            LEFT JOIN registration r ON r.id = l.registration_id LEFT JOIN participant p ON p.id = r.participant_id
            LEFT JOIN employer e ON e.id = l.employer_id
            JOIN session s ON s.id = coalesce(r.session_id, l.session_id)
            JOIN module_programme mp ON mp.id = s.programme_id
            LEFT JOIN slot sl ON sl.session_id = s.id
            WHERE l.token_sha256 = sha256(convert_to(\(token), 'UTF8'))
            ORDER BY sl.starts_at
            """)
        guard let row = rows.first else { return nil }
        let slots = try rows.compactMap { row -> (startsAt: Date, endsAt: Date)? in
            guard let start = try row.decode(Date?.self, "starts_at"), let end = try row.decode(Date?.self, "ends_at")
            else { return nil }
            return (start, end)
        }
        let respondent: Assessments.Respondent =
            if let email = try row.decode(String?.self, "email") {
                .participant(try EmailAddress(email))
            } else {
                .structure(try row.decode(Int.self, "employer_id"))
            }
        return Link(
            respondent: respondent, registration: try row.decode(Int?.self, "registration_id"),
            sessionId: try row.decode(Int.self, "session_id"),
            questionnaire: try row.decode(QuestionnaireCode.self, "questionnaire"),
            title: try row.decode(String.self, "questionnaire_title"), session: try row.decode(String.self, "code"),
            greeting: try row.decode(String.self, "greeting"),
            sessionTitle: French.typography(try row.decode(String.self, "title")),
            objectives: try row.decode([String].self, "objectives").map(French.typography),
            organisation: try row.decode(String.self, "organisation"),
            days: Letter.Day.days(of: slots, in: store.timeZone),
            issuedAt: try row.decode(Date.self, "created_at"), answered: try row.decode(Bool.self, "answered"),
            withdrawn: try row.decode(Bool.self, "withdrawn"))
    }

    /// A new token for the registration's `questionnaire`, in the caller's transaction: each
    /// message has a link of its own (the invitation, each relance), and the earlier ones stay
    /// open until they expire.
    public func issue(registration: Int, _ questionnaire: QuestionnaireCode) throws -> String {
        try issue(questionnaire, registration: registration, structure: nil, session: nil)
    }

    /// A new token for the structure `structure` to answer `questionnaire` about `session`.
    public func issue(structure: Int, session: Int, _ questionnaire: QuestionnaireCode) throws -> String {
        try issue(questionnaire, registration: nil, structure: structure, session: session)
    }

    private func issue(_ questionnaire: QuestionnaireCode, registration: Int?, structure: Int?, session: Int?) throws
        -> String
    {
        let token = RandomHex.make(bits: 128)
        try store.connection.execute(
            """
            INSERT INTO questionnaire_link (registration_id, employer_id, session_id, questionnaire, token_sha256)
            VALUES (\(registration), \(structure), \(session), \(questionnaire.rawValue), sha256(convert_to(\(token), 'UTF8')))
            """)
        return token
    }
}
