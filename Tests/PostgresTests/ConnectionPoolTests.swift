import Foundation
import Postgres
import Synchronization
import TestSupport
import Testing

/// The pool the pages borrow connections from: reused while healthy, dropped after a failure,
/// replaced when its server went away, and never more idle than its limit.
@Suite struct ConnectionPoolTests {
    let database: TestDatabase
    let pool: ConnectionPool

    init() throws {
        let database = try TestDatabase.create()
        self.database = database
        pool = ConnectionPool(idleLimit: 2) { try database.connect() }
    }

    func backend() throws -> Int32 { try pool.withConnection { $0.backendPID } }

    @Test func aConnectionIsReusedWhileItServes() throws {
        let first = try backend()
        #expect(try backend() == first)
        #expect(pool.idleCount == 1)
    }

    @Test func aConnectionWhoseWorkFailedIsNotKept() throws {
        let first = try backend()
        #expect(throws: PostgresError.self) {
            try pool.withConnection { try $0.execute("SELECT * FROM no_such_table") }
        }
        #expect(pool.idleCount == 0)
        #expect(try backend() != first)
    }

    /// A server that dropped a resting connection (a restart): the work runs again on a new one.
    @Test func aConnectionLostWhileRestingIsReplaced() throws {
        let first = try backend()
        try database.connect().execute("SELECT pg_terminate_backend(\(first))")
        let answer = try pool.withConnection { connection in
            (connection.backendPID, try connection.execute("SELECT 41 + 1")[0].decode(Int.self, at: 0))
        }
        #expect(answer.1 == 42)
        #expect(answer.0 != first)
    }

    /// Borrowed at once, five connections are opened; two are kept after.
    @Test func noMoreThanTheLimitWaitIdle() throws {
        let borrowed = Mutex<Set<Int32>>([])
        try onThreads(count: 5) {
            try pool.withConnection { connection in
                borrowed.withLock { _ = $0.insert(connection.backendPID) }
                _ = try connection.execute("SELECT pg_sleep(0.2)")
            }
        }
        #expect(borrowed.withLock { $0.count } == 5)
        #expect(pool.idleCount == 2)
    }

    /// Runs `body` on `count` threads at once and waits for all.
    func onThreads(count: Int, _ body: @escaping @Sendable () throws -> Void) throws {
        let failures = Mutex<[String]>([])
        let done = DispatchGroup()
        for _ in 0..<count {
            done.enter()
            Thread {
                defer { done.leave() }
                do { try body() } catch { failures.withLock { $0.append("\(error)") } }
            }.start()
        }
        done.wait()
        #expect(failures.withLock { $0 } == [])
    }
}
