import Foundation
import Postgres
import Queue
import Synchronization
import TestSupport
import Testing

/// The queue against a real PostgreSQL: enqueue in the caller's transaction, claims that skip
/// each other's rows, guarded outcomes, leases, and the maintenance a coordinator runs.
@Suite struct JobQueueTests {
    let database: TestDatabase
    let connection: Connection
    let queue: JobQueue

    init() throws {
        database = try TestDatabase.migrated()
        connection = try database.connect()
        queue = JobQueue(connection)
    }

    func count(_ condition: String = "true") throws -> Int {
        try connection.execute("SELECT count(*) FROM job WHERE \(unescaped: condition)")[0].decode(Int.self, at: 0)
    }

    func job(_ kind: String = "probe", key: String? = nil, runAt: Date? = nil, priority: Int = 5, maxAttempts: Int = 3)
        throws -> NewJob
    {
        try NewJob(
            kind: kind, args: ["n": 1], priority: priority, maxAttempts: maxAttempts, runAt: runAt, uniqueKey: key)
    }

    @Test func aJobCommitsWithItsTransactionOrNotAtAll() throws {
        struct Abandon: Error {}
        #expect(throws: Abandon.self) {
            try connection.transaction { c in
                try JobQueue(c).enqueue([try job()])
                throw Abandon()
            }
        }
        #expect(try count() == 0)
        _ = try connection.transaction { c in try JobQueue(c).enqueue([try job(), try job("other")]) }
        #expect(try count() == 2)
        let jobs = try queue.jobs()
        #expect(jobs.map(\.state) == [.available, .available])
        #expect(try jobs.last?.arguments([String: Int].self) == ["n": 1])
    }

    @Test func oneNotificationPerQueueAtCommit() throws {
        let listener = try database.connect()
        try listener.listen(JobQueue.channel("default"))
        try connection.transaction { c in
            try JobQueue(c).enqueue([try job(), try job()])
            try JobQueue(c).enqueue([try job()])
            #expect(try listener.waitForNotification(timeout: .milliseconds(100)) == nil)
        }
        #expect(try listener.waitForNotification(timeout: .seconds(5))?.channel == "atelier_jobs_default")
        #expect(try listener.waitForNotification(timeout: .milliseconds(200)) == nil)
    }

    @Test func aUniqueKeyHoldsWhileTheJobIsLive() throws {
        #expect(
            try queue.enqueue([
                try job(key: "reminder-j1:registration:42"), try job(key: "reminder-j1:registration:42"),
            ]).count == 1)
        #expect(try queue.enqueue([try job(key: "reminder-j1:registration:42")]) == [])
        let claimed = try queue.claim(queue: "default", kinds: ["probe"], limit: 1, worker: "w", lease: .seconds(30))
        #expect(try queue.enqueue([try job(key: "reminder-j1:registration:42")]) == [])
        try queue.finish([(claimed[0], .completed)], worker: "w")
        #expect(try queue.enqueue([try job(key: "reminder-j1:registration:42")]).count == 1)
    }

    /// Two transactions enqueue the same key at once: the second waits on the first's index
    /// entry, then skips. One job. The second runs on a thread of its own: a blocking libpq call
    /// on the cooperative pool could wait for a free thread longer than the test does.
    @Test func racingTransactionsEnqueueOneJobPerKey() throws {
        let url = database.url
        try connection.execute("BEGIN")
        #expect(try queue.enqueue([try job(key: "race")]).count == 1)
        let result = Mutex<Result<[Int], any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        Thread {
            // Run outside the lock, stored after: the test polls `result` while this waits.
            let outcome = Result {
                let other = try Connection(url: url)
                return try other.transaction { c in
                    try JobQueue(c).enqueue([try NewJob(kind: "probe", uniqueKey: "race")])
                }
            }
            result.withLock { $0 = outcome }
            done.signal()
        }.start()
        // The second transaction reaches the unique index and waits on the first.
        var waiting = 0
        let deadline = Date().addingTimeInterval(30)
        while waiting == 0, Date() < deadline, result.withLock({ $0 == nil }) {
            Thread.sleep(forTimeInterval: 0.02)
            waiting = try connection.execute(
                """
                SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'
                """)[0].decode(Int.self, at: 0)
        }
        #expect(
            waiting == 1, "the second transaction ended without waiting: \(String(describing: result.withLock { $0 }))")
        try connection.execute("COMMIT")
        #expect(done.wait(timeout: .now() + 30) == .success)
        #expect(try result.withLock { try $0?.get() } == [])
        #expect(try count("unique_key = 'race'") == 1)
    }

    @Test func claimsFollowPriorityThenRunAtAndSkipLockedRows() throws {
        let past = Date().addingTimeInterval(-60)
        try queue.enqueue([
            try job(priority: 5, maxAttempts: 3), try job(runAt: past, priority: 5), try job(priority: 0),
            try job(runAt: Date().addingTimeInterval(3600)), try job("unknown-kind"),
        ])
        #expect(try count("state = 'scheduled'") == 1)
        let other = try database.connect()
        try other.execute("BEGIN")
        let first = try JobQueue(other).claim(
            queue: "default", kinds: ["probe"], limit: 2, worker: "a", lease: .seconds(30))
        let second = try queue.claim(queue: "default", kinds: ["probe"], limit: 10, worker: "b", lease: .seconds(30))
        try other.execute("COMMIT")
        #expect(first.map(\.priority) == [0, 5])
        #expect(first.map(\.attempt) == [1, 1])
        #expect(second.count == 1)
        #expect(Set(first.map(\.id)).isDisjoint(with: second.map(\.id)))
        #expect(try count("state = 'available' AND kind = 'unknown-kind'") == 1)
        #expect(try queue.nextDue(queue: "default", kinds: ["probe"]).map { $0 > Date() } == true)
    }

    /// With the finished jobs of a busy year in the table, the claim reads the partial index.
    @Test func theClaimUsesThePartialIndex() throws {
        try connection.execute(
            """
            INSERT INTO job (kind, state, finished_at) SELECT 'probe', 'completed', now() FROM generate_series(1, 20000)
            """)
        try queue.enqueue((1...5).map { _ in try job() })
        try connection.execute("ANALYZE job")
        let plan = try connection.execute(
            """
            EXPLAIN UPDATE job SET state = 'running' WHERE id IN (
                SELECT id FROM job WHERE state IN ('scheduled', 'available', 'retryable') AND queue = 'default'
                  AND run_at <= now() AND kind = ANY('{probe}') ORDER BY priority, run_at, id LIMIT 10 FOR UPDATE SKIP LOCKED)
            """
        ).map { try $0.decode(String.self, at: 0) }.joined(separator: "\n")
        #expect(plan.contains("job_due_idx"), "\(plan)")
    }

    @Test func outcomesAreGuardedAndErrorsKept() throws {
        try queue.enqueue([try job(maxAttempts: 2)])
        var claimed = try queue.claim(queue: "default", kinds: ["probe"], limit: 1, worker: "w", lease: .seconds(30))[0]
        #expect(try queue.finish([(claimed, .completed)], worker: "someone else") == [claimed.id])
        try queue.finish([(claimed, .retry(after: .milliseconds(1), reason: "SMTP 421: try later"))], worker: "w")
        var stored = try #require(try queue.job(claimed.id))
        #expect(stored.state == .retryable && stored.errors.map(\.message) == ["SMTP 421: try later"])
        #expect(stored.errors.first?.attempt == 1)
        Thread.sleep(forTimeInterval: 0.01)
        claimed = try queue.claim(queue: "default", kinds: ["probe"], limit: 1, worker: "w", lease: .seconds(30))[0]
        #expect(claimed.attempt == 2)
        // A late finish of the first attempt matches nothing.
        #expect(try queue.finish([(stored, .completed)], worker: "w") == [stored.id])
        try queue.finish([(claimed, .retry(after: .seconds(1), reason: "still down"))], worker: "w")
        stored = try #require(try queue.job(claimed.id))
        #expect(stored.state == .discarded && stored.finishedAt != nil)
        #expect(stored.errors.map(\.message) == ["SMTP 421: try later", "still down"])
        #expect(try queue.retry(claimed.id))
        stored = try #require(try queue.job(claimed.id))
        #expect(stored.state == .available && stored.maxAttempts == 3 && stored.finishedAt == nil)
    }

    @Test func aSnoozeDoesNotCountAsAnAttempt() throws {
        try queue.enqueue([try job()])
        let claimed = try queue.claim(queue: "default", kinds: ["probe"], limit: 1, worker: "w", lease: .seconds(30))[0]
        try queue.finish([(claimed, .snooze(until: Date().addingTimeInterval(600)))], worker: "w")
        let stored = try #require(try queue.job(claimed.id))
        #expect(stored.state == .scheduled && stored.attempt == 0 && stored.runAt > Date().addingTimeInterval(500))
    }

    @Test func jobsNotStartedAreHandedBackUncounted() throws {
        try queue.enqueue([try job(), try job()])
        let claimed = try queue.claim(queue: "default", kinds: ["probe"], limit: 2, worker: "w", lease: .seconds(30))
        #expect(try queue.release(claimed, worker: "other") == 0)
        #expect(try queue.release(claimed, worker: "w") == 2)
        #expect(
            try queue.jobs().map { "\($0.state) \($0.attempt) \($0.worker ?? "-")" } == [
                "available 0 -", "available 0 -",
            ])
    }

    @Test func expiredLeasesAreRescuedAndHeartbeatsKeepTheirs() throws {
        try queue.enqueue([try job(), try job()])
        let dead = try queue.claim(
            queue: "default", kinds: ["probe"], limit: 1, worker: "dead", lease: .milliseconds(50))[0]
        let alive = try queue.claim(
            queue: "default", kinds: ["probe"], limit: 1, worker: "alive", lease: .milliseconds(50))[0]
        #expect(try queue.renewLeases([alive.id, dead.id], worker: "alive", lease: .seconds(30)) == 1)
        Thread.sleep(forTimeInterval: 0.1)
        #expect(try queue.rescueExpired() == [dead.id])
        let rescued = try #require(try queue.job(dead.id))
        #expect(rescued.state == .retryable && rescued.worker == nil)
        #expect(rescued.errors.map(\.message) == ["the lease of dead expired before the job finished"])
        #expect(try queue.job(alive.id)?.state == .running)
        #expect(try queue.finish([(dead, .completed)], worker: "dead") == [dead.id])
    }

    @Test func cancellingRetryingPruningAndStats() throws {
        try queue.enqueue([
            try job("reminder", key: "reminder:registration:7:j7"),
            try job("reminder", key: "reminder:registration:7:j1"),
            try job("reminder", key: "reminder:registration:8:j1"), try job("convocation"), try job("newer-kind"),
        ])
        #expect(try queue.cancel(.keyPrefix("reminder:registration:7:")).count == 2)
        #expect(try queue.cancel(.kind("convocation")).count == 1)
        let stats = try queue.stats(handled: ["reminder", "convocation"])
        #expect(stats.withoutHandler == ["newer-kind": 1])
        #expect(stats.counts.contains { $0.kind == "reminder" && $0.state == .cancelled && $0.count == 2 })
        #expect(try queue.prune(completedBefore: Date(), discardedBefore: Date().addingTimeInterval(-3600)) == 0)
        #expect(try queue.prune(completedBefore: Date(), discardedBefore: Date().addingTimeInterval(1), batch: 2) == 3)
        #expect(try count() == 2)
        #expect(try queue.jobs(state: .available, kind: "reminder").count == 1)
    }
}
