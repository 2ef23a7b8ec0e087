import Postgres

/// Appends a domain event in the caller's transaction: the change and its event commit together
/// or not at all, so the queue never sends for a change that was rolled back.
enum EventLog {
    static func append<Payload: Codable & Sendable>(_ name: String, _ payload: Payload, on connection: Connection) throws {
        try connection.execute("INSERT INTO event (name, payload) VALUES (\(name), \(JSON(payload)))")
    }
}
