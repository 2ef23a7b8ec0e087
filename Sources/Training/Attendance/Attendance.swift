import Foundation
import Postgres

/// Presence per participant and half-day slot. Only `present` counts as attended time: funders
/// pay for hours actually followed (R.6332-26); `excused` is recorded and shown, not attended.
public enum AttendanceStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case present, absent, excused
}

/// One session's attendance: a line per confirmed participant, a column per slot.
public struct AttendanceSheet: Sendable, Hashable, Codable {
    public struct Line: Sendable, Hashable, Codable {
        public var participant: Participant
        /// One entry per slot of the session, in order; `nil` where nothing is recorded yet.
        public var marks: [AttendanceStatus?]
        public var attendedMinutes: Int
    }

    public var session: String
    public var slots: [Session.Slot]
    public var lines: [Line]

    public var plannedMinutes: Int { slots.reduce(0) { $0 + $1.minutes } }
    public var isComplete: Bool { lines.allSatisfy { !$0.marks.contains(nil) } }
}

/// How a participant attended a half-day, as the evidence states it: late or gone early
/// attended (each with its reason), and counts as present in the attendance.
public enum Presence: String, Sendable, Hashable, Codable, CaseIterable {
    case present, absent, excused, late
    case leftEarly = "left-early"

    init(_ status: AttendanceStatus) {
        switch status {
        case .present: self = .present
        case .absent: self = .absent
        case .excused: self = .excused
        }
    }

    public var attendance: AttendanceStatus {
        switch self {
        case .present, .late, .leftEarly: .present
        case .absent: .absent
        case .excused: .excused
        }
    }

    /// Late and gone early say why.
    public var needsReason: Bool { self == .late || self == .leftEarly }
}

public struct Attendances {
    let store: Store
    var connection: Connection { store.connection }
    var timeZone: TimeZone { store.timeZone }

    public init(_ store: Store) { self.store = store }

    /// Records one slot: the named participants with their status, and `everyoneElse` (if given)
    /// for every other confirmed participant still without a mark. Returns how many marks were
    /// written. Recording never changes a mark already there: that is correcting, with its
    /// reason, which overwrites and leaves an `attendance.corrected` event — even once the
    /// session is completed and its attendance frozen. Each mark written is also a record of the
    /// attendance evidence, in the same transaction.
    @discardableResult
    public func record(
        session code: String, slot start: SlotStart, marks: [EmailAddress: AttendanceStatus],
        everyoneElse: AttendanceStatus? = nil, by recorder: String, correcting reason: String? = nil
    ) throws -> Int {
        let recordedBy = try Field.required(recorder, "name of who records", limit: 100)
        let reason = try reason.map { try Field.required($0, "reason of the correction", limit: 500) }
        let correcting = reason != nil
        return try connection.write { connection in
            let session = try SessionRow(code, on: connection)
            switch (session.status, correcting) {
            case (.completed, false):
                throw TrainingError.refused(
                    "The session \(session.code) is completed: its attendance is frozen; change it with `atelier attendance correct`."
                )
            case (.cancelled, _), (.draft, _):
                throw TrainingError.refused(
                    "The session \(session.code) is \(session.status.rawValue): it has no attendance.")
            default: break
            }
            let slot = try self.slot(start, of: session, on: connection)
            let confirmed = try connection.execute(
                """
                SELECT r.id, p.email FROM registration r JOIN participant p ON p.id = r.participant_id
                WHERE r.session_id = \(session.id) AND r.status = 'confirmed'
                """
            ).map { row in
                (id: try row.decode(Int.self, "id"), email: try EmailAddress(row.decode(String.self, "email")))
            }
            guard !marks.isEmpty || everyoneElse != nil else {
                throw TrainingError.invalid(
                    "Nothing to record: name participants with --present, --absent or --excused, or use --present all.")
            }
            let existing = Dictionary(
                uniqueKeysWithValues: try connection.execute(
                    """
                    SELECT registration_id, status FROM attendance WHERE slot_id = \(slot.id)
                    """
                ).map { try $0.decode((Int, AttendanceStatus).self) })
            var writes: [(registration: Int, status: AttendanceStatus)] = []
            for (email, status) in marks.sorted(by: { $0.key.text < $1.key.text }) {
                guard let registration = confirmed.first(where: { $0.email == email }) else {
                    throw TrainingError.refused(
                        "\(email) is not a confirmed participant of the session \(session.code).")
                }
                if !correcting, let earlier = existing[registration.id] {
                    guard earlier == status else {
                        throw TrainingError.refused(
                            "\(email) is already marked \(earlier.rawValue) for this slot: change it with `atelier attendance correct`."
                        )
                    }
                    continue
                }
                writes.append((registration.id, status))
            }
            if let everyoneElse {
                for registration in confirmed
                where marks[registration.email] == nil && (correcting || existing[registration.id] == nil) {
                    writes.append((registration.id, everyoneElse))
                }
            }
            guard !writes.isEmpty else { return 0 }
            try write(
                writes.map { Mark(registration: $0.registration, presence: Presence($0.status), reason: reason) },
                slot: slot, of: session, by: recordedBy, channel: .cli, correcting: correcting, on: connection)
            return writes.count
        }
    }

    /// One participant's mark for a slot, as the evidence states it.
    struct Mark {
        let registration: Int
        let presence: Presence
        let reason: String?
    }

    /// Writes `marks` as the slot's attendance and, in the same transaction, as records of the
    /// evidence (the trainer's when `trainer` is given), then the event that reports them. Every
    /// way of recording attendance ends here: the CLI's marks and corrections, a trainer's closing.
    func write(
        _ marks: [Mark], slot: (id: Int, startsAt: Date), of session: SessionRow, by recorder: String,
        channel: Signatures.Channel, correcting: Bool, trainer: Int? = nil, link: Int? = nil,
        client: Signatures.Client? = nil, on connection: Connection
    ) throws {
        if correcting && session.status == .completed {
            try connection.execute("SELECT set_config('atelier.correction', 'on', true)")
        }
        let registrations = marks.map(\.registration)
        try connection.execute(
            """
            INSERT INTO attendance (registration_id, slot_id, session_id, status, recorded_by)
            SELECT r, \(slot.id), \(session.id), st, \(recorder)
            FROM unnest(\(registrations), \(marks.map(\.presence.attendance))) AS w(r, st)
            ON CONFLICT (registration_id, slot_id)
            DO UPDATE SET status = EXCLUDED.status, recorded_by = EXCLUDED.recorded_by, recorded_at = now()
            """)
        // An array cannot hold a NULL here: an empty reason stands for none.
        try connection.execute(
            """
            INSERT INTO attendance_evidence (session_id, slot_id, registration_id, trainer_id, action, status, channel,
                actor, client_address, user_agent, link_id, reason)
            SELECT \(session.id), \(slot.id), r, \(trainer), \(correcting ? "correction" : "mark"), st, \(channel.rawValue),
                   \(recorder),
                   \(client?.address)::inet, \(client?.printableUserAgent), \(link), nullif(why, '')
            FROM unnest(\(registrations), \(marks.map(\.presence.rawValue)), \(marks.map { $0.reason ?? "" }))
                 WITH ORDINALITY AS w(r, st, why, n)
            ORDER BY n
            """)
        try EventLog.append(
            AttendanceEvent(
                session: session.code, sessionId: session.id, slot: slot.startsAt, recordedBy: recorder,
                marks: marks.count, corrected: correcting), on: connection, jobs: store.jobs)
    }

    public func sheet(session code: String) throws -> AttendanceSheet {
        let session = try Sessions(store).session(code)
        let rows = try connection.execute(
            """
            SELECT \(unescaped: Participant.columns), sl.starts_at, sl.minutes, a.status AS mark
            FROM registration r JOIN session s ON s.id = r.session_id JOIN participant p ON p.id = r.participant_id
            LEFT JOIN employer e ON e.id = p.employer_id JOIN slot sl ON sl.session_id = s.id
            LEFT JOIN attendance a ON a.registration_id = r.id AND a.slot_id = sl.id
            WHERE s.code = \(session.code) AND r.status = 'confirmed'
            ORDER BY p.last_name, p.first_name, p.email, sl.starts_at
            """)
        var lines: [AttendanceSheet.Line] = []
        for row in rows {
            let participant = try Participant(row: row)
            if lines.last?.participant.email != participant.email {
                lines.append(.init(participant: participant, marks: [], attendedMinutes: 0))
            }
            let mark = try row.decode(AttendanceStatus?.self, "mark")
            lines[lines.count - 1].marks.append(mark)
            if mark == .present { lines[lines.count - 1].attendedMinutes += try row.decode(Int.self, "minutes") }
        }
        return AttendanceSheet(session: session.code, slots: session.slots, lines: lines)
    }

    func slot(_ start: SlotStart, of session: SessionRow, on connection: Connection) throws -> (
        id: Int, startsAt: Date
    ) {
        guard let instant = start.instant(in: timeZone),
            let row = try connection.execute(
                """
                SELECT id, starts_at, starts_at > now() AS future FROM slot
                WHERE session_id = \(session.id) AND starts_at = \(instant)
                """
            ).first
        else {
            throw TrainingError.notFound("The session \(session.code) has no slot starting at \(start).")
        }
        let startsAt = try row.decode(Date.self, "starts_at")
        guard try !row.decode(Bool.self, "future") else {
            throw TrainingError.refused(
                "The slot of \(French.date(startsAt, in: timeZone)) at \(French.time(startsAt, in: timeZone)) has not started: attendance is recorded once it has begun."
            )
        }
        return (try row.decode(Int.self, "id"), startsAt)
    }
}
