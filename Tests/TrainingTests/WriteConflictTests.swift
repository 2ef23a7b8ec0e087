import Foundation
import Postgres
import TestSupport
import Testing

@testable import Training

/// A deadlock or a serialization failure between two real connections: the write runs again and
/// goes through; one that conflicts every time ends as `tryAgain`, nothing changed.
@Suite struct WriteConflictTests {
    let database: TestDatabase
    let writer: Connection
    let other: Connection

    init() throws {
        database = try TestDatabase.migrated()
        writer = try database.connect()
        other = try database.connect()
        try writer.execute("CREATE TABLE probe (id int PRIMARY KEY, n int NOT NULL)")
        try writer.execute("INSERT INTO probe VALUES (1, 0), (2, 0)")
    }

    /// Runs `body` as a write on a connection of its own, on a thread of its own (libpq blocks),
    /// counting its runs. Returns once connected, with the backend's pid; `wait()` returns how the
    /// write ended.
    func startWriting(_ setUp: String? = nil, _ body: @escaping @Sendable (Connection) throws -> Void)
        throws -> (attempts: Counter, pid: Int, wait: () -> Result<Void, any Error>)
    {
        let attempts = Counter()
        let connected = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        let outcome = Box()
        let database = self.database
        Thread {
            outcome.result = Result {
                let connection = try database.connect()
                if let setUp { try connection.execute("\(unescaped: setUp)") }
                outcome.pid = try connection.execute("SELECT pg_backend_pid()")[0].decode(Int.self, at: 0)
                connected.signal()
                try connection.write { connection in
                    attempts.add()
                    try body(connection)
                }
            }
            if outcome.pid == 0 { connected.signal() }
            done.signal()
        }.start()
        connected.wait()
        try #require(outcome.pid != 0, "the writer could not connect")
        let wait = {
            done.wait()
            return outcome.result ?? .success(())
        }
        return (attempts, outcome.pid, wait)
    }

    /// Waits until the writer's backend waits for a lock (other suites run beside this one: only
    /// its own backend counts).
    func waitUntilTheWriterWaits(_ pid: Int) throws {
        for _ in 0..<500 {
            let waiting = try other.execute("SELECT count(*) FROM pg_locks WHERE NOT granted AND pid = \(pid)")[0]
                .decode(Int.self, at: 0)
            if waiting > 0 { return }
            Thread.sleep(forTimeInterval: 0.01)
        }
        Issue.record("the writer never waited")
    }

    func values() throws -> [Int] {
        try other.execute("SELECT n FROM probe ORDER BY id").map { try $0.decode(Int.self, at: 0) }
    }

    /// The writer locks row 1 then row 2; the other holds row 2, then asks for row 1. The writer
    /// waited first, so its deadlock check runs first and rolls it back; its second run goes through.
    @Test func aDeadlockIsRunAgain() throws {
        try other.execute("BEGIN")
        try other.execute("UPDATE probe SET n = n + 10 WHERE id = 2")
        let (attempts, pid, wait) = try startWriting { connection in
            try connection.execute("UPDATE probe SET n = n + 1 WHERE id = 1")
            try connection.execute("UPDATE probe SET n = n + 1 WHERE id = 2")
        }
        try waitUntilTheWriterWaits(pid)
        Thread.sleep(forTimeInterval: 0.3)
        try other.execute("UPDATE probe SET n = n + 10 WHERE id = 1")
        try other.execute("COMMIT")
        #expect(throws: Never.self) { try wait().get() }
        #expect(attempts.value == 2)
        #expect(try values() == [11, 11])
    }

    /// At REPEATABLE READ, a row another transaction changed after this one's snapshot fails with
    /// a serialization failure; the write's second run, with a new snapshot, goes through.
    @Test func aSerializationFailureIsRunAgain() throws {
        try other.execute("BEGIN")
        try other.execute("UPDATE probe SET n = n + 10 WHERE id = 1")
        let (attempts, pid, wait) = try startWriting("SET default_transaction_isolation = 'repeatable read'") {
            connection in
            try connection.execute("SELECT n FROM probe WHERE id = 2")  // takes the snapshot
            try connection.execute("UPDATE probe SET n = n + 1 WHERE id = 1")
        }
        try waitUntilTheWriterWaits(pid)
        try other.execute("COMMIT")
        #expect(throws: Never.self) { try wait().get() }
        #expect(attempts.value == 2)
        #expect(try values() == [11, 0])
    }

    @Test func aConflictEveryTimeEndsAsTryAgainWithNothingChanged() throws {
        let attempts = Counter()
        let error = #expect(throws: TrainingError.self) {
            try writer.write { connection in
                attempts.add()
                try connection.execute("UPDATE probe SET n = n + 1 WHERE id = 1")
                try connection.execute(
                    "DO $$ BEGIN RAISE EXCEPTION 'conflict' USING ERRCODE = 'serialization_failure'; END $$")
            }
        }
        guard case .tryAgain(let sentence) = error else {
            Issue.record("not tryAgain: \(String(describing: error))")
            return
        }
        #expect(
            sentence
                == "Another change to the same records ran at the same time, 4 times in a row, and nothing was changed: try again in a moment."
        )
        #expect(attempts.value == Connection.writeAttempts)
        #expect(try values() == [0, 0])
    }
}

/// How the writer's thread ended, read once it signalled.
final class Box: @unchecked Sendable {
    var pid = 0
    var result: Result<Void, any Error>?
}

/// Counts the runs of a write's body, from the thread that runs it.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func add() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
