import Foundation
import Postgres

/// The attendance evidence of a session as the sheet's « Piste d'audit » prints it: every
/// record in the chain's order, and the chain's last hash.
struct AuditTrail {
    struct Entry {
        let position: Int
        let actedAt: Date
        let action: String
        let status: String?
        let actor: String
        let participant: String?
        let channel: String
        let address: String?
        let reason: String?
        let hash: String
    }

    let entries: [Entry]

    init(session: Int, on connection: Connection) throws {
        entries = try connection.execute(
            """
            SELECT e.position::bigint AS position, e.acted_at, e.action, e.status, e.actor, e.channel,
                   host(e.client_address) AS address, e.reason, encode(e.hash, 'hex') AS hash,
                   p.first_name || ' ' || p.last_name AS participant
            FROM attendance_evidence e LEFT JOIN registration r ON r.id = e.registration_id
            LEFT JOIN participant p ON p.id = r.participant_id
            WHERE e.session_id = \(session) ORDER BY e.position
            """
        ).map { row in
            Entry(
                position: try row.decode(Int.self, "position"), actedAt: try row.decode(Date.self, "acted_at"),
                action: try row.decode(String.self, "action"), status: try row.decode(String?.self, "status"),
                actor: try row.decode(String.self, "actor"), participant: try row.decode(String?.self, "participant"),
                channel: try row.decode(String.self, "channel"), address: try row.decode(String?.self, "address"),
                reason: try row.decode(String?.self, "reason"), hash: try row.decode(String.self, "hash"))
        }
    }

    /// What the record did, in French: « Signature », « Pointage : absent »…
    static func action(_ entry: Entry) -> String {
        let action =
            ["signature": "Signature", "mark": "Pointage", "closing": "Clôture", "correction": "Correction"][
                entry.action] ?? entry.action
        let status = entry.status.flatMap {
            [
                "present": "présent", "absent": "absent", "excused": "excusé", "late": "en retard",
                "left-early": "parti plus tôt",
            ][$0]
        }
        return action + (entry.action == "signature" ? "" : status.map { "\u{00A0}: \($0)" } ?? "")
    }

    static let channels = [
        "personal-link": "lien personnel", "room-code": "code de salle", "trainer-phone": "téléphone du formateur",
        "cli": "coordination",
    ]
}
