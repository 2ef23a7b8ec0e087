import Foundation
import Postgres
import Queue
import TestSupport
import Testing

/// `atelier jobs` and `atelier worker` through the binary.
@Suite struct JobsCommandTests {
    let database: TestDatabase
    let queue: JobQueue

    init() throws {
        database = try TestDatabase.migrated()
        queue = JobQueue(try database.connect())
    }

    func atelier(_ arguments: String...) throws -> AtelierProcess.Outcome {
        try AtelierProcess.run(arguments, environment: ["ATELIER_DATABASE_URL": database.url])
    }

    /// A discarded convocation with its two errors, a waiting reminder, and a prune job.
    func seed() throws -> (discarded: Int, reminder: Int) {
        try queue.enqueue([
            try NewJob(kind: "convocation", args: ["session": "S-2027-001", "registration": "7"], maxAttempts: 2)
        ])
        for reason in ["SMTP 421 4.7.0 try later", "SMTP 550 5.1.1 no such user"] {
            let job = try #require(
                try queue.claim(queue: "default", kinds: ["convocation"], limit: 1, worker: "w", lease: .seconds(30))
                    .first)
            try queue.finish([(job, .retry(after: .zero, reason: reason))], worker: "w")
        }
        let reminder = try queue.enqueue([
            try NewJob(
                kind: "reminder", args: ["session": "S-2027-002"], runAt: Date().addingTimeInterval(86_400),
                uniqueKey: "reminder:registration:7:j1")
        ])
        return (1, reminder[0])
    }

    @Test func listShowRetryCancel() throws {
        let (discarded, reminder) = try seed()
        let listed = try atelier("jobs", "list", "--json")
        #expect(listed.status == 0)
        let jobs = try #require(
            try JSONSerialization.jsonObject(with: Data(listed.standardOutput.utf8)) as? [[String: Any]])
        #expect(jobs.count == 2)
        #expect(
            Set(jobs[1].keys) == [
                "id", "kind", "queue", "state", "args", "priority", "attempt", "max_attempts", "run_at",
                "unique_key", "errors", "created_at", "finished_at",
            ])
        #expect((jobs[1]["args"] as? [String: Any])?["session"] as? String == "S-2027-001")
        #expect((jobs[1]["errors"] as? [[String: Any]])?.count == 2)
        #expect((jobs[1]["finished_at"] as? String)?.hasSuffix("Z") == true)

        #expect(
            try atelier("jobs", "list", "--session", "s-2027-002").standardOutput.contains("reminder:registration:7:j1")
        )
        let shown = try atelier("jobs", "show", String(discarded))
        #expect(shown.standardOutput.contains("convocation on queue default, discarded, attempt 2 of 2"))
        #expect(shown.standardOutput.contains(": SMTP 550 5.1.1 no such user"))

        #expect(
            try atelier("jobs", "retry", String(discarded)).standardOutput
                == "The job \(discarded) (convocation) is due now.\n")
        #expect(try queue.job(discarded)?.state == .available)
        #expect(
            try atelier("jobs", "cancel", "--key-prefix", "reminder:registration:7:").standardOutput
                == "Cancelled 1 job.\n")
        #expect(try queue.job(reminder)?.state == .cancelled)

        let again = try atelier("jobs", "cancel", String(reminder))
        #expect(again.status == 67)
        #expect(
            again.standardError == "The job \(reminder) is cancelled already: only a waiting job can be cancelled.\n")
        #expect(try atelier("jobs", "show", "999").standardError == "No job has the id 999.\n")
        let misuse = try atelier("jobs", "cancel", "--kind", "reminder", "--key-prefix", "x")
        #expect(misuse.status == 64)
    }

    /// A kind this build has no handler for waits, counted apart; `worker --until-idle` runs what
    /// it can and stops.
    @Test func theWorkerRunsWhatItCanAndLeavesTheRestWaiting() throws {
        _ = try seed()
        let prune = try queue.enqueue([try NewJob(kind: "prune")])[0]
        // A kind a newer build brings, during a rolling deploy.
        let newer = try queue.enqueue([try NewJob(kind: "newsletter")])[0]
        let stats = try atelier("jobs", "stats", "--json")
        let figures = try #require(
            try JSONSerialization.jsonObject(with: Data(stats.standardOutput.utf8)) as? [String: Any])
        #expect(figures["without_handler"] as? [String: Int] == ["newsletter": 1])
        let worked = try atelier("worker", "--until-idle")
        #expect(worked.status == 0, "\(worked.standardError)\n\(worked.standardOutput)")
        #expect(worked.standardError.contains("kind=prune outcome=completed"))
        // (The worker may also have inserted today's periodic prune of Jobs/schedule.yaml.)
        #expect(try queue.job(prune)?.state == .completed)
        #expect(try queue.job(newer)?.state == .available)
        #expect(try queue.jobs(kind: "reminder").first?.state == .scheduled)
    }
}
