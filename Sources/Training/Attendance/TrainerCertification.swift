import Foundation
import Postgres

/// The trainer certifying each half-day from the session's trainer link (`/t/<token>`): every
/// confirmed participant with their signature or none, the trainer's marks, one signature, and
/// the closing that makes the marks the session's attendance. A closed half-day takes nothing
/// more from the pages; `atelier attendance correct` still changes it, with its reason.
public struct TrainerCertification {
    let store: Store

    public init(_ store: Store) { self.store = store }

    /// What a trainer link opens: one trainer's half-days of one session.
    public struct Link: Sendable, Hashable {
        public let id: Int
        public let session: String
        public let sessionId: Int
        public let sessionTitle: String
        public let organisation: String
        public let trainerId: Int
        public let trainer: String
        /// The session is cancelled, or the trainer gives none of its half-days any more.
        public let withdrawn: Bool
    }

    /// One confirmed participant of a half-day, as the trainer sees them.
    public struct Line: Sendable, Hashable {
        public let registration: Int
        public let participant: String
        public let signedAt: Date?
        public let signedLate: Bool
        public let channel: Signatures.Channel?
        /// Once closed: what the trainer certified, and why for late or gone early.
        public let presence: Presence?
        public let reason: String?
    }

    /// One of the trainer's half-days.
    public struct HalfDay: Sendable, Hashable {
        public let slot: Int
        public let startsAt: Date
        public let endsAt: Date
        public let date: String
        public let times: String
        public let state: Signatures.HalfDay.State
        /// « Je certifie avoir animé « … », le …, de … à …, et que les présences ci-dessus sont exactes. »
        public let consent: String
        public let closedAt: Date?
        public let closedBy: String?
        public let lines: [Line]

        /// Started and not closed: the trainer can certify it.
        public var canClose: Bool { closedAt == nil && state != .upcoming }
    }

    /// Why a half-day is not closed.
    public enum Refusal: Error, Sendable, Hashable {
        case withdrawn, unknownHalfDay, notStarted, alreadyClosed
        /// The session is completed: its attendance is frozen.
        case frozen
        /// Late or gone early without a reason: the participant's name.
        case reasonMissing(String)
        /// Attendance recorded by a coordinator that the marks contradict: the participant's name.
        case contradicts(String)
        case signature(Signatures.Refusal)
    }

    /// A new token for the trainer's link to the session, in the caller's transaction.
    public func issueLink(session: Int, trainer: Int) throws -> String {
        let token = RandomHex.make(bits: 128)
        try store.connection.execute(
            """
            INSERT INTO signing_link (session_id, trainer_id, token_sha256)
            VALUES (\(session), \(trainer), sha256(convert_to(\(token), 'UTF8')))
            """)
        return token
    }

    /// The link whose token is `token`, or `nil` — a token of the wrong shape costs no query.
    public func link(token: String) throws -> Link? {
        guard RandomHex.hasShape(token, bits: 128),
            let row = try store.connection.execute(
                """
                SELECT l.id, s.code, s.id AS session_id, m.title, coalesce((SELECT name FROM organisation LIMIT 1), ''),
                       t.id AS trainer_id, t.name,
                       s.status = 'cancelled' OR NOT EXISTS (
                           SELECT 1 FROM slot_trainer st JOIN slot sl ON sl.id = st.slot_id
                           WHERE sl.session_id = s.id AND st.trainer_id = t.id) AS withdrawn
                FROM signing_link l JOIN session s ON s.id = l.session_id JOIN module m ON m.id = s.module_id
                JOIN trainer t ON t.id = l.trainer_id
                WHERE l.token_sha256 = sha256(convert_to(\(token), 'UTF8')) AND l.trainer_id IS NOT NULL
                """
            ).first
        else { return nil }
        let (id, session, sessionId, title, organisation, trainerId, trainer, withdrawn) = try row.decode(
            (Int, String, Int, String, String, Int, String, Bool).self)
        return Link(
            id: id, session: session, sessionId: sessionId, sessionTitle: French.typography(title),
            organisation: organisation, trainerId: trainerId, trainer: trainer, withdrawn: withdrawn)
    }

    /// The half-days the link's trainer gives, at `now`, each with every confirmed participant.
    public func halfDays(_ link: Link, at now: Date, window: Signatures.Window) throws -> [HalfDay] {
        let halfDays = try SessionHalfDays(store).of(session: link.session).filter {
            $0.trainers.contains { $0.id == link.trainerId }
        }
        let events = try store.connection.execute(
            """
            SELECT e.slot_id, e.registration_id, e.action, e.status, e.channel, e.acted_at, e.late, e.reason, e.actor
            FROM attendance_evidence e
            WHERE e.session_id = \(link.sessionId) AND e.action IN ('signature', 'mark', 'closing')
              AND (e.registration_id IS NOT NULL OR e.action = 'closing')
            ORDER BY e.position
            """)
        var signatures: [Int: [Int: (Date, Bool, Signatures.Channel)]] = [:]
        var marks: [Int: [Int: (Presence, String?)]] = [:]
        var closings: [Int: (Date, String)] = [:]
        for row in events {
            let slot = try row.decode(Int.self, "slot_id")
            let at = try row.decode(Date.self, "acted_at")
            switch try row.decode(String.self, "action") {
            case "closing": closings[slot] = (at, try row.decode(String.self, "actor"))
            case "signature":
                signatures[slot, default: [:]][try row.decode(Int.self, "registration_id")] = (
                    at, try row.decode(Bool.self, "late"), try row.decode(Signatures.Channel.self, "channel")
                )
            default:
                marks[slot, default: [:]][try row.decode(Int.self, "registration_id")] = (
                    try row.decode(Presence.self, "status"), try row.decode(String?.self, "reason")
                )
            }
        }
        let participants = try confirmed(session: link.sessionId)
        return halfDays.map { halfDay in
            let closing = closings[halfDay.id]
            return HalfDay(
                slot: halfDay.id, startsAt: halfDay.slot.startsAt, endsAt: halfDay.slot.endsAt, date: halfDay.date,
                times: halfDay.times, state: Signatures.state(of: halfDay.slot, at: now, window: window),
                consent:
                    "Je certifie avoir animé «\u{202F}\(halfDay.title)\u{202F}», le \(halfDay.date), \(halfDay.times), et que les présences ci-dessus sont exactes.",
                closedAt: closing?.0, closedBy: closing?.1,
                lines: participants.map { registration, name in
                    let signature = signatures[halfDay.id]?[registration]
                    // Only the marks of the closing say what was certified: before it, a
                    // coordinator's marks from the CLI are not the trainer's.
                    let mark = closing == nil ? nil : marks[halfDay.id]?[registration]
                    return Line(
                        registration: registration, participant: name, signedAt: signature?.0,
                        signedLate: signature?.1 ?? false, channel: signature?.2, presence: mark?.0, reason: mark?.1)
                })
        }
    }

    private func confirmed(session: Int) throws -> [(Int, String)] {
        try store.connection.execute(
            """
            SELECT r.id, p.first_name || ' ' || p.last_name FROM registration r JOIN participant p ON p.id = r.participant_id
            WHERE r.session_id = \(session) AND r.status = 'confirmed' ORDER BY p.last_name, p.first_name, r.id
            """
        ).map { try $0.decode((Int, String).self) }
    }

    /// A confirmed participant signing on the trainer's phone, handed over: their half-days, as
    /// signed through the trainer's link.
    public func participant(_ link: Link, registration: Int) throws -> Signatures.Link? {
        guard
            let participant = try Signatures(store).participant(
                registration: registration, through: link.id, channel: .trainerPhone),
            participant.session == link.session, !participant.withdrawn
        else { return nil }
        return participant
    }

    /// Certifies and closes the half-day `slot`: the trainer's signature, a mark per confirmed
    /// participant (`marks`, else *present* for whoever signed and *absent* for the others),
    /// the closing, and the marks as the slot's attendance — one transaction.
    public func close(
        _ link: Link, slot: Int, marks: [Int: (Presence, String?)], signature: Signatures.Mark,
        client: Signatures.Client, at now: Date = Date(), window: Signatures.Window
    ) throws {
        guard !link.withdrawn else { throw Refusal.withdrawn }
        let (typed, drawn): (String?, Data?)
        do { (typed, drawn) = try Signatures.checked(signature) } catch { throw Refusal.signature(error) }
        try store.connection.write { connection in
            let session = try SessionRow(link.session, on: connection)
            switch session.status {
            case .completed: throw Refusal.frozen
            case .cancelled, .draft: throw Refusal.withdrawn
            case .scheduled: break
            }
            guard let halfDay = try halfDays(link, at: now, window: window).first(where: { $0.slot == slot }) else {
                throw Refusal.unknownHalfDay
            }
            guard halfDay.closedAt == nil else { throw Refusal.alreadyClosed }
            guard halfDay.state != .upcoming else { throw Refusal.notStarted }
            let recorded = Dictionary(
                uniqueKeysWithValues: try connection.execute(
                    "SELECT registration_id, status FROM attendance WHERE slot_id = \(slot)"
                ).map { try $0.decode((Int, AttendanceStatus).self) })
            let certified = try halfDay.lines.map { line in
                let (presence, reason) = marks[line.registration] ?? (line.signedAt == nil ? .absent : .present, nil)
                let why = (try? Field.optional(reason ?? "", "reason", limit: 500)).flatMap { $0.isEmpty ? nil : $0 }
                if presence.needsReason && why == nil { throw Refusal.reasonMissing(line.participant) }
                if let earlier = recorded[line.registration], earlier != presence.attendance {
                    throw Refusal.contradicts(line.participant)
                }
                return Attendances.Mark(registration: line.registration, presence: presence, reason: why)
            }
            do {
                try connection.execute(
                    """
                    INSERT INTO attendance_evidence (session_id, slot_id, trainer_id, action, channel, actor,
                        client_address, user_agent, link_id, consent, typed_name, signature_png, late)
                    VALUES (\(session.id), \(slot), \(link.trainerId), 'signature', 'personal-link', \(link.trainer),
                        \(client.address)::inet, \(client.printableUserAgent), \(link.id), \(halfDay.consent), \(typed),
                        \(drawn), \(now > halfDay.endsAt))
                    """)
                if !certified.isEmpty {
                    try Attendances(store).write(
                        certified, slot: (slot, halfDay.startsAt), of: session, by: link.trainer,
                        channel: .personalLink, correcting: false, trainer: link.trainerId, link: link.id,
                        client: client, on: connection)
                }
                try connection.execute(
                    """
                    INSERT INTO attendance_evidence (session_id, slot_id, trainer_id, action, channel, actor,
                        client_address, user_agent, link_id)
                    VALUES (\(session.id), \(slot), \(link.trainerId), 'closing', 'personal-link', \(link.trainer),
                        \(client.address)::inet, \(client.printableUserAgent), \(link.id))
                    """)
            } catch {
                // Two phones closing the same half-day at once: the second is told it is closed.
                let constraint = (error as? PostgresError)?.constraint
                if constraint == "attendance_evidence_closed_once"
                    || constraint == "attendance_evidence_trainer_signed_once"
                {
                    throw Refusal.alreadyClosed
                }
                throw error
            }
        }
    }
}
