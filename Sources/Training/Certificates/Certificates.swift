import Foundation
import Postgres

/// Issues, keeps and finds certificats de réalisation.
public struct Certificates {
    let store: Store
    /// The organisation's stamp (a PNG) that certificates carry, if it has one.
    let stamp: [UInt8]?
    var connection: Connection { store.connection }

    public init(_ store: Store, stamp: [UInt8]? = nil) {
        self.store = store
        self.stamp = stamp
    }

    /// What issuing found: a new version, the latest one, which already states the minutes
    /// attended, or a withdrawal.
    public enum Issue: Sendable {
        case issued(Certificate)
        case unchanged(Certificate)
        /// A correction left the participant no minute attended: the certificate they were sent
        /// is withdrawn by this new version, which they are told of.
        case withdrawn(Certificate)
        /// The participant attended nothing and holds no certificate: there is nothing to do.
        case nothingAttended
    }

    /// Issues the registration's certificate in the current transaction (the job's): a first
    /// version, a new one when a correction changed the minutes attended since the last, or the
    /// version that withdraws it when a correction left none.
    public func issue(registration: Int, at now: Date = Date()) throws -> Issue {
        try connection.transaction { connection in
            let facts = try CertificateFacts.load(registration: registration, on: connection)
            guard facts.attendedMinutes > 0 else {
                guard let version = facts.lastVersion, facts.lastAttendedMinutes != 0 else { return .nothingAttended }
                try connection.execute(
                    """
                    INSERT INTO certificate (registration_id, version, attended_minutes, withdrawn, issued_at)
                    VALUES (\(registration), \(version + 1), 0, true, \(now))
                    """)
                return .withdrawn(
                    Certificate(
                        facts: facts, version: version + 1, withdrawn: true, issuedAt: now, sha256: nil, pdf: []))
            }
            if let version = facts.lastVersion, facts.lastAttendedMinutes == facts.attendedMinutes {
                return .unchanged(try stored(registration: registration, version: version, on: connection))
            }
            let version = (facts.lastVersion ?? 0) + 1
            let pdf = try CertificateDocument(
                facts: facts, organisation: try organisation(), version: version,
                issuedAt: now, timeZone: store.timeZone, stamp: stamp
            ).render()
            // The PDF travels once; the database computes its checksum.
            let sha256 = try connection.execute(
                """
                INSERT INTO certificate (registration_id, version, attended_minutes, pdf, sha256, issued_at)
                SELECT \(registration), \(version), \(facts.attendedMinutes), file.pdf, sha256(file.pdf), \(now)
                FROM (SELECT \(Data(pdf))::bytea AS pdf) AS file
                RETURNING encode(sha256, 'hex')
                """)[0].decode(String.self, at: 0)
            return .issued(
                Certificate(facts: facts, version: version, withdrawn: false, issuedAt: now, sha256: sha256, pdf: pdf))
        }
    }

    /// The certificate the registration would get now, built but not stored: for a preview.
    public func draft(registration: Int, at now: Date = Date()) throws -> Certificate? {
        try connection.transaction { connection in
            let facts = try CertificateFacts.load(registration: registration, on: connection)
            guard facts.attendedMinutes > 0 else { return nil }
            let version =
                facts.lastAttendedMinutes == facts.attendedMinutes
                ? facts.lastVersion ?? 1 : (facts.lastVersion ?? 0) + 1
            let pdf = try CertificateDocument(
                facts: facts, organisation: try organisation(), version: version,
                issuedAt: now, timeZone: store.timeZone, stamp: stamp
            ).render()
            return Certificate(facts: facts, version: version, withdrawn: false, issuedAt: now, sha256: nil, pdf: pdf)
        }
    }

    /// The latest version of each certificate of the session (or of one participant's), by name:
    /// those in force, a withdrawn one left out.
    public func latest(session code: String, participant email: EmailAddress? = nil) throws -> [Certificate] {
        let session = try SessionRow(code, on: connection, locking: false)
        let latest = try connection.execute(
            """
            SELECT DISTINCT ON (p.last_name, p.first_name, p.email) c.registration_id, c.version, c.withdrawn, c.issued_at
            FROM certificate c JOIN registration r ON r.id = c.registration_id JOIN participant p ON p.id = r.participant_id
            WHERE r.session_id = \(session.id) AND (\(email?.text)::text IS NULL OR p.email = \(email?.text))
            ORDER BY p.last_name, p.first_name, p.email, c.version DESC
            """)
        let rows = try latest.filter { try !$0.decode(Bool.self, "withdrawn") }
        if rows.isEmpty, let email, let withdrawal = latest.first {
            let day = French.day(LocalDate(try withdrawal.decode(Date.self, "issued_at"), in: store.timeZone))
            throw TrainingError.notFound(
                "The certificate of \(email) for the session \(session.code) was withdrawn on \(day), after a correction of the attendance: there is none to export."
            )
        }
        if rows.isEmpty, let email {
            _ = try Registrations(store).id(of: email, in: session.code)
            throw TrainingError.notFound("No certificate has been issued to \(email) for the session \(session.code).")
        }
        if rows.isEmpty, !latest.isEmpty {
            throw TrainingError.notFound(
                "Every certificate of the session \(session.code) was withdrawn after a correction of the attendance: there is none to export."
            )
        }
        if rows.isEmpty {
            throw TrainingError.notFound(
                "No certificate has been issued for the session \(session.code) yet: the worker issues them once it is completed."
            )
        }
        return try rows.map { row in
            try stored(
                registration: try row.decode(Int.self, "registration_id"), version: try row.decode(Int.self, "version"),
                on: connection)
        }
    }

    /// Every version of every certificate of the session, oldest first, without their PDF: what
    /// `certificate list` shows.
    public func versions(session code: String) throws -> [Certificate] {
        let session = try SessionRow(code, on: connection, locking: false)
        return try connection.execute(
            """
            SELECT c.registration_id, c.version FROM certificate c JOIN registration r ON r.id = c.registration_id
            JOIN participant p ON p.id = r.participant_id
            WHERE r.session_id = \(session.id) ORDER BY p.last_name, p.first_name, p.email, c.version
            """
        ).map { row in
            try stored(
                registration: try row.decode(Int.self, "registration_id"), version: try row.decode(Int.self, "version"),
                withPDF: false, on: connection)
        }
    }

    func stored(registration: Int, version: Int, withPDF: Bool = true, on connection: Connection) throws
        -> Certificate
    {
        let row = try connection.execute(
            """
            SELECT s.code, p.last_name || ' ' || p.first_name AS participant, p.email, c.attended_minutes, c.withdrawn,
                   c.issued_at, encode(c.sha256, 'hex') AS sha256, CASE WHEN \(withPDF) THEN c.pdf END AS pdf
            FROM certificate c JOIN registration r ON r.id = c.registration_id JOIN session s ON s.id = r.session_id
            JOIN participant p ON p.id = r.participant_id
            WHERE c.registration_id = \(registration) AND c.version = \(version)
            """)[0]
        return Certificate(
            registrationId: registration, session: try row.decode(String.self, "code"),
            participant: try row.decode(String.self, "participant"), email: try row.decode(String.self, "email"),
            version: version, attendedMinutes: try row.decode(Int.self, "attended_minutes"),
            withdrawn: try row.decode(Bool.self, "withdrawn"), issuedAt: try row.decode(Date.self, "issued_at"),
            sha256: try row.decode(String?.self, "sha256"),
            pdf: [UInt8](try row.decode(Data?.self, "pdf") ?? Data()))
    }

    func organisation() throws -> Organisation {
        guard let organisation = try OrganisationRecord(store).current() else {
            throw TrainingError.refused(
                "The organisation is not described yet: a certificate names it; run `atelier org edit` first.")
        }
        return organisation
    }
}

extension Certificate {
    init(facts: CertificateFacts, version: Int, withdrawn: Bool, issuedAt: Date, sha256: String?, pdf: [UInt8]) {
        self.init(
            registrationId: facts.registrationId, session: facts.session,
            participant: "\(facts.lastName) \(facts.firstName)",
            email: facts.email, version: version, attendedMinutes: facts.attendedMinutes, withdrawn: withdrawn,
            issuedAt: issuedAt, sha256: sha256, pdf: pdf)
    }
}
