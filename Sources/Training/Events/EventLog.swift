import Postgres
import Queue

/// Appends a domain event in the caller's transaction, with the jobs it implies: the change, its
/// event and its jobs commit together or not at all, so the queue never sends for a change that
/// was rolled back, and never misses one that was made.
enum EventLog {
    static func append(_ event: some DomainEvent, on connection: Connection, jobs: JobCatalogue) throws {
        let id = try connection.execute(
            """
            INSERT INTO event (name, payload) VALUES (\(event.name), \(JSON(event))) RETURNING id
            """)[0].decode(Int.self, at: 0)
        try Reactions(connection, jobs: jobs).react(to: event, id: id)
    }
}
