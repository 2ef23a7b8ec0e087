import Foundation
import Postgres

/// Registering participants: capacity, the FIFO waitlist, cancellation and promotion, funding.
public struct Registrations {
    let store: Store
    var connection: Connection { store.connection }

    public init(_ store: Store) { self.store = store }

    /// Registers the participant: confirmed while seats remain, waitlisted after. The session's
    /// row lock makes two coordinators taking the last seat at once end with one of each.
    public func register(_ email: EmailAddress, in sessionCode: String, funding: FundingChoice? = nil) throws
        -> Registration
    {
        try connection.write { connection in
            let session = try SessionRow(sessionCode, on: connection)
            let code = sessionCode.typedCode
            guard session.isOpen else {
                throw TrainingError.refused(
                    "The session \(code) is \(session.status.rawValue): it takes no more registrations.")
            }
            let participantID = try self.participantID(email, on: connection)
            let existing = try connection.execute(
                """
                SELECT status FROM registration
                WHERE session_id = \(session.id) AND participant_id = \(participantID) AND status <> 'cancelled'
                """)
            if let row = existing.first {
                let status = try row.decode(Registration.Status.self, at: 0)
                throw TrainingError.refused(
                    "\(email) is already registered for the session \(code) (\(status.rawValue)).")
            }
            let agreementID = try funding.map {
                try self.agreementID(for: $0, session: session.id, code: code, on: connection)
            }
            let confirmed = try connection.execute(
                """
                SELECT count(*) FROM registration WHERE session_id = \(session.id) AND status = 'confirmed'
                """)[0].decode(Int.self, at: 0)
            let status: Registration.Status = confirmed < session.capacity ? .confirmed : .waitlisted
            let registrationID = try connection.execute(
                """
                INSERT INTO registration (session_id, participant_id, status, funding_agreement_id)
                VALUES (\(session.id), \(participantID), \(status), \(agreementID))
                RETURNING id
                """)[0].decode(Int.self, at: 0)
            try EventLog.append(
                RegistrationEvent(
                    change: status == .confirmed ? .confirmed : .waitlisted, session: code, sessionId: session.id,
                    registrationId: registrationID, participantId: participantID, email: email.text),
                on: connection, jobs: store.jobs)
            guard
                let registration = try allRegistrations(ofSession: code).first(where: {
                    $0.participant.email == email && $0.status == status
                })
            else {
                throw TrainingError.notFound(
                    "The registration of \(email) for the session \(code) just made cannot be read back.")
            }
            return registration
        }
    }

    /// Cancels the registration; a confirmed seat goes to the first person waiting, in the same
    /// transaction. Returns who was promoted, if anyone.
    @discardableResult
    public func cancel(_ email: EmailAddress, in sessionCode: String) throws -> Participant? {
        try connection.write { connection in
            let session = try SessionRow(sessionCode, on: connection)
            let code = sessionCode.typedCode
            guard session.isOpen else {
                throw TrainingError.refused(
                    "The session \(code) is \(session.status.rawValue): its registrations are closed.")
            }
            let participantID = try self.participantID(email, on: connection)
            let found = try connection.execute(
                """
                SELECT id, status FROM registration
                WHERE session_id = \(session.id) AND participant_id = \(participantID) AND status <> 'cancelled'
                """)
            guard let row = found.first else {
                throw TrainingError.notFound("\(email) is not registered for the session \(code).")
            }
            let (registrationID, previous) = try row.decode((Int, String).self)
            try connection.execute(
                """
                UPDATE registration SET status = 'cancelled', cancelled_at = now() WHERE id = \(registrationID)
                """)
            try EventLog.append(
                RegistrationEvent(
                    change: .cancelled, session: code, sessionId: session.id, registrationId: registrationID,
                    participantId: participantID, email: email.text), on: connection, jobs: store.jobs)
            guard previous == "confirmed" else { return nil }
            return try promoteFirstWaiting(session: session.id, code: code, on: connection)
        }
    }

    private func promoteFirstWaiting(session: Int, code: String, on connection: Connection) throws -> Participant? {
        let promoted = try connection.execute(
            """
            UPDATE registration SET status = 'confirmed'
            WHERE id = (SELECT id FROM registration WHERE session_id = \(session) AND status = 'waitlisted'
                        ORDER BY registered_at, id LIMIT 1)
            RETURNING id, participant_id, (SELECT email FROM participant WHERE id = participant_id)
            """)
        guard let row = promoted.first else { return nil }
        let (registrationID, participantID, text) = try row.decode((Int, Int, String).self)
        let email = try EmailAddress(text)
        try EventLog.append(
            RegistrationEvent(
                change: .promoted, session: code, sessionId: session, registrationId: registrationID,
                participantId: participantID, email: email.text), on: connection, jobs: store.jobs)
        return try People(store).participant(email)
    }

    /// The id of the participant's registration for the session (cancelled ones last), which
    /// jobs and `atelier mail preview` name.
    public func id(of email: EmailAddress, in sessionCode: String) throws -> Int {
        guard
            let row = try connection.execute(
                """
                SELECT r.id FROM registration r JOIN session s ON s.id = r.session_id JOIN participant p ON p.id = r.participant_id
                WHERE s.code = \(sessionCode.typedCode) AND p.email = \(email.text)
                ORDER BY r.status = 'cancelled', r.id DESC LIMIT 1
                """
            ).first
        else {
            throw TrainingError.notFound("\(email) has no registration for the session \(sessionCode.typedCode).")
        }
        return try row.decode(Int.self, at: 0)
    }

    /// The session's registrations: confirmed first, then the waitlist in its order, then the
    /// cancelled ones; by name within each.
    public func registrations(ofSession code: String) throws -> [Registration] {
        _ = try SessionRow(code, on: connection, locking: false)
        return try allRegistrations(ofSession: code.typedCode)
    }

    /// The same, handed to `body` in batches as they come from the database; `page.after` is the
    /// email of the participant whose registration the page starts after (their current one, as
    /// `id(of:in:)` finds it).
    public func registrations(ofSession code: String, _ page: ListPage, _ body: ([Registration]) throws -> Void)
        throws -> ListEnd
    {
        _ = try SessionRow(code, on: connection, locking: false)
        let after = try page.after.map { try id(of: EmailAddress($0), in: code) }
        let typed = code.typedCode
        return try store.stream(
            query(ofSession: typed, page, after: after), page, key: \.participant.email.text,
            decode: { try decode($0, session: typed) }, body)
    }

    /// Every registration of the session, whose code is already typed: a few hundred at most,
    /// read with one statement.
    private func allRegistrations(ofSession code: String) throws -> [Registration] {
        try store.read(query(ofSession: code, .all, after: nil)) { try decode($0, session: code) }
    }

    private func query(ofSession code: String, _ page: ListPage, after: Int?) -> PostgresQuery {
        // The list's order, also the key a page starts after (`r.id` last: a participant
        // registered again after cancelling has two rows).
        let order = """
            array_position(ARRAY['confirmed', 'waitlisted', 'cancelled'], r.status),
            CASE WHEN r.status = 'waitlisted' THEN r.registered_at ELSE '-infinity' END,
            p.last_name, p.first_name, p.email, r.id
            """
        return """
            SELECT \(unescaped: Participant.columns), r.status AS registration_status, r.registered_at, f.reference,
                   (SELECT CASE WHEN d.state = 'refused' THEN d.kind || ': ' || d.reply END FROM delivery d
                    WHERE d.registration_id = r.id AND d.channel = 'mail' ORDER BY d.sent_at DESC, d.id DESC LIMIT 1) AS mail_refused
            FROM registration r JOIN session s ON s.id = r.session_id JOIN participant p ON p.id = r.participant_id
            LEFT JOIN employer e ON e.id = p.employer_id
            LEFT JOIN funding_agreement f ON f.id = r.funding_agreement_id
            WHERE s.code = \(code)
              AND (\(after) IS NULL
                   OR (\(unescaped: order)) > (SELECT \(unescaped: order) FROM registration r
                                               JOIN participant p ON p.id = r.participant_id WHERE r.id = \(after)))
            ORDER BY \(unescaped: order)
            LIMIT \(page.fetchLimit)
            """
    }

    private func decode(_ rows: QueryResult, session code: String) throws -> [Registration] {
        try rows.map { row in
            Registration(
                session: code, participant: try Participant(row: row),
                status: try row.decode(Registration.Status.self, "registration_status"),
                registeredAt: try row.decode(Date.self, "registered_at"),
                funding: try row.decode(String?.self, "reference"),
                mailRefused: try row.decode(String?.self, "mail_refused"))
        }
    }

    private func participantID(_ email: EmailAddress, on connection: Connection) throws -> Int {
        guard let row = try connection.execute("SELECT id FROM participant WHERE email = \(email.text)").first else {
            throw TrainingError.notFound("No participant has the email \(email).")
        }
        return try row.decode(Int.self, at: 0)
    }

    private func agreementID(for choice: FundingChoice, session: Int, code: String, on connection: Connection) throws
        -> Int
    {
        switch choice {
        case .existing(let reference):
            guard
                let row = try connection.execute(
                    """
                    SELECT id FROM funding_agreement WHERE session_id = \(session) AND reference = \(reference.typedCode)
                    """
                ).first
            else {
                throw TrainingError.notFound("The session \(code) has no funding agreement \(reference.typedCode).")
            }
            return try row.decode(Int.self, at: 0)
        case .new(let agreement):
            return try Funding(store).insert(agreement, session: session, on: connection).id
        }
    }
}
