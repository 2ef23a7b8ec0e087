import Foundation
import Logging
import Postgres
import Queue

/// One lane: claims a batch of due jobs, runs them one by one, and sleeps when there is none.
struct Lane<Context: LaneContext> {
    let index: Int
    let worker: Worker<Context>

    var options: WorkerOptions { worker.options }

    func run() {
        var link = DatabaseLink(worker: worker, role: "lane \(index)")
        /// Claimed and not yet finished. After an outage, those whose outcome did not commit are
        /// handed back at once rather than left to their lease.
        var held: [Job] = []
        /// Built for each connection the lane opens, and kept while that connection lives.
        var context: Context?
        while !worker.isStopping {
            var sleepFor: Duration?
            let fine = link.use { connection in
                let queue = JobQueue(connection)
                let kinds = worker.registry.kinds
                var claimed: [Job] = []
                for name in options.queues where claimed.isEmpty {
                    claimed = try queue.claim(
                        queue: name, kinds: kinds, limit: options.batchSize, worker: options.id, lease: options.lease)
                }
                guard !claimed.isEmpty else {
                    worker.laneIsIdle(index)
                    sleepFor = try nextWait(queue, kinds: kinds)
                    return
                }
                worker.laneIsBusy(index)
                held = claimed
                worker.lane(index, holds: held.map(\.id))
                if context?.connection !== connection { context = try worker.makeContext(connection) }
                guard let context else { return }
                try runBatch(&held, in: context)
            } onReconnect: { connection in
                let handedBack = try JobQueue(connection).release(held, worker: options.id)
                if handedBack > 0 {
                    worker.logger.notice(
                        "handed back jobs held when the connection dropped", metadata: ["count": "\(handedBack)"])
                }
                held = []
                worker.lane(index, holds: [])
            }
            if !fine {
                // Something unforeseen failed mid-batch: stop renewing those leases, so that the
                // rescuer gives the jobs to a worker that can finish them.
                held = []
                worker.lane(index, holds: [])
            }
            if let sleepFor, !worker.isStopping { worker.wait(lane: index, sleepFor) }
        }
    }

    /// Runs the claimed jobs in order. A transactional kind runs and records its outcome in one
    /// transaction; the others run back to back and have their outcomes recorded together, in
    /// one statement, before the lane claims again. `held` keeps what is not recorded yet.
    private func runBatch(_ held: inout [Job], in lane: Context) throws {
        let connection = lane.connection
        var ran: [(job: Job, outcome: JobOutcome, duration: Duration)] = []
        func recordRan() throws {
            guard !ran.isEmpty else { return }
            let unmatched = Set(try JobQueue(connection).finish(ran.map { ($0.job, $0.outcome) }, worker: options.id))
            for (job, outcome, duration) in ran {
                log(job, unmatched.contains(job.id) ? nil : outcome, duration)
            }
            let recorded = Set(ran.map(\.job.id))
            held.removeAll { recorded.contains($0.id) }
            ran = []
            worker.lane(index, holds: held.map(\.id))
        }
        for job in held {
            if worker.isStopping {
                try recordRan()
                let handedBack = try JobQueue(connection).release(held, worker: options.id)
                worker.logger.info("handed back jobs not started", metadata: ["count": "\(handedBack)"])
                held = []
                worker.lane(index, holds: [])
                return
            }
            guard let entry = worker.registry.entries[job.kind] else { continue }
            if entry.transactional {
                try perform(job, entry, in: lane)
                held.removeAll { $0.id == job.id }
                worker.lane(index, holds: held.map(\.id))
            } else {
                let started = ContinuousClock.now
                let outcome: JobOutcome
                do {
                    outcome = try entry.handler.perform(job, in: lane)
                } catch let error as PostgresError where error.isConnectionProblem {
                    throw error
                } catch {
                    outcome = Self.failure(error, of: job, entry)
                }
                ran.append((job, outcome, ContinuousClock.now - started))
            }
        }
        try recordRan()
    }

    /// One structured line per job: id, kind, attempt, duration, outcome (`nil`: not ours any more).
    private func log(_ job: Job, _ outcome: JobOutcome?, _ duration: Duration) {
        let metadata: Logger.Metadata = [
            "job": "\(job.id)", "kind": "\(job.kind)", "attempt": "\(job.attempt)",
            "duration": "\(duration)",
        ]
        if let outcome {
            worker.logger.info(
                "ran", metadata: metadata.merging(["outcome": "\(Self.describe(outcome, job: job))"]) { $1 })
        } else {
            worker.logger.warning("the job was no longer ours to finish (rescued or cancelled)", metadata: metadata)
        }
    }

    /// Until the next scheduled job is due, or the poll interval, whichever comes first.
    private func nextWait(_ queue: JobQueue, kinds: [String]) throws -> Duration {
        var wait = options.pollInterval
        for name in options.queues {
            if let due = try queue.nextDue(queue: name, kinds: kinds) {
                wait = min(wait, .milliseconds(max(1, Int(due.timeIntervalSinceNow * 1000) + 1)))
            }
        }
        return wait
    }

    /// Runs the job's handler and records its outcome in one transaction. A handler that throws
    /// leaves nothing of its work; its failure is recorded after the rollback.
    private func perform(_ job: Job, _ entry: HandlerRegistry<Context>.Entry, in lane: Context) throws {
        let connection = lane.connection
        let started = ContinuousClock.now
        let outcome: JobOutcome
        do {
            outcome = try connection.transaction { connection in
                let outcome = try entry.handler.perform(job, in: lane)
                let unmatched = try JobQueue(connection).finish([(job, outcome)], worker: options.id)
                guard unmatched.isEmpty else { throw GuardMismatch() }
                return outcome
            }
        } catch let error as PostgresError where error.isConnectionProblem {
            throw error
        } catch is GuardMismatch {
            // Its work was rolled back with the transaction.
            return log(job, nil, ContinuousClock.now - started)
        } catch {
            outcome = Self.failure(error, of: job, entry)
            if try !JobQueue(connection).finish([(job, outcome)], worker: options.id).isEmpty {
                return log(job, nil, ContinuousClock.now - started)
            }
        }
        log(job, outcome, ContinuousClock.now - started)
    }

    struct GuardMismatch: Error {}

    /// A handler's error: tried again after the kind's backoff (discarded after the last attempt).
    static func failure(_ error: any Error, of job: Job, _ entry: HandlerRegistry<Context>.Entry) -> JobOutcome {
        .retry(after: entry.backoff.delay(after: job.attempt), reason: describe(error))
    }

    static func describe(_ error: any Error) -> String {
        let text = String(describing: error)
        return text.count > 2000 ? String(text.prefix(2000)) + "…" : text
    }

    static func describe(_ outcome: JobOutcome, job: Job) -> String {
        switch outcome {
        case .completed: "completed"
        case .retry(let after, _) where job.attempt < job.maxAttempts: "retry in \(after)"
        case .retry: "discarded after its last attempt"
        case .discard(let reason): "discarded: \(reason)"
        case .snooze(let until): "snoozed until \(until)"
        }
    }
}
