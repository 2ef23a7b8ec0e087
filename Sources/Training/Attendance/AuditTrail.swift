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

/// A participant's or a trainer's signature of one half-day, as the sheet draws it in its box.
struct SignedBox {
    let actedAt: Date
    let late: Bool
    let png: [UInt8]?
    let typedName: String?

    /// The key of a trainer's signatures, beside the participants' emails.
    static func trainerKey(_ code: String) -> String { "trainer " + code }

    /// The session's signatures by signer (a participant's email, or `trainerKey`) and
    /// half-day's start.
    static func all(session: Int, on connection: Connection) throws -> [String: [Date: SignedBox]] {
        try connection.execute(
            """
            SELECT coalesce(p.email, 'trainer ' || t.code) AS signer, sl.starts_at, e.acted_at, e.late,
                   e.signature_png, e.typed_name
            FROM attendance_evidence e LEFT JOIN registration r ON r.id = e.registration_id
            LEFT JOIN participant p ON p.id = r.participant_id LEFT JOIN trainer t ON t.id = e.trainer_id
            JOIN slot sl ON sl.id = e.slot_id
            WHERE e.session_id = \(session) AND e.action = 'signature'
            """
        ).reduce(into: [:]) { boxes, row in
            let box = SignedBox(
                actedAt: try row.decode(Date.self, "acted_at"), late: try row.decode(Bool.self, "late"),
                png: try row.decode(Data?.self, "signature_png").map { [UInt8]($0) },
                typedName: try row.decode(String?.self, "typed_name"))
            boxes[try row.decode(String.self, "signer"), default: [:]][try row.decode(Date.self, "starts_at")] = box
        }
    }

    /// « signé le 05/04/2027 à 09 h 12 », « (tardive) » after the half-day's end, and the name
    /// when it was typed rather than drawn.
    func caption(in zone: TimeZone) -> String {
        let parts = French.calendar(zone).dateComponents([.year, .month, .day, .hour, .minute], from: actedAt)
        let when = String(
            format: "signé le %02d/%02d/%04d à %02d\u{00A0}h\u{00A0}%02d", parts.day ?? 0, parts.month ?? 0,
            parts.year ?? 0, parts.hour ?? 0, parts.minute ?? 0)
        return when + (late ? " (tardive)" : "") + (typedName.map { ", nom tapé\u{00A0}: \($0)" } ?? "")
    }
}
