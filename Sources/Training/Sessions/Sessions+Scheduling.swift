import Foundation
import Postgres

extension Sessions {
    /// Creates the session, its parts and slots, and books its trainers; the code is the next
    /// of the first slot's year.
    public func schedule(_ plan: SessionPlan) throws -> Session {
        let planned = try PlannedParts(plan.slots, timeZone: timeZone, now: Date(), allowPast: plan.recordsPast)
        guard plan.partTitles.count <= planned.parts.count else {
            throw TrainingError.invalid(
                "There are \(plan.partTitles.count) part titles for \(planned.parts.count) part\(planned.parts.count == 1 ? "" : "s"): a part is a run of consecutive days."
            )
        }
        let code = try connection.write { connection in
            let catalogue = Catalogue(store)
            let module = try catalogue.module(plan.module)
            guard !module.archived else {
                throw TrainingError.refused("The module \(module.code) is archived: restore it before scheduling it.")
            }
            let capacity = try Field.number(plan.capacity ?? module.defaultCapacity, "capacity", in: 1...500)
            let minimum = try Field.number(plan.minimum ?? 1, "minimum", in: 0...capacity)
            let venueID = try plan.venue.map { try self.id(of: catalogue.venue($0).code, in: "venue", on: connection) }
            let trainerIDs = try plan.trainers.map {
                try self.id(of: catalogue.trainer($0).code, in: "trainer", on: connection)
            }

            let year = French.calendar(timeZone).component(.year, from: planned.parts[0][0].start)
            let number = try connection.execute(
                """
                INSERT INTO session_code_counter (year, last) VALUES (\(year), 1)
                ON CONFLICT (year) DO UPDATE SET last = session_code_counter.last + 1 RETURNING last
                """)[0].decode(Int.self, at: 0)
            let code = "S-\(year)-" + String(format: "%03d", number)
            let sessionID = try connection.execute(
                """
                INSERT INTO session (code, module_id, capacity, minimum, status)
                VALUES (\(code), (SELECT id FROM module WHERE code = \(module.code)), \(capacity), \(minimum),
                        \(plan.isDraft ? "draft" : "scheduled"))
                RETURNING id
                """)[0].decode(Int.self, at: 0)
            try insertParts(
                planned, titles: plan.partTitles, session: sessionID, venue: venueID, trainers: trainerIDs,
                on: connection)
            if !plan.isDraft {
                try EventLog.append(
                    SessionEvent(change: .scheduled, session: code, sessionId: sessionID), on: connection,
                    jobs: store.jobs)
            }
            return code
        }
        return try session(code)
    }

    /// Moves a session to new slots. Only before any attendance is recorded; venue and trainers
    /// stay those of the session unless the plan names others.
    public func reschedule(_ code: String, to plan: SessionPlan) throws -> Session {
        let planned = try PlannedParts(plan.slots, timeZone: timeZone, now: Date(), allowPast: plan.recordsPast)
        let before = try session(code)
        try connection.write { connection in
            let session = try SessionRow(code, on: connection)
            guard session.isOpen else {
                throw TrainingError.refused(
                    "The session \(code.typedCode) is \(session.status.rawValue): it cannot be rescheduled.")
            }
            guard try connection.execute("SELECT 1 FROM attendance WHERE session_id = \(session.id) LIMIT 1").isEmpty
            else {
                throw TrainingError.refused(
                    "Attendance is already recorded for the session \(code.typedCode): it cannot be rescheduled.")
            }
            let catalogue = Catalogue(store)
            let venueID = try (plan.venue ?? before.slots.first?.venue).map {
                try self.id(of: catalogue.venue($0).code, in: "venue", on: connection)
            }
            let trainerCodes = plan.trainers.isEmpty ? (before.slots.first?.trainers ?? []) : plan.trainers
            let trainerIDs = try trainerCodes.map {
                try self.id(of: catalogue.trainer($0).code, in: "trainer", on: connection)
            }
            let titles = plan.partTitles.isEmpty ? before.parts.map(\.title) : plan.partTitles
            try connection.execute("DELETE FROM session_part WHERE session_id = \(session.id)")
            try insertParts(
                planned, titles: Array(titles.prefix(planned.parts.count)), session: session.id,
                venue: venueID, trainers: trainerIDs, on: connection)
            if session.status == .scheduled {
                try EventLog.append(
                    SessionEvent(change: .rescheduled, session: session.code, sessionId: session.id), on: connection,
                    jobs: store.jobs)
            }
        }
        return try self.session(code)
    }

    /// Announces a draft session: its registrations can now be convoked.
    public func publish(_ code: String) throws -> Session {
        try transition(code, from: [.draft], refusal: "not a draft", event: .scheduled) { session, connection in
            try connection.execute("UPDATE session SET status = 'scheduled' WHERE id = \(session.id)")
        }
    }

    /// Cancels a session that has not been completed; its trainers are free again.
    public func cancel(_ code: String) throws -> Session {
        try transition(code, from: [.draft, .scheduled], refusal: "it cannot be cancelled", event: .cancelled) {
            session, connection in
            try connection.execute(
                "UPDATE session SET status = 'cancelled', cancelled_at = now() WHERE id = \(session.id)")
            try connection.execute("UPDATE slot SET cancelled = true WHERE session_id = \(session.id)")
        }
    }

    /// Completes a session whose last slot has ended and whose every slot has attendance for
    /// every confirmed registration; attendance is frozen from then on.
    public func complete(_ code: String) throws -> Session {
        try transition(
            code, from: [.scheduled], refusal: "only a scheduled session can be completed",
            event: .completed
        ) { session, connection in
            let end = try connection.execute("SELECT max(ends_at) FROM slot WHERE session_id = \(session.id)")[0]
                .decode(Date?.self, at: 0)
            if let end, end > Date() {
                throw TrainingError.refused(
                    "The session \(session.code) is not over: its last slot ends \(French.date(end, in: timeZone)) at \(French.time(end, in: timeZone)); complete it after that."
                )
            }
            let missing = try connection.execute(
                """
                SELECT p.first_name || ' ' || upper(p.last_name) AS name, s.starts_at
                FROM registration r JOIN participant p ON p.id = r.participant_id
                JOIN slot s ON s.session_id = r.session_id
                WHERE r.session_id = \(session.id) AND r.status = 'confirmed'
                  AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.registration_id = r.id AND a.slot_id = s.id)
                ORDER BY s.starts_at, p.last_name, p.first_name
                """)
            if !missing.isEmpty {
                let examples = try missing.prefix(3).map { row in
                    let start = try row.decode(Date.self, "starts_at")
                    return
                        "\(try row.decode(String.self, "name")) on \(French.date(start, in: timeZone)) at \(French.time(start, in: timeZone))"
                }
                let more = missing.count > 3 ? " and \(missing.count - 3) more" : ""
                throw TrainingError.refused(
                    "The session \(session.code) cannot be completed: attendance is missing for \(examples.joined(separator: ", "))\(more)."
                )
            }
            try connection.execute(
                "UPDATE session SET status = 'completed', completed_at = now() WHERE id = \(session.id)")
        }
    }

    /// Moves a session on from one of the `from` statuses: the row locked, the change and its
    /// event in one transaction; any other status is refused with `refusal`.
    private func transition(
        _ code: String, from allowed: Set<Session.Status>, refusal: String, event: SessionEvent.Change,
        _ change: (SessionRow, Connection) throws -> Void
    ) throws -> Session {
        try connection.write { connection in
            let session = try SessionRow(code, on: connection)
            guard allowed.contains(session.status) else {
                throw TrainingError.refused("The session \(session.code) is \(session.status.rawValue): \(refusal).")
            }
            try change(session, connection)
            try EventLog.append(
                SessionEvent(change: event, session: session.code, sessionId: session.id), on: connection,
                jobs: store.jobs)
        }
        return try session(code)
    }

    private func insertParts(
        _ planned: PlannedParts, titles: [String], session: Int, venue: Int?, trainers: [Int],
        on connection: Connection
    ) throws {
        for (index, slots) in planned.parts.enumerated() {
            let title = try Field.optional(index < titles.count ? titles[index] : "", "part title", limit: 200)
            let partID = try connection.execute(
                """
                INSERT INTO session_part (session_id, position, title) VALUES (\(session), \(index + 1), \(title)) RETURNING id
                """)[0].decode(Int.self, at: 0)
            for slot in slots {
                let slotID = try connection.execute(
                    """
                    INSERT INTO slot (session_id, part_id, starts_at, ends_at, venue_id, time_zone)
                    VALUES (\(session), \(partID), \(slot.start), \(slot.end), \(venue), \(timeZone.identifier)) RETURNING id
                    """)[0].decode(Int.self, at: 0)
                for trainer in trainers { try book(trainer, slot: slotID, slot.spec, on: connection) }
            }
        }
    }

    /// Books a trainer for a slot, after saying which session already has them at that time.
    private func book(_ trainer: Int, slot: Int, _ spec: SlotSpec, on connection: Connection) throws {
        let clash = try connection.execute(
            """
            SELECT t.code AS trainer, se.code AS session
            FROM slot_trainer st JOIN slot s ON s.id = st.slot_id JOIN session se ON se.id = s.session_id
            JOIN trainer t ON t.id = st.trainer_id
            WHERE st.trainer_id = \(trainer) AND NOT st.cancelled
              AND tstzrange(st.starts_at, st.ends_at) && (SELECT tstzrange(starts_at, ends_at) FROM slot WHERE id = \(slot))
            LIMIT 1
            """)
        if let row = clash.first {
            let (trainerCode, sessionCode) = try row.decode((String, String).self)
            throw TrainingError.refused(
                "The trainer \(trainerCode) is already booked during the slot \(spec), in the session \(sessionCode).")
        }
        try connection.execute(
            """
            INSERT INTO slot_trainer (slot_id, trainer_id, starts_at, ends_at, cancelled)
            SELECT id, \(trainer), starts_at, ends_at, cancelled FROM slot WHERE id = \(slot)
            """)
    }

    func id(of code: String, in table: String, on connection: Connection) throws -> Int {
        try connection.execute("SELECT id FROM \(unescaped: table) WHERE code = \(code)")[0].decode(Int.self, at: 0)
    }
}
