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

    /// What issuing found: a new version, or the latest one, which already states the minutes
    /// attended.
    public enum Issue: Sendable {
        case issued(Certificate)
        case unchanged(Certificate)
        /// The participant attended nothing: there is nothing to certify.
        case nothingAttended
    }

    /// Issues the registration's certificate in the current transaction (the job's): a first
    /// version, or a new one when a correction changed the minutes attended since the last.
    public func issue(registration: Int, at now: Date = Date()) throws -> Issue {
        try connection.transaction { connection in
            let facts = try CertificateFacts.load(registration: registration, on: connection)
            guard facts.attendedMinutes > 0 else { return .nothingAttended }
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
            return .issued(Certificate(facts: facts, version: version, issuedAt: now, sha256: sha256, pdf: pdf))
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
            return Certificate(facts: facts, version: version, issuedAt: now, sha256: nil, pdf: pdf)
        }
    }

    /// The latest version of each certificate of the session (or of one participant's), by name.
    public func latest(session code: String, participant email: EmailAddress? = nil) throws -> [Certificate] {
        let session = try SessionRow(code, on: connection, locking: false)
        let rows = try connection.execute(
            """
            SELECT DISTINCT ON (p.last_name, p.first_name, p.email) c.registration_id, c.version
            FROM certificate c JOIN registration r ON r.id = c.registration_id JOIN participant p ON p.id = r.participant_id
            WHERE r.session_id = \(session.id) AND (\(email?.text)::text IS NULL OR p.email = \(email?.text))
            ORDER BY p.last_name, p.first_name, p.email, c.version DESC
            """)
        if rows.isEmpty, let email {
            _ = try Registrations(store).id(of: email, in: session.code)
            throw TrainingError.notFound("No certificate has been issued to \(email) for the session \(session.code).")
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

    private func stored(registration: Int, version: Int, withPDF: Bool = true, on connection: Connection) throws
        -> Certificate
    {
        let row = try connection.execute(
            """
            SELECT s.code, p.last_name || ' ' || p.first_name AS participant, p.email, c.attended_minutes, c.issued_at,
                   encode(c.sha256, 'hex') AS sha256, CASE WHEN \(withPDF) THEN c.pdf END AS pdf
            FROM certificate c JOIN registration r ON r.id = c.registration_id JOIN session s ON s.id = r.session_id
            JOIN participant p ON p.id = r.participant_id
            WHERE c.registration_id = \(registration) AND c.version = \(version)
            """)[0]
        return Certificate(
            registrationId: registration, session: try row.decode(String.self, "code"),
            participant: try row.decode(String.self, "participant"), email: try row.decode(String.self, "email"),
            version: version, attendedMinutes: try row.decode(Int.self, "attended_minutes"),
            issuedAt: try row.decode(Date.self, "issued_at"), sha256: try row.decode(String.self, "sha256"),
            pdf: [UInt8](try row.decode(Data?.self, "pdf") ?? Data()))
    }

    private func organisation() throws -> Organisation {
        guard let organisation = try OrganisationRecord(store).current() else {
            throw TrainingError.refused(
                "The organisation is not described yet: a certificate names it; run `atelier org edit` first.")
        }
        return organisation
    }
}

extension Certificate {
    init(facts: CertificateFacts, version: Int, issuedAt: Date, sha256: String?, pdf: [UInt8]) {
        self.init(
            registrationId: facts.registrationId, session: facts.session,
            participant: "\(facts.lastName) \(facts.firstName)",
            email: facts.email, version: version, attendedMinutes: facts.attendedMinutes, issuedAt: issuedAt,
            sha256: sha256, pdf: pdf)
    }
}
