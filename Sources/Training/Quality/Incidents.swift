import Foundation
import Postgres

/// The register of complaints, incidents and difficulties: `atelier incident …`, and the
/// « Un problème ? » of the pages.
public struct Incidents {
    let store: Store
    var connection: Connection { store.connection }

    public init(_ store: Store) { self.store = store }

    /// Records what `source` reported, about `session` when given.
    public func add(session: String?, kind: Incident.Kind, from source: Incident.Source, text: String) throws
        -> Incident
    {
        let said = try Field.required(text, "text", limit: 5000, lines: .many)
        return try connection.write { connection in
            let sessionID = try session.map { try SessionRow($0, on: connection, locking: false).id }
            var (participant, trainer, funder): (Int?, Int?, Int?) = (nil, nil, nil)
            switch source {
            case .participant(let email):
                guard let row = try connection.execute("SELECT id FROM participant WHERE email = \(email.text)").first
                else { throw TrainingError.notFound("No participant has the email \(email).") }
                participant = try row.decode(Int.self, at: 0)
            case .trainer(let code): trainer = try rowID(of: "trainer", code: code, on: connection)
            case .funder(let code): funder = try rowID(of: "funder", code: code, on: connection)
            case .other: break
            }
            let id = try connection.execute(
                """
                INSERT INTO incident (session_id, kind, source, participant_id, trainer_id, funder_id, text)
                VALUES (\(sessionID), \(kind), \(source.column), \(participant), \(trainer), \(funder), \(said))
                RETURNING id
                """)[0].decode(Int.self, at: 0)
            try EventLog.append(
                IncidentEvent(change: .reported, incidentId: id, session: session?.typedCode), on: connection,
                jobs: store.jobs)
            return try incident(id, on: connection)
        }
    }

    /// Whose personal link a complaint comes through, on the pages' « Un problème ? ».
    public enum Reporter: Sendable, Hashable {
        /// A participant's questionnaire or signing link: their registration.
        case registration(Int)
        /// A trainer's link for one session.
        case trainer(Int, session: Int)
        /// A structure's questionnaire link about one session: someone Atelier keeps no email of.
        case structure(session: Int)
    }

    /// Records what someone wrote from their personal link, as a réclamation about its session.
    public func report(_ text: String, by reporter: Reporter) throws -> Incident {
        let said = try Field.required(text, "text", limit: 5000, lines: .many)
        return try connection.write { connection in
            let insert: PostgresQuery =
                switch reporter {
                case .registration(let registration):
                    """
                    INSERT INTO incident (session_id, kind, source, participant_id, text)
                    SELECT session_id, 'reclamation', 'participant', participant_id, \(said)
                    FROM registration WHERE id = \(registration)
                    RETURNING id
                    """
                case .trainer(let trainer, let session):
                    """
                    INSERT INTO incident (session_id, kind, source, trainer_id, text)
                    VALUES (\(session), 'reclamation', 'trainer', \(trainer), \(said))
                    RETURNING id
                    """
                case .structure(let session):
                    """
                    INSERT INTO incident (session_id, kind, source, text)
                    VALUES (\(session), 'reclamation', 'other', \(said))
                    RETURNING id
                    """
                }
            let id = try connection.execute(insert)[0].decode(Int.self, at: 0)
            let incident = try incident(id, on: connection)
            try EventLog.append(
                IncidentEvent(change: .reported, incidentId: id, session: incident.session), on: connection,
                jobs: store.jobs)
            return incident
        }
    }

    /// Answers the incident, once; the answer is mailed to whoever reported it when Atelier has
    /// their email.
    public func answer(_ id: Int, text: String) throws -> Incident {
        let answer = try Field.required(text, "answer", limit: 5000, lines: .many)
        return try connection.write { connection in
            let current = try incident(id, on: connection)
            if let answeredAt = current.answeredAt {
                throw TrainingError.refused(
                    "The incident \(id) was answered on \(French.date(answeredAt, in: store.timeZone)): an incident is answered once."
                )
            }
            try connection.execute(
                "UPDATE incident SET answer = \(answer), answered_at = now() WHERE id = \(id)")
            try EventLog.append(
                IncidentEvent(change: .answered, incidentId: id, session: current.session), on: connection,
                jobs: store.jobs)
            return try incident(id, on: connection)
        }
    }

    /// The incidents, oldest first: only those not answered yet with `open`, only the session's
    /// with `session`.
    public func list(open: Bool = false, session: String? = nil) throws -> [Incident] {
        if let session { _ = try SessionRow(session, on: connection, locking: false) }
        return try incidents(open: open, session: session?.typedCode, id: nil, on: connection)
    }

    public func incident(_ id: Int) throws -> Incident { try incident(id, on: connection) }

    private func incident(_ id: Int, on connection: Connection) throws -> Incident {
        guard let found = try incidents(open: false, session: nil, id: id, on: connection).first else {
            throw TrainingError.notFound("No incident has the number \(id): `atelier incident list` shows them.")
        }
        return found
    }

    private func incidents(open: Bool, session: String?, id: Int?, on connection: Connection) throws -> [Incident] {
        try connection.execute(
            """
            SELECT i.id, s.code AS session, i.kind, i.text, i.reported_at, i.answer, i.answered_at,
                   CASE i.source WHEN 'participant' THEN 'participant:' || p.email WHEN 'trainer' THEN 'trainer:' || t.code
                                 WHEN 'funder' THEN 'funder:' || f.code ELSE 'other' END AS source
            FROM incident i LEFT JOIN session s ON s.id = i.session_id
            LEFT JOIN participant p ON p.id = i.participant_id LEFT JOIN trainer t ON t.id = i.trainer_id
            LEFT JOIN funder f ON f.id = i.funder_id
            WHERE (NOT \(open) OR i.answer IS NULL) AND (\(session)::text IS NULL OR s.code = \(session))
              AND (\(id)::bigint IS NULL OR i.id = \(id))
            ORDER BY i.id
            """
        ).map { row in
            Incident(
                id: try row.decode(Int.self, "id"), session: try row.decode(String?.self, "session"),
                kind: try row.decode(Incident.Kind.self, "kind"), from: try row.decode(String.self, "source"),
                text: try row.decode(String.self, "text"), reportedAt: try row.decode(Date.self, "reported_at"),
                answer: try row.decode(String?.self, "answer"), answeredAt: try row.decode(Date?.self, "answered_at"))
        }
    }
}

/// The id of the trainer or funder with `code`, or the sentence that there is none. (A
/// session's is `SessionRow`'s.)
private func rowID(of noun: StaticString, code: String, on connection: Connection) throws -> Int {
    guard
        let row = try connection.execute(
            "SELECT id FROM \(unescaped: "\(noun)") WHERE code = \(code.typedCode)"
        ).first
    else { throw TrainingError.notFound("No \(noun) has the code \(code.typedCode).") }
    return try row.decode(Int.self, at: 0)
}

extension Incident.Source {
    /// The `incident.source` column.
    var column: String {
        switch self {
        case .participant: "participant"
        case .trainer: "trainer"
        case .funder: "funder"
        case .other: "other"
        }
    }
}

/// An incident reported or answered: an answer's reaction mails it to whoever reported it.
struct IncidentEvent: DomainEvent {
    enum Change: String, Codable, Sendable { case reported, answered }

    let change: Change
    let incidentId: Int
    let session: String?

    var name: String { "incident." + change.rawValue }
}
