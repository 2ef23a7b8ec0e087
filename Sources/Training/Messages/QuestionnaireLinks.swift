import Foundation
import Postgres

/// The personal link of a registration's questionnaire: a random 128-bit token in the email,
/// only its SHA-256 in the database, so that a copy of the database opens no questionnaire.
public struct QuestionnaireLinks {
    let store: Store

    public init(_ store: Store) { self.store = store }

    public enum Moment: String, Sendable {
        case hot, cold
    }

    /// A new token for the registration's questionnaire of `moment`, replacing an earlier one
    /// (whose email was never accepted), in the caller's transaction.
    public func issue(registration: Int, _ moment: Moment) throws -> String {
        let token = RandomHex.make(bits: 128)
        try store.connection.execute(
            """
            INSERT INTO questionnaire_link (registration_id, kind, token_sha256)
            VALUES (\(registration), \(moment.rawValue), sha256(convert_to(\(token), 'UTF8')))
            ON CONFLICT (registration_id, kind) DO UPDATE SET token_sha256 = EXCLUDED.token_sha256, created_at = now()
            """)
        return token
    }
}
