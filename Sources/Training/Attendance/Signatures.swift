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

    /// Through what a signature came: the participant's personal link, the room's code and their
    /// personal code, the trainer's phone handed over, or the coordinator's CLI.
    public enum Channel: String, Sendable, Hashable, Codable {
        case personalLink = "personal-link"
        case roomCode = "room-code"
        case trainerPhone = "trainer-phone"
        case cli
    }

    /// What a personal signing link opens: one registration's half-days.
    public struct Link: Sendable, Hashable {
        /// The signing link the signature comes through: the participant's own, or the trainer's.
        public let id: Int
        public let channel: Channel
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
        /// The trainer has certified and closed it: it takes no more signatures.
        public let closed: Bool

        /// The same half-day, signed at `time` (late when signed in its grace).
        func signed(at time: Date) -> HalfDay {
            HalfDay(
                slot: slot, startsAt: startsAt, endsAt: endsAt, date: date, times: times, consent: consent,
                state: state, signedAt: time, signedLate: state == .late, closed: closed)
        }
    }

    /// Why a signature is not taken.
    public enum Refusal: Error, Sendable, Hashable {
        case withdrawn, notOpen, over, closed, alreadySigned, unknownHalfDay
        case emptyName, blankDrawing, notAnImage
    }

    /// Signature images are small: a phone's canvas, a few strokes.
    public static let imageLimit = 64 * 1024
    /// Past this many pixels a side, a "signature" is an attempt to make the server decode a huge
    /// image from a small file.
    public static let imageSideLimit = 2_000

    /// A participant's new signing link, as the message carrying it prints it: the token of its
    /// address, and the personal code that opens the same page from the room's.
    public struct IssuedLink: Sendable, Hashable {
        public let token: String
        public let personalCode: String
    }

    /// A new signing link for the registration, in the caller's transaction. A personal code
    /// already another link's (about one chance in 10⁵ with a million links) is drawn again.
    public func issueLink(registration: Int) throws -> IssuedLink {
        let token = RandomHex.make(bits: 128)
        for _ in 0..<8 {
            let code = ShortCode.make(length: ShortCode.personalLength)
            let inserted = try store.connection.execute(
                """
                INSERT INTO signing_link (registration_id, token_sha256, personal_code_sha256)
                VALUES (\(registration), sha256(convert_to(\(token), 'UTF8')), sha256(convert_to(\(code), 'UTF8')))
                ON CONFLICT (personal_code_sha256) DO NOTHING RETURNING id
                """)
            if !inserted.isEmpty { return IssuedLink(token: token, personalCode: code) }
        }
        throw TrainingError.tryAgain("No free personal code was found in eight draws: try again.")
    }

    /// The link whose token is `token`, or `nil` — a token of the wrong shape costs no query.
    /// `channel`: the personal link itself, or the room's page on a device that opened it.
    public func link(token: String, channel: Channel = .personalLink) throws -> Link? {
        guard RandomHex.hasShape(token, bits: 128),
            let row = try store.connection.execute(
                """
                SELECT id, registration_id FROM signing_link
                WHERE token_sha256 = sha256(convert_to(\(token), 'UTF8')) AND registration_id IS NOT NULL
                """
            ).first
        else { return nil }
        let (id, registration) = try row.decode((Int, Int).self)
        return try participant(registration: registration, through: id, channel: channel)
    }

    /// The registration's half-days as signed through the signing link `id` by `channel`.
    func participant(registration: Int, through id: Int, channel: Channel) throws -> Link? {
        guard
            let row = try store.connection.execute(
                """
                SELECT s.code, m.title, coalesce((SELECT name FROM organisation LIMIT 1), ''),
                       p.first_name || ' ' || p.last_name AS participant,
                       r.status <> 'confirmed' OR s.status = 'cancelled' AS withdrawn
                FROM registration r JOIN session s ON s.id = r.session_id JOIN module m ON m.id = s.module_id
                JOIN participant p ON p.id = r.participant_id
                WHERE r.id = \(registration)
                """
            ).first
        else { return nil }
        let (session, title, organisation, participant, withdrawn) = try row.decode(
            (String, String, String, String, Bool).self)
        return Link(
            id: id, channel: channel, registration: registration, session: session,
            sessionTitle: French.typography(title), organisation: organisation, participant: participant,
            withdrawn: withdrawn)
    }

    /// The link's half-days at `now`, each with its consent sentence and its signature if any.
    public func halfDays(_ link: Link, at now: Date, window: Window) throws -> [HalfDay] {
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
        return try SessionHalfDays(store).of(session: link.session).map { halfDay in
            let trainers = halfDay.trainers.map(\.name)
            let consent =
                "Je certifie avoir assisté à «\u{202F}\(halfDay.title)\u{202F}», le \(halfDay.date), \(halfDay.times)"
                + (trainers.isEmpty ? "." : ", formation animée par \(French.list(trainers)).")
            return HalfDay(
                slot: halfDay.id, startsAt: halfDay.slot.startsAt, endsAt: halfDay.slot.endsAt, date: halfDay.date,
                times: halfDay.times, consent: consent, state: Self.state(of: halfDay.slot, at: now, window: window),
                signedAt: signed[halfDay.id]?.0, signedLate: signed[halfDay.id]?.1 ?? false, closed: halfDay.closed)
        }
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
        guard !halfDay.closed else { throw Refusal.closed }
        switch halfDay.state {
        case .upcoming: throw Refusal.notOpen
        case .over: throw Refusal.over
        case .open, .late: break
        }
        let (typed, drawn) = try Self.checked(mark)
        let signedAt: Date
        do {
            signedAt = try store.connection.execute(
                """
                INSERT INTO attendance_evidence (session_id, slot_id, registration_id, action, status, channel, actor,
                    client_address, user_agent, link_id, consent, typed_name, signature_png, late)
                SELECT r.session_id, \(slot), r.id, 'signature', 'present', \(link.channel.rawValue), \(link.participant),
                       \(client.address)::inet, \(client.printableUserAgent), \(link.id),
                       \(halfDay.consent), \(typed), \(drawn), \(halfDay.state == .late)
                FROM registration r WHERE r.id = \(link.registration)
                RETURNING acted_at
                """)[0].decode(Date.self, at: 0)
        } catch {
            switch (error as? PostgresError)?.constraint {
            // The same participant signing from two devices at once: the second is told so.
            case "attendance_evidence_signed_once": throw Refusal.alreadySigned
            // The trainer closed the half-day while the participant was signing.
            case "attendance_evidence_signed_before_closing": throw Refusal.closed
            default: throw error
            }
        }
        return halfDay.signed(at: signedAt)
    }

    /// The mark as the record keeps it: the name typed (NFC, one line) or the PNG drawn, checked.
    static func checked(_ mark: Mark) throws(Refusal) -> (typed: String?, drawn: Data?) {
        switch mark {
        case .typed(let name):
            guard let name = try? Field.required(name, "name", limit: 200) else { throw .emptyName }
            return (name, nil)
        case .drawn(let png):
            try check(png)
            return (nil, Data(png))
        }
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
