import Foundation
import Postgres

/// What became of one attempt at a job.
public enum JobOutcome: Sendable, Hashable {
    case completed
    /// Try again after `after`; after the last attempt the job is discarded, its errors kept.
    case retry(after: Duration, reason: String)
    /// Never again: a permanent failure.
    case discard(reason: String)
    /// Not yet: wait until then, without counting the attempt.
    case snooze(until: Date)
}

extension JobQueue {
    /// Records the outcomes of jobs `worker` ran, in one statement. Each change is guarded: the
    /// job must still be `running`, at the same attempt, leased to `worker` — a rescuer or a late
    /// worker never overwrites another's result. Returns the ids whose guard matched nothing,
    /// for the caller to log.
    ///
    /// Each job finds its outcome by its position in the arrays, with no join at all: joined to
    /// their outcomes (by `unnest`, or by a first look at the jobs), the jobs were scanned again
    /// for each outcome whenever the statistics saw few running jobs — 80 ms for a hundred
    /// instead of 2. The guard is stated again in the `UPDATE`, which re-checks it on a row
    /// another transaction changed meanwhile.
    @discardableResult
    public func finish(_ results: [(job: Job, outcome: JobOutcome)], worker: String, now: Date = Date()) throws -> [Int]
    {
        guard !results.isEmpty else { return [] }
        var states: [JobState] = []
        var delays: [Int] = []
        var messages: [String] = []
        var refunds: [Int] = []
        for (job, outcome) in results {
            let (state, delay, message, refund): (JobState, Int, String, Int) =
                switch outcome {
                case .completed: (.completed, -1, "", 0)
                case .retry(let after, let reason):
                    job.attempt >= job.maxAttempts
                        ? (.discarded, -1, reason, 0) : (.retryable, after.milliseconds, reason, 0)
                case .discard(let reason): (.discarded, -1, reason, 0)
                case .snooze(let until): (.scheduled, max(0, Int(until.timeIntervalSince(now) * 1000)), "", 1)
                }
            states.append(state)
            delays.append(delay)
            messages.append(message)
            refunds.append(refund)
        }
        let ids = results.map(\.job.id)
        // `o` is one row of arrays; each job reads its outcome at its own position.
        let position = "array_position(o.ids, job.id)"
        let matched = Set(
            try connection.execute(
                """
                WITH o AS (SELECT \(ids)::bigint[] AS ids, \(results.map(\.job.attempt))::int[] AS attempts,
                                  \(states)::text[] AS states, \(delays)::int[] AS delays_ms, \(messages)::text[] AS messages,
                                  \(refunds)::int[] AS refunds)
                UPDATE job SET state = o.states[\(unescaped: position)],
                    run_at = CASE WHEN o.delays_ms[\(unescaped: position)] >= 0
                                  THEN now() + o.delays_ms[\(unescaped: position)] * interval '1 millisecond' ELSE job.run_at END,
                    attempt = job.attempt - o.refunds[\(unescaped: position)],
                    errors = CASE WHEN o.messages[\(unescaped: position)] = '' THEN job.errors
                                  ELSE job.errors || jsonb_build_array(jsonb_build_object('attempt', job.attempt,
                                      'at', \(unescaped: Self.errorTimestamp), 'message', o.messages[\(unescaped: position)])) END,
                    finished_at = CASE WHEN o.states[\(unescaped: position)] IN ('completed', 'discarded') THEN now() END,
                    worker = NULL, lease_expires_at = NULL
                FROM o
                WHERE job.id = ANY(\(ids)) AND job.attempt = o.attempts[\(unescaped: position)]
                  AND job.state = 'running' AND job.worker = \(worker)
                RETURNING job.id
                """
            ).map { try $0.decode(Int.self, at: 0) })
        return ids.filter { !matched.contains($0) }
    }

    /// Hands back jobs `worker` claimed but never started (a shutdown): due again at once, their
    /// attempt not counted.
    @discardableResult
    public func release(_ jobs: [Job], worker: String) throws -> Int {
        guard !jobs.isEmpty else { return 0 }
        return try connection.execute(
            """
            UPDATE job SET state = 'available', attempt = job.attempt - 1, worker = NULL, lease_expires_at = NULL
            FROM unnest(\(jobs.map(\.id)), \(jobs.map(\.attempt))) AS r(id, attempt)
            WHERE job.id = ANY(\(jobs.map(\.id))) AND job.id = r.id AND job.attempt = r.attempt
              AND job.state = 'running' AND job.worker = \(worker)
            RETURNING job.id
            """
        ).count
    }

    /// Running jobs whose lease expired — their worker was killed, or its machine is gone — go
    /// back to `retryable` (discarded after their last attempt), the expiry kept as an error.
    /// A job whose worker still heartbeats is never touched, however long it runs.
    @discardableResult
    public func rescueExpired() throws -> [Int] {
        try connection.execute(
            """
            UPDATE job SET state = CASE WHEN attempt >= max_attempts THEN 'discarded' ELSE 'retryable' END,
                finished_at = CASE WHEN attempt >= max_attempts THEN now() END,
                errors = errors || jsonb_build_array(jsonb_build_object('attempt', attempt, 'at', \(unescaped: Self.errorTimestamp),
                    'message', 'the lease of ' || worker || ' expired before the job finished')),
                worker = NULL, lease_expires_at = NULL, run_at = now()
            WHERE id IN (SELECT id FROM job WHERE state = 'running' AND lease_expires_at < now() FOR UPDATE SKIP LOCKED)
            RETURNING id
            """
        ).map { try $0.decode(Int.self, at: 0) }
    }
}

extension Duration {
    var milliseconds: Int {
        let (seconds, attoseconds) = components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }
}
