import Foundation
import Postgres

/// The personal link of a registration's questionnaire: a random 128-bit token in the email,
/// only its SHA-256 in the database, so that a copy of the database opens no questionnaire.
public struct QuestionnaireLinks {
    let store: Store

    public init(_ store: Store) { self.store = store }

    /// What a personal link opens: one questionnaire of one registration, with what its page
    /// shows of the session.
    public struct Link: Sendable, Hashable {
        public let registration: Int
        public let questionnaire: QuestionnaireCode
        /// « Votre avis à chaud ».
        public let title: String
        public let session: String
        public let email: EmailAddress
        public let firstName: String
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
            SELECT l.registration_id, l.questionnaire, qn.title AS questionnaire_title, s.code, p.email, p.first_name,
                   mp.title, mp.objectives, l.created_at,
                   coalesce((SELECT name FROM organisation LIMIT 1), '') AS organisation,
                   EXISTS (SELECT 1 FROM response rs WHERE rs.registration_id = l.registration_id AND rs.questionnaire = l.questionnaire)
                     AS answered,
                   r.status <> 'confirmed' OR s.status = 'cancelled' AS withdrawn,
                   sl.starts_at, sl.ends_at
            FROM questionnaire_link l JOIN questionnaire qn ON qn.code = l.questionnaire
            JOIN registration r ON r.id = l.registration_id
            JOIN session s ON s.id = r.session_id JOIN module_programme mp ON mp.id = s.programme_id
            JOIN participant p ON p.id = r.participant_id
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
        return Link(
            registration: try row.decode(Int.self, "registration_id"),
            questionnaire: try row.decode(QuestionnaireCode.self, "questionnaire"),
            title: try row.decode(String.self, "questionnaire_title"),
            session: try row.decode(String.self, "code"), email: try EmailAddress(try row.decode(String.self, "email")),
            firstName: try row.decode(String.self, "first_name"),
            sessionTitle: French.typography(try row.decode(String.self, "title")),
            objectives: try row.decode([String].self, "objectives").map(French.typography),
            organisation: try row.decode(String.self, "organisation"),
            days: Letter.Day.days(of: slots, in: store.timeZone),
            issuedAt: try row.decode(Date.self, "created_at"), answered: try row.decode(Bool.self, "answered"),
            withdrawn: try row.decode(Bool.self, "withdrawn"))
    }

    /// A new token for the registration's `questionnaire`, in the caller's
    /// transaction: each message has a link of its own (the invitation, each relance), and the
    /// earlier ones stay open until they expire.
    public func issue(registration: Int, _ questionnaire: QuestionnaireCode) throws -> String {
        let token = RandomHex.make(bits: 128)
        try store.connection.execute(
            """
            INSERT INTO questionnaire_link (registration_id, questionnaire, token_sha256)
            VALUES (\(registration), \(questionnaire.rawValue), sha256(convert_to(\(token), 'UTF8')))
            """)
        return token
    }
}
