import Documents
import Foundation
import Postgres

/// Participants signing the half-days of their session from their personal link (`/s/<token>`):
/// each signature a record of the attendance evidence, with the sentence the participant agreed
/// to in the session's own words.
public struct Signatures {
    let store: Store

    public init(_ store: Store) { self.store = store }

    /// When a half-day takes signatures: from `opensMinutesBefore` its start to
    /// `graceMinutesAfter` its end; a signature after the end is kept and marked late.
    public struct Window: Sendable, Hashable {
        public var opensMinutesBefore: Int
        public var graceMinutesAfter: Int

        public init(opensMinutesBefore: Int, graceMinutesAfter: Int) {
            self.opensMinutesBefore = opensMinutesBefore
            self.graceMinutesAfter = graceMinutesAfter
        }
    }

    /// What a personal signing link opens: one registration's half-days.
    public struct Link: Sendable, Hashable {
        public let id: Int
        public let registration: Int
        public let session: String
        /// The module's title, typeset in French.
        public let sessionTitle: String
        public let organisation: String
        public let participant: String
        /// The registration is no longer confirmed, or the session cancelled.
        public let withdrawn: Bool
    }

    /// A signature as a person gives it: drawn (a PNG), or their name typed.
    public enum Mark: Sendable, Hashable {
        case drawn([UInt8])
        case typed(String)
    }

    /// Who the server saw sign: the client's address and what its browser calls itself.
    public struct Client: Sendable, Hashable {
        public let address: String?
        public let userAgent: String?

        /// `address` is kept only when it is an IPv4 or IPv6 address (a proxy's header could hold
        /// anything, and the record's column is `inet`).
        public init(address: String?, userAgent: String?) {
            self.address = address.flatMap { Self.isIPAddress($0) ? $0 : nil }
            self.userAgent = userAgent
        }

        static func isIPAddress(_ text: String) -> Bool {
            var buffer = [UInt8](repeating: 0, count: 16)
            return inet_pton(AF_INET, text, &buffer) == 1 || inet_pton(AF_INET6, text, &buffer) == 1
        }

        /// What the browser calls itself, as the record keeps it: NFC, one line (control
        /// characters and line separators dropped), at most 500 characters; `nil` when empty.
        var printableUserAgent: String? {
            let kept = String(
                String.UnicodeScalarView(
                    (userAgent ?? "").nfc.unicodeScalars.filter {
                        ![.control, .lineSeparator, .paragraphSeparator].contains($0.properties.generalCategory)
                    }))
            let trimmed = String(kept.trimmingCharacters(in: .whitespaces).prefix(500))
            return trimmed.isEmpty ? nil : trimmed
        }
    }

    /// One half-day as the signing page shows it.
    public struct HalfDay: Sendable, Hashable {
        public enum State: String, Sendable, Hashable {
            /// Not open yet, open, open after its end (a signature is late), closed to signatures.
            case upcoming, open, late, over
        }

        public let slot: Int
        public let startsAt: Date
        public let endsAt: Date
        /// « lundi 5 avril 2027 », « de 9 h à 12 h 30 ».
        public let date: String
        public let times: String
        /// « Je certifie avoir assisté à « … », le …, de … à …, formation animée par …. »
        public let consent: String
        public let state: State
        public let signedAt: Date?
        public let signedLate: Bool

        /// The same half-day, signed at `time` (late when signed in its grace).
        func signed(at time: Date) -> HalfDay {
            HalfDay(
                slot: slot, startsAt: startsAt, endsAt: endsAt, date: date, times: times, consent: consent,
                state: state, signedAt: time, signedLate: state == .late)
        }
    }

    /// Why a signature is not taken.
    public enum Refusal: Error, Sendable, Hashable {
        case withdrawn, notOpen, over, alreadySigned, unknownHalfDay
        case emptyName, blankDrawing, notAnImage
    }

    /// Signature images are small: a phone's canvas, a few strokes.
    public static let imageLimit = 64 * 1024
    /// Past this many pixels a side, a "signature" is an attempt to make the server decode a huge
    /// image from a small file.
    public static let imageSideLimit = 2_000

    /// A new token for the registration's personal signing link, in the caller's transaction.
    public func issueLink(registration: Int) throws -> String {
        let token = RandomHex.make(bits: 128)
        try store.connection.execute(
            """
            INSERT INTO signing_link (registration_id, token_sha256)
            VALUES (\(registration), sha256(convert_to(\(token), 'UTF8')))
            """)
        return token
    }

    /// The link whose token is `token`, or `nil` — a token of the wrong shape costs no query.
    public func link(token: String) throws -> Link? {
        guard RandomHex.hasShape(token, bits: 128) else { return nil }
        guard
            let row = try store.connection.execute(
                """
                SELECT l.id, l.registration_id, s.code, m.title, coalesce((SELECT name FROM organisation LIMIT 1), ''),
                       p.first_name || ' ' || p.last_name AS participant,
                       r.status <> 'confirmed' OR s.status = 'cancelled' AS withdrawn
                FROM signing_link l JOIN registration r ON r.id = l.registration_id
                JOIN session s ON s.id = r.session_id JOIN module m ON m.id = s.module_id
                JOIN participant p ON p.id = r.participant_id
                WHERE l.token_sha256 = sha256(convert_to(\(token), 'UTF8'))
                """
            ).first
        else { return nil }
        let (id, registration, session, title, organisation, participant, withdrawn) = try row.decode(
            (Int, Int, String, String, String, String, Bool).self)
        return Link(
            id: id, registration: registration, session: session, sessionTitle: French.typography(title),
            organisation: organisation, participant: participant, withdrawn: withdrawn)
    }

    /// The link's half-days at `now`, each with its consent sentence and its signature if any.
    public func halfDays(_ link: Link, at now: Date, window: Window) throws -> [HalfDay] {
        let session = try Sessions(store).session(link.session)
        let catalogue = Catalogue(store)
        var trainerNames: [String: String] = [:]
        for code in session.slots.flatMap(\.trainers) where trainerNames[code] == nil {
            trainerNames[code] = try catalogue.trainer(code).name
        }
        let signed = try store.connection.execute(
            """
            SELECT slot_id, acted_at, late FROM attendance_evidence
            WHERE registration_id = \(link.registration) AND action = 'signature'
            """
        ).reduce(into: [Int: (Date, Bool)]()) { signed, row in
            signed[try row.decode(Int.self, "slot_id")] = (
                try row.decode(Date.self, "acted_at"), try row.decode(Bool.self, "late")
            )
        }
        let ids = try slotIDs(session: link.session)
        let zone = store.timeZone
        return session.slots.compactMap { slot in
            guard let id = ids[slot.startsAt] else { return nil }
            let date = French.date(slot.startsAt, in: zone)
            let times = "de \(French.time(slot.startsAt, in: zone)) à \(French.time(slot.endsAt, in: zone))"
            let trainers = slot.trainers.compactMap { trainerNames[$0] }
            let consent =
                "Je certifie avoir assisté à «\u{202F}\(French.typography(session.moduleTitle))\u{202F}», le \(date), \(times)"
                + (trainers.isEmpty ? "." : ", formation animée par \(French.list(trainers)).")
            return HalfDay(
                slot: id, startsAt: slot.startsAt, endsAt: slot.endsAt, date: date, times: times, consent: consent,
                state: Self.state(of: slot, at: now, window: window), signedAt: signed[id]?.0,
                signedLate: signed[id]?.1 ?? false)
        }
    }

    /// The ids of the session's slots by their start: two slots of a session never overlap.
    private func slotIDs(session code: String) throws -> [Date: Int] {
        try store.connection.execute(
            "SELECT sl.starts_at, sl.id FROM slot sl JOIN session s ON s.id = sl.session_id WHERE s.code = \(code)"
        ).reduce(into: [:]) { ids, row in ids[try row.decode(Date.self, at: 0)] = try row.decode(Int.self, at: 1) }
    }

    static func state(of slot: Session.Slot, at now: Date, window: Window) -> HalfDay.State {
        if now < slot.startsAt.addingTimeInterval(-60 * Double(window.opensMinutesBefore)) { return .upcoming }
        if now <= slot.endsAt { return .open }
        if now <= slot.endsAt.addingTimeInterval(60 * Double(window.graceMinutesAfter)) { return .late }
        return .over
    }

    /// Records the signature of the link's participant for the half-day `slot`, as a record of
    /// the attendance evidence; returns the half-day signed.
    public func sign(
        _ link: Link, slot: Int, mark: Mark, client: Client, at now: Date = Date(), window: Window
    ) throws -> HalfDay {
        guard !link.withdrawn else { throw Refusal.withdrawn }
        guard let halfDay = try halfDays(link, at: now, window: window).first(where: { $0.slot == slot }) else {
            throw Refusal.unknownHalfDay
        }
        guard halfDay.signedAt == nil else { throw Refusal.alreadySigned }
        switch halfDay.state {
        case .upcoming: throw Refusal.notOpen
        case .over: throw Refusal.over
        case .open, .late: break
        }
        var typed: String?
        var drawn: [UInt8]?
        switch mark {
        case .typed(let name):
            guard let name = try? Field.required(name, "name", limit: 200) else { throw Refusal.emptyName }
            typed = name
        case .drawn(let png):
            try Self.check(png)
            drawn = png
        }
        let signedAt: Date
        do {
            signedAt = try store.connection.execute(
                """
                INSERT INTO attendance_evidence (session_id, slot_id, registration_id, action, status, channel, actor,
                    client_address, user_agent, link_id, consent, typed_name, signature_png, late)
                SELECT r.session_id, \(slot), r.id, 'signature', 'present', 'personal-link', \(link.participant),
                       \(client.address)::inet, \(client.printableUserAgent), \(link.id),
                       \(halfDay.consent), \(typed), \(drawn.map { Data($0) }), \(halfDay.state == .late)
                FROM registration r WHERE r.id = \(link.registration)
                RETURNING acted_at
                """)[0].decode(Date.self, at: 0)
        } catch {
            // The same participant signing from two devices at once: the second is told so.
            if (error as? PostgresError)?.constraint == "attendance_evidence_signed_once" {
                throw Refusal.alreadySigned
            }
            throw error
        }
        return halfDay.signed(at: signedAt)
    }

    /// A drawn signature is a PNG of at most 64 KiB and 2 000 pixels a side, that decodes, with
    /// something drawn on it.
    static func check(_ png: [UInt8]) throws(Refusal) {
        let magic: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        guard png.count <= imageLimit, png.count > 24, Array(png[0..<8]) == magic,
            Array(png[12..<16]) == Array("IHDR".utf8)
        else { throw .notAnImage }
        let side = { (offset: Int) in png[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
        guard (1...imageSideLimit).contains(side(16)), (1...imageSideLimit).contains(side(20)) else {
            throw .notAnImage
        }
        guard let image = try? PNGImage(png) else { throw .notAnImage }
        guard image.hasInk else { throw .blankDrawing }
    }
}
