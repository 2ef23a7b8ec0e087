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
    /// Each job finds its outcome by its position in the arrays rather than by a join with
    /// `unnest`: statistics that see few running jobs made the planner loop over the whole
    /// batch for each job. The guard is stated again in the `UPDATE`, which re-checks it on a
    /// row another transaction changed meanwhile. One job alone (as every transactional kind
    /// finishes) is bound as plain values instead, which plans as a primary-key update.
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
        if results.count == 1 {
            // The batch's arrays cost one job three times as much.
            let job = results[0].job
            let matched = try connection.execute(
                """
                UPDATE job SET \(unescaped: Self.outcomeAssignments)
                FROM (SELECT \(states[0])::text AS state, \(delays[0])::int AS delay_ms, \(messages[0])::text AS message,
                             \(refunds[0])::int AS refund) AS o
                WHERE job.id = \(job.id) AND job.attempt = \(job.attempt) AND job.state = 'running' AND job.worker = \(worker)
                RETURNING job.id
                """)
            return matched.isEmpty ? [job.id] : []
        }
        let ids = results.map(\.job.id)
        let matched = Set(
            try connection.execute(
                """
                WITH arrays AS (SELECT \(ids)::bigint[] AS ids, \(results.map(\.job.attempt))::int[] AS attempts,
                                       \(states)::text[] AS states, \(delays)::int[] AS delays_ms, \(messages)::text[] AS messages,
                                       \(refunds)::int[] AS refunds),
                     held AS (SELECT job.id, array_position(arrays.ids, job.id) AS i FROM job, arrays
                              WHERE job.id = ANY(\(ids)) AND job.state = 'running' AND job.worker = \(worker))
                UPDATE job SET \(unescaped: Self.outcomeAssignments)
                FROM (SELECT held.id, a.attempts[held.i] AS attempt, a.states[held.i] AS state, a.delays_ms[held.i] AS delay_ms,
                             a.messages[held.i] AS message, a.refunds[held.i] AS refund
                      FROM held, arrays a) AS o
                WHERE job.id = o.id AND job.attempt = o.attempt AND job.state = 'running' AND job.worker = \(worker)
                RETURNING job.id
                """
            ).map { try $0.decode(Int.self, at: 0) })
        return ids.filter { !matched.contains($0) }
    }

    /// What an outcome changes in its job, from a row `o` of `state`, `delay_ms` (`-1`: keep
    /// `run_at`), `message` (`''`: no error to keep) and `refund` (1: the attempt does not count).
    private static let outcomeAssignments = """
        state = o.state,
        run_at = CASE WHEN o.delay_ms >= 0 THEN now() + o.delay_ms * interval '1 millisecond' ELSE job.run_at END,
        attempt = job.attempt - o.refund,
        errors = CASE WHEN o.message = '' THEN job.errors ELSE job.errors || jsonb_build_array(jsonb_build_object(
            'attempt', job.attempt, 'at', \(errorTimestamp), 'message', o.message)) END,
        finished_at = CASE WHEN o.state IN ('completed', 'discarded') THEN now() END,
        worker = NULL, lease_expires_at = NULL
        """

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
