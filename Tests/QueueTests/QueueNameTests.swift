import Postgres
import Queue
import TestSupport
import Testing

/// `QueueName` says what the table's `job_queue_format` says, name for name.
@Suite struct QueueNameTests {
    @Test func agreesWithTheTable() throws {
        let connection = try TestDatabase.migrated().connect()
        let names = [
            "", "a", "default", "mail", "a_9", "z0", String(repeating: "q", count: 31),
            String(repeating: "q", count: 32),
            "A", "Mail", "9a", "_a", "a-b", "a b", "a.b", "é", "mail\n", " mail", "maïl", "a\t",
        ]
        for name in names {
            let table = try connection.execute("SELECT \(name) ~ '^[a-z][a-z0-9_]{0,30}$'")[0].decode(Bool.self, at: 0)
            #expect(QueueName.isValid(name) == table, "\(name.debugDescription)")
        }
    }
}
