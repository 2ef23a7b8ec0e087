import Foundation
import Postgres
import Queue
import TestSupport
import Testing

/// Real worker processes against the real cluster: many at once, killed, stopped, and the
/// database restarted under them. Nothing lost, nothing run twice.
@Suite(.serialized) struct WorkerTests {
    let database: TestDatabase
    let connection: Connection

    init() throws {
        database = try TestDatabase.migrated()
        connection = try database.connect()
        try connection.execute("CREATE TABLE probe_effect (job_id bigint NOT NULL, worker int NOT NULL)")
        try connection.execute("CREATE TABLE probe_started (job_id bigint NOT NULL)")
    }

    func count(_ sql: String) throws -> Int {
        try connection.execute(PostgresQuery(unsafeSQL: sql))[0].decode(Int.self, at: 0)
    }

    func enqueue(_ kind: String, _ count: Int, sleepMilliseconds: Int? = nil, maxAttempts: Int = 20) throws {
        for start in stride(from: 0, to: count, by: 1000) {
            let jobs = try (start..<min(start + 1000, count)).map { _ in
                try NewJob(kind: kind, args: ["sleep_ms": sleepMilliseconds], maxAttempts: maxAttempts)
            }
            try JobQueue(connection).enqueue(jobs)
        }
    }

    /// Two workers of four lanes drain 10 000 jobs; each job's effect, written in its own
    /// transaction, is there exactly once.
    @Test func twoWorkersRunTenThousandJobsExactlyOnce() throws {
        try enqueue("probe", 10_000)
        let workers = try (0..<2).map { _ in try WorkerProcess(database.url, ["--lanes", "4", "--until-idle"]) }
        for worker in workers { #expect(try worker.finish() == 0, "\(worker.log.suffix(2000))") }
        #expect(try count("SELECT count(*) FROM probe_effect") == 10_000)
        #expect(try count("SELECT count(DISTINCT job_id) FROM probe_effect") == 10_000)
        #expect(try count("SELECT count(*) FROM job WHERE state = 'completed' AND attempt = 1") == 10_000)
    }

    /// A worker killed while it runs jobs: after the lease expires, another completes them; the
    /// killed worker's unfinished transactions left nothing behind.
    @Test func aKilledWorkersJobsAreRescued() throws {
        try enqueue("probe", 20, sleepMilliseconds: 300)
        let doomed = try WorkerProcess(database.url, ["--lanes", "2", "--lease-ms", "1500"])
        #expect(try eventually { try count("SELECT count(*) FROM job WHERE state = 'running'") >= 2 })
        doomed.kill9()
        _ = try doomed.finish()
        #expect(try count("SELECT count(*) FROM job WHERE state = 'running'") > 0)
        let rescuer = try WorkerProcess(database.url, ["--lanes", "2", "--lease-ms", "1500"])
        #expect(try eventually(.seconds(60)) { try count("SELECT count(*) FROM job WHERE state = 'completed'") == 20 })
        rescuer.terminate()
        #expect(try rescuer.finish() == 0)
        #expect(try count("SELECT count(*) FROM probe_effect") == 20)
        #expect(try count("SELECT count(DISTINCT job_id) FROM probe_effect") == 20)
        #expect(
            try count(
                "SELECT count(*) FROM job WHERE errors @> '[{\"message\": \"lease\"}]' OR errors::text LIKE '%expired before the job finished%'"
            ) >= 2)
    }

    /// The database restarts under two busy workers: they reconnect by themselves and finish
    /// everything, once. On a cluster of its own, which the suites running meanwhile do not use.
    @Test func workersSurviveADatabaseRestart() throws {
        guard let cluster = ProcessInfo.processInfo.environment["ATELIER_TEST_RESTARTABLE_CLUSTER"] else {
            throw TestEnvironmentError.missing(
                "ATELIER_TEST_RESTARTABLE_CLUSTER is not set: run the tests with `make test`")
        }
        let database = try TestDatabase.migrated(in: .restartable)
        let connection = try database.connect()
        try connection.execute("CREATE TABLE probe_effect (job_id bigint NOT NULL, worker int NOT NULL)")
        try JobQueue(connection).enqueue(try (0..<400).map { _ in try NewJob(kind: "probe", args: ["sleep_ms": 10]) })
        let workers = try (0..<2).map { _ in
            try WorkerProcess(database.url, ["--lanes", "2", "--lease-ms", "3000", "--poll-ms", "200"])
        }
        #expect(
            try eventually {
                try connection.execute("SELECT count(*) FROM probe_effect")[0].decode(Int.self, at: 0) >= 50
            })
        // Not through `Process`: the restarted server inherits the descriptor Foundation watches
        // for the child's end, and `Process` would wait as long as the server runs.
        let script = AtelierProcess.packageRoot.appendingPathComponent("scripts/pg").path
        #expect(system("'\(script)' restart '\(cluster)' > /dev/null 2>&1") == 0)
        let reconnected = try database.connect()
        func completed() throws -> Int {
            try reconnected.execute("SELECT count(*) FROM job WHERE state = 'completed'")[0].decode(Int.self, at: 0)
        }
        #expect(try eventually(.seconds(90)) { try completed() == 400 })
        for worker in workers { worker.terminate() }
        for worker in workers {
            #expect(try worker.finish() == 0)
            #expect(worker.log.contains("database unreachable: retrying"))
            #expect(worker.log.contains("database reachable again"))
        }
        let effects = try reconnected.execute("SELECT count(*), count(DISTINCT job_id) FROM probe_effect")[0].decode(
            (Int, Int).self)
        #expect(effects == (400, 400))
    }

    /// A handler that always fails: retried with growing delays, then discarded with every error.
    @Test func aFailingJobIsRetriedThenDiscardedWithEveryError() throws {
        try enqueue("fail", 1, maxAttempts: 4)
        let worker = try WorkerProcess(database.url, ["--lanes", "1", "--poll-ms", "50"])
        #expect(try eventually { try count("SELECT count(*) FROM job WHERE state = 'discarded'") == 1 })
        worker.terminate()
        #expect(try worker.finish() == 0)
        let job = try #require(try JobQueue(connection).jobs().first)
        #expect(
            job.errors.map(\.message) == [
                "failure number 1", "failure number 2", "failure number 3", "failure number 4",
            ])
        #expect(job.attempt == 4)
        let gaps = zip(job.errors, job.errors.dropFirst()).map { $1.at.timeIntervalSince($0.at) }
        #expect(gaps.count == 3 && gaps[2] > gaps[0], "\(gaps)")
    }

    /// SIGTERM while busy: the running jobs finish, the claimed ones not started are handed
    /// back, nothing stays `running`.
    @Test func sigtermLetsRunningJobsFinish() throws {
        try enqueue("slow", 12, sleepMilliseconds: 800)
        let worker = try WorkerProcess(database.url, ["--lanes", "2", "--grace-ms", "10000"])
        #expect(try eventually { try count("SELECT count(*) FROM probe_started") >= 1 })
        worker.terminate()
        #expect(try worker.finish() == 0)
        #expect(try count("SELECT count(*) FROM job WHERE state = 'running'") == 0)
        // Every job that had started finished; none was cut short.
        #expect(
            try count("SELECT count(*) FROM probe_started s JOIN job j ON j.id = s.job_id WHERE j.state <> 'completed'")
                == 0)
        #expect(try count("SELECT count(*) FROM job WHERE state = 'completed'") >= 1)
        #expect(
            try count("SELECT count(*) FROM job WHERE state = 'available' AND attempt = 0")
                + count("SELECT count(*) FROM job WHERE state = 'completed'") == 12)
    }

    /// An idle worker that polls every minute still starts a new job at once: it LISTENs.
    @Test func anIdleWorkerWakesOnANotification() throws {
        let worker = try WorkerProcess(database.url, ["--lanes", "1", "--poll-ms", "60000"])
        Thread.sleep(forTimeInterval: 1)
        let start = ContinuousClock.now
        try enqueue("probe", 1)
        #expect(try eventually(.seconds(10)) { try count("SELECT count(*) FROM probe_effect") == 1 })
        #expect(ContinuousClock.now - start < .seconds(5))
        worker.terminate()
        #expect(try worker.finish() == 0)
    }

    /// Polling only, for a PgBouncer in transaction mode: slower, but it gets there.
    @Test func pollOnlyWorkersStillRunEverything() throws {
        let worker = try WorkerProcess(database.url, ["--lanes", "1", "--poll-ms", "300", "--poll-only"])
        try enqueue("probe", 3)
        #expect(try eventually(.seconds(10)) { try count("SELECT count(*) FROM probe_effect") == 3 })
        worker.terminate()
        #expect(try worker.finish() == 0)
    }
}

extension WorkerTests {
    /// Two workers with the same every-minute schedule: one job per minute between them.
    @Test func aPeriodicJobIsInsertedOncePerPeriodByTwoWorkers() throws {
        let options = ["--lanes", "1", "--lease-ms", "300", "--periodic", "probe * * * * *"]
        let workers = try (0..<2).map { _ in try WorkerProcess(database.url, options) }
        #expect(try eventually { try count("SELECT count(*) FROM probe_effect") >= 1 })
        Thread.sleep(forTimeInterval: 1)  // several heartbeats of each worker
        for worker in workers { worker.terminate() }
        for worker in workers { #expect(try worker.finish() == 0) }
        let periods = try count("SELECT count(*) FROM periodic_run")
        #expect(periods >= 1 && periods <= 2)  // a minute may turn during the test
        #expect(try count("SELECT count(*) FROM job WHERE kind = 'probe'") == periods)
        #expect(try count("SELECT count(*) FROM probe_effect") == periods)
    }
}

extension WorkerTests {
    /// The catch-up of periodic jobs at start fails (the table of periods is away): it is logged
    /// with its error, and the heartbeat inserts the job once the table is back.
    @Test func aFailedCatchUpIsLoggedAndTriedAgainByTheHeartbeat() throws {
        try connection.execute("ALTER TABLE periodic_run RENAME TO periodic_run_away")
        let worker = try WorkerProcess(
            database.url, ["--lanes", "1", "--lease-ms", "600", "--periodic", "probe * * * * *"])
        #expect(
            try eventually { worker.log.contains("could not catch up the periodic jobs: the heartbeat tries again") })
        #expect(worker.log.contains("42P01"), "the log says why: \(worker.log.suffix(2000))")
        #expect(try count("SELECT count(*) FROM job WHERE kind = 'probe'") == 0)
        try connection.execute("ALTER TABLE periodic_run_away RENAME TO periodic_run")
        #expect(try eventually(.seconds(10)) { try count("SELECT count(*) FROM probe_effect") >= 1 })
        worker.terminate()
        #expect(try worker.finish() == 0)
    }
}
