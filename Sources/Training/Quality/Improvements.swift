import Foundation
import Postgres

/// The improvements the organisation decides and carries out: `atelier improvement …`.
public struct Improvements {
    let store: Store
    var connection: Connection { store.connection }

    public init(_ store: Store) { self.store = store }

    public func add(text: String, from origin: Improvement.Origin?, due: LocalDate?) throws -> Improvement {
        let decided = try Field.required(text, "text", limit: 5000, lines: .many)
        return try connection.write { connection in
            var (incident, session): (Int?, Int?) = (nil, nil)
            switch origin {
            case .incident(let number): incident = try Incidents(store).incident(number).id
            case .session(let code): session = try SessionRow(code, on: connection, locking: false).id
            case nil: break
            }
            let id = try connection.execute(
                """
                INSERT INTO improvement (text, incident_id, session_id, due_on)
                VALUES (\(decided), \(incident), \(session), \(due?.description)::date)
                RETURNING id
                """)[0].decode(Int.self, at: 0)
            return try improvement(id, on: connection)
        }
    }

    /// Records what was done, once.
    public func done(_ id: Int, text: String) throws -> Improvement {
        let outcome = try Field.required(text, "text", limit: 5000, lines: .many)
        return try connection.write { connection in
            if let doneAt = try improvement(id, on: connection).doneAt {
                throw TrainingError.refused(
                    "The improvement \(id) was done on \(French.date(doneAt, in: store.timeZone)): what was done is recorded once."
                )
            }
            try connection.execute("UPDATE improvement SET outcome = \(outcome), done_at = now() WHERE id = \(id)")
            return try improvement(id, on: connection)
        }
    }

    /// The improvements, oldest first; only those not done yet with `open`.
    public func list(open: Bool = false) throws -> [Improvement] {
        try improvements(open: open, id: nil, on: connection)
    }

    private func improvement(_ id: Int, on connection: Connection) throws -> Improvement {
        guard let found = try improvements(open: false, id: id, on: connection).first else {
            throw TrainingError.notFound("No improvement has the number \(id): `atelier improvement list` shows them.")
        }
        return found
    }

    private func improvements(open: Bool, id: Int?, on connection: Connection) throws -> [Improvement] {
        try connection.execute(
            """
            SELECT i.id, i.text, i.created_at, i.outcome, i.done_at, to_char(i.due_on, 'YYYY-MM-DD') AS due_on,
                   CASE WHEN i.incident_id IS NOT NULL THEN 'incident:' || i.incident_id
                        WHEN s.code IS NOT NULL THEN 'session:' || s.code END AS origin
            FROM improvement i LEFT JOIN session s ON s.id = i.session_id
            WHERE (NOT \(open) OR i.outcome IS NULL) AND (\(id)::bigint IS NULL OR i.id = \(id))
            ORDER BY i.id
            """
        ).map { row in
            Improvement(
                id: try row.decode(Int.self, "id"), text: try row.decode(String.self, "text"),
                from: try row.decode(String?.self, "origin"),
                dueOn: try row.decode(String?.self, "due_on").map { try LocalDate(parsing: $0) },
                createdAt: try row.decode(Date.self, "created_at"), outcome: try row.decode(String?.self, "outcome"),
                doneAt: try row.decode(Date?.self, "done_at"))
        }
    }
}
