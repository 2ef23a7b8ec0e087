import Foundation
import Postgres

/// Signing in the room (`/r/<code>`): a half-day's room code, printed or projected, opens a page
/// where each participant types the personal code of their convocation — or signs at once on a
/// device that has opened their personal link.
public struct RoomCodes {
    let store: Store

    public init(_ store: Store) { self.store = store }

    /// A half-day as its room code opens it.
    public struct Room: Sendable, Hashable {
        public let code: String
        public let slot: Int
        let sessionId: Int
        public let session: String
        /// The module's title, typeset in French.
        public let sessionTitle: String
        public let organisation: String
        public let startsAt: Date
        public let endsAt: Date
        /// « lundi 5 avril 2027 », « de 9 h à 12 h 30 ».
        public let date: String
        public let times: String
        public let cancelled: Bool
        /// Its trainer has certified and closed it.
        public let closed: Bool

        /// When the room's code starts and stops being taken.
        public func opens(_ window: Signatures.Window) -> Date {
            startsAt.addingTimeInterval(-60 * Double(window.opensMinutesBefore))
        }
        public func closes(_ window: Signatures.Window) -> Date {
            endsAt.addingTimeInterval(60 * Double(window.graceMinutesAfter))
        }

        public func state(at now: Date, window: Signatures.Window) -> Signatures.HalfDay.State {
            Signatures.state(
                of: Session.Slot(startsAt: startsAt, endsAt: endsAt, minutes: 0, venue: nil, trainers: []), at: now,
                window: window)
        }
    }

    /// The room code of the session's half-day starting at `start`: the one it has, or a new one.
    /// A code already another half-day's is drawn again.
    public func code(session: String, slot start: SlotStart) throws -> Room {
        let session = try Sessions(store).session(session)
        guard session.status != .cancelled else {
            throw TrainingError.refused("The session \(session.code) is cancelled: nobody signs its half-days.")
        }
        guard let instant = start.instant(in: store.timeZone),
            let slot = try store.connection.execute(
                """
                SELECT sl.id FROM slot sl JOIN session s ON s.id = sl.session_id
                WHERE s.code = \(session.code) AND sl.starts_at = \(instant)
                """
            ).first.map({ try $0.decode(Int.self, at: 0) })
        else {
            throw TrainingError.notFound("The session \(session.code) has no slot starting at \(start).")
        }
        for _ in 0..<8 {
            if let code = try store.connection.execute("SELECT code FROM room_code WHERE slot_id = \(slot)").first {
                if let room = try room(code: try code.decode(String.self, at: 0)) { return room }
            }
            try store.connection.execute(
                """
                INSERT INTO room_code (slot_id, code) VALUES (\(slot), \(ShortCode.make(length: ShortCode.roomLength)))
                ON CONFLICT DO NOTHING
                """)
        }
        throw TrainingError.tryAgain("No free room code was found in eight draws: try again.")
    }

    /// The half-day whose room code is `typed` (spaces and case forgiven), or `nil`.
    public func room(code typed: String) throws -> Room? {
        guard let code = ShortCode.read(typed, length: ShortCode.roomLength),
            let row = try store.connection.execute(
                """
                SELECT rc.code, sl.id AS slot, s.id AS session_id, s.code AS session, m.title,
                       coalesce((SELECT name FROM organisation LIMIT 1), '') AS organisation,
                       sl.starts_at, sl.ends_at, s.status = 'cancelled' AS cancelled,
                       EXISTS (SELECT 1 FROM attendance_evidence e WHERE e.slot_id = sl.id AND e.action = 'closing')
                           AS closed
                FROM room_code rc JOIN slot sl ON sl.id = rc.slot_id JOIN session s ON s.id = sl.session_id
                JOIN module m ON m.id = s.module_id
                WHERE rc.code = \(code)
                """
            ).first
        else { return nil }
        let zone = store.timeZone
        let start = try row.decode(Date.self, "starts_at")
        let end = try row.decode(Date.self, "ends_at")
        return Room(
            code: try row.decode(String.self, "code"), slot: try row.decode(Int.self, "slot"),
            sessionId: try row.decode(Int.self, "session_id"), session: try row.decode(String.self, "session"),
            sessionTitle: French.typography(try row.decode(String.self, "title")),
            organisation: try row.decode(String.self, "organisation"), startsAt: start, endsAt: end,
            date: French.date(start, in: zone),
            times: "de \(French.time(start, in: zone)) à \(French.time(end, in: zone))",
            cancelled: try row.decode(Bool.self, "cancelled"), closed: try row.decode(Bool.self, "closed"))
    }

    /// The participant of the room's session whose personal code is `typed`, signing through the
    /// room; `nil` for a code of no link, or of another session's.
    public func participant(personalCode typed: String, in room: Room) throws -> Signatures.Link? {
        guard let code = ShortCode.read(typed, length: ShortCode.personalLength),
            let row = try store.connection.execute(
                """
                SELECT l.id, l.registration_id FROM signing_link l JOIN registration r ON r.id = l.registration_id
                WHERE l.personal_code_sha256 = sha256(convert_to(\(code), 'UTF8')) AND r.session_id = \(room.sessionId)
                """
            ).first
        else { return nil }
        let (id, registration) = try row.decode((Int, Int).self)
        return try Signatures(store).participant(registration: registration, through: id, channel: .roomCode)
    }

    /// The participant whose personal link this device opened, when it is of the room's session.
    public func participant(token: String, in room: Room) throws -> Signatures.Link? {
        guard let link = try Signatures(store).link(token: token, channel: .roomCode), link.session == room.session
        else { return nil }
        return link
    }
}
