import Foundation
import Postgres

/// The personal link of a registration's questionnaire: a random 128-bit token in the email,
/// only its SHA-256 in the database, so that a copy of the database opens no questionnaire.
public struct QuestionnaireLinks {
    let store: Store

    public init(_ store: Store) { self.store = store }

    /// What a personal link opens: one questionnaire of one registration.
    public struct Link: Sendable, Hashable {
        public let registration: Int
        public let questionnaire: QuestionnaireKind
        public let session: String
        public let email: EmailAddress
        /// When the link was made, as its email was written: links expire from there.
        public let issuedAt: Date
        public let answered: Bool
        /// The registration is no longer confirmed (cancelled since), or the session cancelled.
        public let withdrawn: Bool
    }

    /// The link whose token is `token`, or `nil` for a token no link has — checked for its
    /// shape first, so that a probe costs no query. Reads only: opening a link changes nothing.
    public func find(token: String) throws -> Link? {
        guard token.utf8.count == 32, token.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) })
        else { return nil }
        guard
            let row = try store.connection.execute(
                """
                SELECT l.registration_id, l.kind, s.code, p.email, l.created_at,
                       EXISTS (SELECT 1 FROM response rs WHERE rs.registration_id = l.registration_id AND rs.kind = l.kind)
                         AS answered,
                       r.status <> 'confirmed' OR s.status = 'cancelled' AS withdrawn
                FROM questionnaire_link l JOIN registration r ON r.id = l.registration_id
                JOIN session s ON s.id = r.session_id JOIN participant p ON p.id = r.participant_id
                WHERE l.token_sha256 = sha256(convert_to(\(token), 'UTF8'))
                """
            ).first
        else { return nil }
        return Link(
            registration: try row.decode(Int.self, "registration_id"),
            questionnaire: try row.decode(QuestionnaireKind.self, "kind"),
            session: try row.decode(String.self, "code"), email: try EmailAddress(try row.decode(String.self, "email")),
            issuedAt: try row.decode(Date.self, "created_at"), answered: try row.decode(Bool.self, "answered"),
            withdrawn: try row.decode(Bool.self, "withdrawn"))
    }

    /// A new token for the registration's `questionnaire`, in the caller's
    /// transaction: each message has a link of its own (the invitation, each relance), and the
    /// earlier ones stay open until they expire.
    public func issue(registration: Int, _ questionnaire: QuestionnaireKind) throws -> String {
        let token = RandomHex.make(bits: 128)
        try store.connection.execute(
            """
            INSERT INTO questionnaire_link (registration_id, kind, token_sha256)
            VALUES (\(registration), \(questionnaire.rawValue), sha256(convert_to(\(token), 'UTF8')))
            """)
        return token
    }
}
