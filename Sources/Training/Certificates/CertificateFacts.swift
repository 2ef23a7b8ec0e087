import Foundation
import Postgres

/// Everything a certificate states, read in one query: the organisation aside.
struct CertificateFacts {
    var registrationId: Int
    var session: String
    var moduleTitle: String
    var nature: Module.Nature
    var firstName: String
    var lastName: String
    var email: String
    var status: Participant.Status
    var employer: String?
    var employerCity: String?
    var firstStart: Date?
    var lastEnd: Date?
    var attendedMinutes: Int
    /// The minutes of the session's half-days not cancelled.
    var plannedMinutes: Int
    var lastVersion: Int?
    var lastAttendedMinutes: Int?
    /// When the last certificate in force was issued: what a later version says it replaces.
    var lastIssuedAt: Date?

    /// When the session took place, in `zone`: `le 2 mars 2026`, `du 2 mars 2026 au 16 mars 2026`.
    func dates(in zone: TimeZone) -> String {
        guard let firstStart, let lastEnd else { return "" }
        return French.period(firstStart, lastEnd, in: zone)
    }

    /// The registration's facts, its row locked until the transaction ends: two workers never
    /// issue the same version.
    static func load(registration: Int, on connection: Connection) throws -> CertificateFacts {
        guard
            let row = try connection.execute(
                """
                SELECT r.id, s.code, mp.title, m.nature, p.first_name, p.last_name, p.email, p.status, e.name AS employer, e.city,
                       (SELECT min(starts_at) FROM slot WHERE session_id = s.id) AS first_start,
                       (SELECT max(ends_at) FROM slot WHERE session_id = s.id) AS last_end,
                       coalesce((SELECT sum(sl.minutes) FROM attendance a JOIN slot sl ON sl.id = a.slot_id
                                 WHERE a.registration_id = r.id AND a.status = 'present'), 0)::bigint AS attended,
                       coalesce((SELECT sum(minutes) FROM slot WHERE session_id = s.id AND NOT cancelled), 0)::bigint
                           AS planned,
                       c.version, c.attended_minutes, c.issued_at
                FROM registration r JOIN session s ON s.id = r.session_id JOIN module m ON m.id = s.module_id
                JOIN module_programme mp ON mp.id = s.programme_id
                JOIN participant p ON p.id = r.participant_id LEFT JOIN employer e ON e.id = p.employer_id
                LEFT JOIN LATERAL (SELECT version, attended_minutes,
                                          (SELECT issued_at FROM certificate WHERE registration_id = r.id AND NOT withdrawn
                                           ORDER BY version DESC LIMIT 1) AS issued_at
                                   FROM certificate WHERE registration_id = r.id ORDER BY version DESC LIMIT 1) AS c ON true
                WHERE r.id = \(registration)
                FOR UPDATE OF r
                """
            ).first
        else {
            throw TrainingError.notFound("No registration has the id \(registration).")
        }
        return CertificateFacts(
            registrationId: try row.decode(Int.self, "id"), session: try row.decode(String.self, "code"),
            moduleTitle: try row.decode(String.self, "title"), nature: try row.decode(Module.Nature.self, "nature"),
            firstName: try row.decode(String.self, "first_name"), lastName: try row.decode(String.self, "last_name"),
            email: try row.decode(String.self, "email"), status: try row.decode(Participant.Status.self, "status"),
            employer: try row.decode(String?.self, "employer"), employerCity: try row.decode(String?.self, "city"),
            firstStart: try row.decode(Date?.self, "first_start"), lastEnd: try row.decode(Date?.self, "last_end"),
            attendedMinutes: try row.decode(Int.self, "attended"), plannedMinutes: try row.decode(Int.self, "planned"),
            lastVersion: try row.decode(Int?.self, "version"),
            lastAttendedMinutes: try row.decode(Int?.self, "attended_minutes"),
            lastIssuedAt: try row.decode(Date?.self, "issued_at"))
    }
}
