import Foundation
import Postgres

/// What courts and funders look for in a session's attendance (DOMAIN.md « Attendance as
/// evidence »), found before they do: one signature image used twice, a signature made outside
/// its half-day, more signatures than seats, a half-day on a Sunday or a public holiday, a
/// half-day its trainer never closed.
public struct AttendanceWarning: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case sameImage = "same-image"
        case outsideHalfDay = "outside-half-day"
        case moreSignaturesThanSeats = "more-signatures-than-seats"
        case sunday
        case publicHoliday = "public-holiday"
        case neverClosed = "never-closed"
    }

    public let kind: Kind
    public let sentence: String
    /// The same in French, for the documents an auditor reads (`qualiopi pack`).
    public let french: String
    /// The records concerned, by their place in the session's chain (`attendance verify`).
    public let records: [Int]
}

extension Attendances {
    /// The session's warnings as of `now`, half-days first, then its signatures; `window` says
    /// when a half-day takes signatures.
    public func warnings(session code: String, window: Signatures.Window, at now: Date = Date()) throws
        -> [AttendanceWarning]
    {
        let session = try SessionRow(code, on: connection, locking: false)
        var warnings = try calendarWarnings(session: session)
        let halfDay = { (start: Date, end: Date) in
            "\(French.date(start, in: self.timeZone)), de \(French.time(start, in: self.timeZone)) à \(French.time(end, in: self.timeZone))"
        }
        let at = { (date: Date) in "\(French.date(date, in: self.timeZone)) à \(French.time(date, in: self.timeZone))" }
        warnings += try connection.execute(
            """
            SELECT array_agg(position::bigint ORDER BY position) AS records FROM attendance_evidence
            WHERE session_id = \(session.id) AND signature_sha256 IS NOT NULL
            GROUP BY signature_sha256 HAVING count(*) > 1 ORDER BY min(position)
            """
        ).map { row in
            let records = try row.decode([Int].self, "records")
            return AttendanceWarning(
                kind: .sameImage,
                sentence:
                    "The same signature image is on \(records.count) records (\(Self.list(records))): a drawing is never the same twice.",
                french:
                    "La même image de signature figure sur \(records.count) enregistrements (\(Self.list(records)))\u{00A0}: un tracé n’est jamais deux fois le même.",
                records: records)
        }
        warnings += try connection.execute(
            """
            SELECT e.position::bigint AS position, e.actor, e.acted_at, sl.starts_at, sl.ends_at
            FROM attendance_evidence e JOIN slot sl ON sl.id = e.slot_id
            WHERE e.session_id = \(session.id) AND e.action = 'signature'
              AND (e.acted_at < sl.starts_at - \(window.opensMinutesBefore) * interval '1 minute'
                   OR e.acted_at > sl.ends_at + \(window.graceMinutesAfter) * interval '1 minute')
            ORDER BY e.position
            """
        ).map { row in
            let (position, actor, actedAt, start, end) = try row.decode((Int, String, Date, Date, Date).self)
            return AttendanceWarning(
                kind: .outsideHalfDay,
                sentence:
                    "\(actor) signed \(halfDay(start, end)) on \(French.date(actedAt, in: timeZone)) at \(French.time(actedAt, in: timeZone)), outside the half-day (record \(position)).",
                french:
                    "\(actor) a signé la demi-journée du \(halfDay(start, end)) le \(at(actedAt)), hors de la demi-journée (enregistrement \(position)).",
                records: [position])
        }
        warnings += try connection.execute(
            """
            SELECT sl.starts_at, sl.ends_at, count(*) AS signatures, s.capacity,
                   array_agg(e.position::bigint ORDER BY e.position) AS records
            FROM attendance_evidence e JOIN slot sl ON sl.id = e.slot_id JOIN session s ON s.id = e.session_id
            WHERE e.session_id = \(session.id) AND e.action = 'signature' AND e.registration_id IS NOT NULL
            GROUP BY sl.id, s.capacity HAVING count(*) > s.capacity ORDER BY sl.starts_at
            """
        ).map { row in
            let (start, end, signatures, capacity, records) = try row.decode((Date, Date, Int, Int, [Int]).self)
            return AttendanceWarning(
                kind: .moreSignaturesThanSeats,
                sentence:
                    "\(halfDay(start, end)) has \(signatures) participants' signatures for \(capacity) seat\(capacity == 1 ? "" : "s").",
                french:
                    "La demi-journée du \(halfDay(start, end)) porte \(signatures) signatures de participants pour \(capacity) place\(capacity == 1 ? "" : "s") (enregistrements \(Self.list(records))).",
                records: records)
        }
        warnings += try connection.execute(
            """
            SELECT sl.starts_at, sl.ends_at FROM slot sl
            WHERE sl.session_id = \(session.id) AND NOT sl.cancelled
              AND sl.ends_at + \(window.graceMinutesAfter) * interval '1 minute' < \(now)
              AND NOT EXISTS (SELECT 1 FROM attendance_evidence e WHERE e.slot_id = sl.id AND e.action = 'closing')
            ORDER BY sl.starts_at
            """
        ).map { row in
            let (start, end) = try row.decode((Date, Date).self)
            return AttendanceWarning(
                kind: .neverClosed,
                sentence: "\(halfDay(start, end)) has ended and was never closed by its trainer: nobody certified it.",
                french: "La demi-journée du \(halfDay(start, end)) est passée sans être clôturée par son formateur.",
                records: [])
        }
        return warnings
    }

    /// A half-day on a Sunday or a public holiday: training is rarely given then, and an
    /// auditor asks.
    private func calendarWarnings(session: SessionRow) throws -> [AttendanceWarning] {
        let calendar = French.calendar(timeZone)
        return try connection.execute(
            "SELECT starts_at FROM slot WHERE session_id = \(session.id) AND NOT cancelled ORDER BY starts_at"
        ).compactMap { row in
            let start = try row.decode(Date.self, at: 0)
            let day = calendar.dateComponents([.year, .month, .day, .weekday], from: start)
            let date = French.date(start, in: timeZone)
            if let holiday = FrenchHolidays.name(year: day.year ?? 0, month: day.month ?? 1, day: day.day ?? 1) {
                return AttendanceWarning(
                    kind: .publicHoliday, sentence: "The half-day of \(date) falls on a public holiday (\(holiday)).",
                    french: "La demi-journée du \(date) tombe un jour férié (\(holiday)).", records: [])
            }
            guard day.weekday == 1 else { return nil }
            return AttendanceWarning(
                kind: .sunday, sentence: "The half-day of \(date) falls on a Sunday.",
                french: "La demi-journée du \(date) tombe un dimanche.", records: [])
        }
    }

    static func list(_ numbers: [Int]) -> String {
        numbers.map(String.init).joined(separator: ", ")
    }
}
