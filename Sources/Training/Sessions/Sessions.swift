import Foundation
import Postgres

/// Scheduling and running sessions: from the plan to completion.
public struct Sessions {
    let store: Store
    var connection: Connection { store.connection }
    var timeZone: TimeZone { store.timeZone }

    public init(_ store: Store) { self.store = store }

    public func session(_ code: String) throws -> Session {
        guard let found = try store.read(query(code: code.typedCode, .all), decode: decode).first else {
            throw TrainingError.notFound("No session has the code \(code.typedCode).")
        }
        return found
    }

    /// Sessions with a slot between `from` and `to` (whole days, inclusive), of a status.
    public func sessions(from: LocalDate? = nil, to: LocalDate? = nil, status: Session.Status? = nil) throws
        -> [Session]
    {
        var all: [Session] = []
        _ = try sessions(from: from, to: to, status: status, .all) { all += $0 }
        return all
    }

    /// The same, in the order of their first slot, handed to `body` in batches as they come from
    /// the database; `page.after` is the code of the session to start after.
    public func sessions(
        from: LocalDate? = nil, to: LocalDate? = nil, status: Session.Status? = nil, _ page: ListPage,
        _ body: ([Session]) throws -> Void
    ) throws -> ListEnd {
        let after = try page.after.map { try session($0).code }
        let query = query(
            code: nil, start: from?.start(in: timeZone), end: to?.next.start(in: timeZone), status: status,
            after: after, page)
        return try store.stream(query, page, key: \.code, decode: decode, body)
    }

    private func query(
        code: String?, start: Date? = nil, end: Date? = nil, status: Session.Status? = nil, after: String? = nil,
        _ page: ListPage
    ) -> PostgresQuery {
        // The list's order, also the key a page starts after: a session without slots yet last.
        let order = "coalesce((SELECT min(starts_at) FROM slot WHERE session_id = s.id), 'infinity'), s.code"
        return """
            SELECT s.id, s.code, m.code AS module, mp.title, mp.version AS programme_version, s.status, s.capacity, s.minimum,
                   (SELECT count(*) FROM registration r WHERE r.session_id = s.id AND r.status = 'confirmed') AS confirmed,
                   (SELECT count(*) FROM registration r WHERE r.session_id = s.id AND r.status = 'waitlisted') AS waitlisted
            FROM session s JOIN module m ON m.id = s.module_id JOIN module_programme mp ON mp.id = s.programme_id
            WHERE (\(code) IS NULL OR s.code = \(code))
              AND (\(status) IS NULL OR s.status = \(status))
              AND (\(start) IS NULL OR EXISTS (SELECT 1 FROM slot WHERE session_id = s.id AND ends_at > \(start)))
              AND (\(end) IS NULL OR EXISTS (SELECT 1 FROM slot WHERE session_id = s.id AND starts_at < \(end)))
              AND (\(after) IS NULL OR (\(unescaped: order)) > (SELECT \(unescaped: order) FROM session s WHERE s.code = \(after)))
            ORDER BY \(unescaped: order)
            LIMIT \(page.fetchLimit)
            """
    }

    /// Sessions from their rows, with their parts and slots read for all of them at once.
    private func decode(_ rows: QueryResult) throws -> [Session] {
        let parts = try parts(ofSessions: try rows.map { try $0.decode(Int.self, "id") })
        return try rows.map { row in
            Session(
                code: try row.decode(String.self, "code"), module: try row.decode(String.self, "module"),
                moduleTitle: try row.decode(String.self, "title"),
                programmeVersion: try row.decode(Int.self, "programme_version"),
                status: try row.decode(Session.Status.self, "status"),
                capacity: try row.decode(Int.self, "capacity"), minimum: try row.decode(Int.self, "minimum"),
                parts: parts[try row.decode(Int.self, "id")] ?? [],
                confirmed: try row.decode(Int.self, "confirmed"), waitlisted: try row.decode(Int.self, "waitlisted"))
        }
    }

    /// The parts and slots of several sessions in one query.
    private func parts(ofSessions ids: [Int]) throws -> [Int: [Session.Part]] {
        var result: [Int: [Session.Part]] = [:]
        let rows = try connection.execute(
            """
            SELECT p.session_id, p.position, p.title, sl.starts_at, sl.ends_at, sl.minutes, v.code AS venue,
                   array(SELECT t.code FROM slot_trainer st JOIN trainer t ON t.id = st.trainer_id
                         WHERE st.slot_id = sl.id ORDER BY t.code) AS trainers
            FROM session_part p JOIN slot sl ON sl.part_id = p.id LEFT JOIN venue v ON v.id = sl.venue_id
            WHERE p.session_id = ANY(\(ids))
            ORDER BY p.session_id, p.position, sl.starts_at
            """)
        for row in rows {
            let sessionID = try row.decode(Int.self, "session_id")
            let position = try row.decode(Int.self, "position")
            let slot = Session.Slot(
                startsAt: try row.decode(Date.self, "starts_at"), endsAt: try row.decode(Date.self, "ends_at"),
                minutes: try row.decode(Int.self, "minutes"), venue: try row.decode(String?.self, "venue"),
                trainers: try row.decode([String].self, "trainers"))
            var parts = result[sessionID] ?? []
            if parts.last?.position == position {
                parts[parts.count - 1].slots.append(slot)
            } else {
                parts.append(
                    Session.Part(position: position, title: try row.decode(String.self, "title"), slots: [slot]))
            }
            result[sessionID] = parts
        }
        return result
    }

}

/// A session's row, locked until the transaction ends unless `locking` is false.
struct SessionRow {
    let id: Int
    let code: String
    let status: Session.Status
    let capacity: Int

    /// Every change to a session or its registrations starts here, so that they happen one after
    /// the other: two coordinators taking the last seat at once are served in turn.
    init(_ code: String, on connection: Connection, locking: Bool = true) throws {
        let rows = try connection.execute(
            """
            SELECT id, code, status, capacity FROM session WHERE code = \(code.typedCode) \(unescaped: locking ? "FOR UPDATE" : "")
            """)
        guard let row = rows.first else {
            throw TrainingError.notFound("No session has the code \(code.typedCode).")
        }
        (id, self.code, status, capacity) = try row.decode((Int, String, Session.Status, Int).self)
    }

    /// Draft and scheduled sessions take changes; completed and cancelled ones are closed.
    var isOpen: Bool { status == .scheduled || status == .draft }
}
