import Foundation
import Postgres

/// Writes the letter of one registration: who, which session, where and when, in French.
public struct Letters {
    let store: Store
    var connection: Connection { store.connection }
    /// Sessions and venues this value has read: a message reads its session and venue for the
    /// letter, then again for its calendar invite, in the same transaction.
    private let reads = Reads()

    public init(_ store: Store) { self.store = store }

    private final class Reads {
        var sessions: [String: Session] = [:]
        var venues: [String: Venue] = [:]
    }

    private func readSession(_ code: String) throws -> Session {
        if let known = reads.sessions[code] { return known }
        let session = try Sessions(store).session(code)
        reads.sessions[code] = session
        return session
    }

    private func readVenue(_ code: String) throws -> Venue {
        if let known = reads.venues[code] { return known }
        let venue = try Catalogue(store).venue(code)
        reads.venues[code] = venue
        return venue
    }

    /// The registration's participant and session as its messages show them, plus what `kind`
    /// adds: the reminder's delay, the waitlist position, the questionnaire link.
    public func letter(
        _ kind: JobKind, registration: Int, daysBefore: Int? = nil, questionnaireLink: String? = nil,
        signing: Letter.Signing? = nil, slot: Int? = nil
    ) throws -> Letter {
        guard
            let row = try connection.execute(
                """
                SELECT p.first_name, p.last_name, p.email, s.code,
                       (SELECT count(*) FROM registration w WHERE w.session_id = r.session_id AND w.status = 'waitlisted'
                          AND (w.registered_at, w.id) <= (r.registered_at, r.id)) AS position
                FROM registration r JOIN participant p ON p.id = r.participant_id JOIN session s ON s.id = r.session_id
                WHERE r.id = \(registration)
                """
            ).first
        else {
            throw TrainingError.notFound("No registration has the id \(registration).")
        }
        let (firstName, lastName, email, code, position) = try row.decode((String, String, String, String, Int).self)
        return Letter(
            participant: Letter.Person(firstName: firstName, lastName: lastName, email: email),
            session: try session(code),
            organisation: try organisation(),
            reminder: kind.providesReminder
                ? daysBefore.map { Letter.Reminder(daysBefore: $0, when: $0 == 1 ? "demain" : "dans \($0) jours") }
                : nil,
            waitlist: kind.providesWaitlist ? Letter.Waitlist(position: max(position, 1)) : nil,
            questionnaireLink: kind.providesQuestionnaireLink ? questionnaireLink : nil,
            signingLink: kind.providesSigningLink ? signing?.link : nil,
            personalCode: kind.providesSigningLink ? signing.map { ShortCode.grouped($0.personalCode) } : nil,
            halfDay: kind.providesHalfDay ? try slot.flatMap(halfDay) : nil,
            certificate: kind == .certificate ? try certificateNote(registration: registration) : nil)
    }

    /// What the latest certificate states, or would state if none is issued yet (a preview).
    private func certificateNote(registration: Int) throws -> Letter.CertificateNote {
        let row = try connection.execute(
            """
            SELECT coalesce(c.attended_minutes, (SELECT sum(sl.minutes) FROM attendance a JOIN slot sl ON sl.id = a.slot_id
                                                 WHERE a.registration_id = \(registration) AND a.status = 'present'), 0)::bigint,
                   coalesce(c.version, 1), coalesce(c.withdrawn, false)
            FROM (SELECT 1) AS one
            LEFT JOIN LATERAL (SELECT attended_minutes, version, withdrawn FROM certificate
                               WHERE registration_id = \(registration) ORDER BY version DESC LIMIT 1) AS c ON true
            """)[0]
        let (minutes, version, withdrawn) = try row.decode((Int, Int, Bool).self)
        return Letter.CertificateNote(
            hours: French.duration(minutes: minutes), replacesEarlier: version > 1, withdrawn: withdrawn)
    }

    /// The half-day of `slot` as a letter gives it, or `nil` when the slot is gone.
    private func halfDay(_ slot: Int) throws -> Letter.Day? {
        try connection.execute("SELECT starts_at, ends_at FROM slot WHERE id = \(slot)").first.flatMap { row in
            let (start, end) = try row.decode((Date, Date).self)
            return Letter.Day.days(of: [(start, end)], in: store.timeZone).first
        }
    }

    /// Why a signature request should no longer go: the half-day cancelled or over, or signed.
    public func reasonNotToRequestSignature(registration: Int, slot: Int) throws -> String? {
        guard
            let row = try connection.execute(
                """
                SELECT sl.cancelled, sl.ends_at < now() AS over,
                       EXISTS (SELECT 1 FROM attendance_evidence e WHERE e.registration_id = \(registration)
                               AND e.slot_id = sl.id AND e.action = 'signature') AS signed
                FROM slot sl WHERE sl.id = \(slot)
                """
            ).first
        else { return "the half-day no longer exists" }
        let (cancelled, over, signed) = try row.decode((Bool, Bool, Bool).self)
        if cancelled { return "the half-day was cancelled" }
        if signed { return "the participant has signed the half-day" }
        if over { return "the half-day is over" }
        return nil
    }

    /// Why the invitation of the last half-day `slot` should not go: the half-day is cancelled,
    /// over, or no longer the session's last (a rescheduling queued the new last one's).
    public func reasonNotToInviteAtLastHalfDay(slot: Int) throws -> String? {
        guard
            let row = try connection.execute(
                """
                SELECT sl.cancelled, sl.ends_at < now() AS over,
                       EXISTS (SELECT 1 FROM slot later WHERE later.session_id = sl.session_id AND NOT later.cancelled
                               AND later.starts_at > sl.starts_at) AS followed
                FROM slot sl WHERE sl.id = \(slot)
                """
            ).first
        else { return "the half-day no longer exists" }
        let (cancelled, over, followed) = try row.decode((Bool, Bool, Bool).self)
        if cancelled { return "the half-day was cancelled" }
        if over { return "the half-day is over" }
        if followed { return "the half-day is no longer the session's last" }
        return nil
    }

    /// Why a message of `kind` should no longer go to the registration, or `nil`: a convocation
    /// for a registration cancelled since, a waitlist notice after a promotion.
    public func reasonNotToSend(_ kind: JobKind, registration: Int) throws -> String? {
        guard
            let row = try connection.execute(
                """
                SELECT r.status, s.status FROM registration r JOIN session s ON s.id = r.session_id WHERE r.id = \(registration)
                """
            ).first
        else { return "the registration \(registration) no longer exists" }
        let (status, sessionStatus) = try row.decode((Registration.Status, Session.Status).self)
        if kind == .certificate && sessionStatus != .completed {
            return "the session is \(sessionStatus.rawValue), not completed"
        }
        let expected: Registration.Status? =
            switch kind {
            case .waitlistNotice: .waitlisted
            case .cancellationNotice: nil
            default: .confirmed
            }
        if let expected, status != expected { return "the registration is \(status.rawValue) now" }
        if kind != .cancellationNotice && sessionStatus == .cancelled { return "the session was cancelled" }
        return nil
    }

    func session(_ code: String) throws -> Letter.Session {
        let session = try readSession(code)
        let catalogue = Catalogue(store)
        let module = try catalogue.module(session.module)
        let programme = try catalogue.programme(ofSession: session.code)
        let zone = store.timeZone
        let venueCodes = Array(Set(session.slots.compactMap(\.venue)))
        let venue = try venueCodes.count == 1 ? readVenue(venueCodes[0]) : nil
        var trainerCodes: [String] = []
        for code in session.slots.flatMap(\.trainers) where !trainerCodes.contains(code) { trainerCodes.append(code) }
        let trainers = try trainerCodes.map { try catalogue.trainer($0).name }
        let parts = session.parts.map { part in
            let days = Letter.Day.days(of: part.slots.map { ($0.startsAt, $0.endsAt) }, in: zone)
            return Letter.Part(number: part.position, title: French.typography(part.title), days: days)
        }
        return Letter.Session(
            code: session.code, title: French.typography(session.moduleTitle),
            objectives: programme.objectives.map(French.typography), hasObjectives: !programme.objectives.isEmpty,
            whatToBring: module.whatToBring.nonEmpty.map(French.typography),
            hours: French.hours(minutes: session.plannedMinutes),
            firstDay: session.firstDay.map { French.date($0, in: zone) } ?? "", parts: parts, inParts: parts.count > 1,
            venue: venue.map {
                Letter.Place(
                    name: French.typography($0.name), address: $0.address,
                    accessNotes: $0.accessNotes.nonEmpty.map(French.typography), stepFree: $0.isStepFree)
            },
            trainers: trainers.isEmpty ? nil : French.list(trainers))
    }

    func organisation() throws -> Letter.Organisation {
        let organisation = try OrganisationRecord(store).current()
        return Letter.Organisation(
            name: organisation?.name ?? "", email: organisation?.email.nonEmpty, phone: organisation?.phone,
            disabilityReferent: organisation?.disabilityReferentName.map {
                Letter.Referent(
                    name: $0, email: organisation?.disabilityReferentEmail, phone: organisation?.disabilityReferentPhone
                )
            },
            pedagogicalContact: organisation?.pedagogicalContactName.map {
                Letter.Referent(
                    name: $0, email: organisation?.pedagogicalContactEmail, phone: organisation?.pedagogicalContactPhone
                )
            },
            administrativeContact: organisation?.administrativeContactName.map {
                Letter.Referent(
                    name: $0, email: organisation?.administrativeContactEmail,
                    phone: organisation?.administrativeContactPhone)
            })
    }
}

extension String {
    /// `nil` for an empty text: a template's section then shows nothing rather than a blank.
    var nonEmpty: String? { isEmpty ? nil : self }
}

/// One part of a session as a calendar entry: from its first slot's start to its last slot's end.
public struct Appointment: Sendable, Hashable {
    /// Stable across reschedulings: `registration-42-part-1`.
    public let key: String
    public let start: Date
    public let end: Date
    public let summary: String
    public let location: String?
    public let description: String
}

extension Letters {
    /// The registration's calendar entries, one per part, and their version: how many times the
    /// session was rescheduled, so that a calendar replaces the entries it has.
    public func appointments(registration: Int) throws -> (version: Int, parts: [Appointment]) {
        guard
            let row = try connection.execute(
                """
                SELECT s.code, (SELECT count(*) FROM event e WHERE e.name = 'session.rescheduled' AND (e.payload ->> 'sessionId')::bigint = s.id)
                FROM registration r JOIN session s ON s.id = r.session_id WHERE r.id = \(registration)
                """
            ).first
        else {
            throw TrainingError.notFound("No registration has the id \(registration).")
        }
        let (code, version) = try row.decode((String, Int).self)
        let session = try readSession(code)
        let parts = try session.parts.compactMap { part -> Appointment? in
            guard let first = part.slots.first, let last = part.slots.last else { return nil }
            let venue = try first.venue.map(readVenue)
            let zone = store.timeZone
            let days = part.slots.map {
                "\(French.date($0.startsAt, in: zone)) de \(French.time($0.startsAt, in: zone)) à \(French.time($0.endsAt, in: zone))"
            }
            return Appointment(
                key: "registration-\(registration)-part-\(part.position)", start: first.startsAt, end: last.endsAt,
                summary: session.parts.count > 1 ? "\(session.moduleTitle) — \(part.title)" : session.moduleTitle,
                location: venue.map { "\($0.name), \($0.address)" }, description: days.joined(separator: "\n"))
        }
        return (version, parts)
    }
}
