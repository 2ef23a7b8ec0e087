import Foundation
import Postgres

/// The queue over one connection: enqueue in the caller's transaction, claim under a lease,
/// finish with a guard. It knows no kinds of job: that is the catalogue's and the handlers' part.
public struct JobQueue {
    let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    /// The channel a queue's wake-ups go on.
    public static func channel(_ queue: String) -> String { "atelier_jobs_" + queue }

    /// What an error's `at` holds: the instant in UTC, as JSON and people read it.
    static let errorTimestamp = #"to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')"#

    /// Enqueues the jobs in one statement, on the caller's connection: inside a transaction they
    /// commit with it or not at all. A job whose unique key a live job holds is left out, even
    /// when two transactions race (the unique index makes the second wait, then skip). One
    /// notification per queue wakes the idle workers at commit; PostgreSQL folds the same
    /// notification sent again in one transaction. Returns the ids inserted.
    @discardableResult
    public func enqueue(_ jobs: [NewJob]) throws -> [Int] {
        guard !jobs.isEmpty else { return [] }
        let ids = try connection.execute(
            """
            INSERT INTO job (kind, queue, args, priority, max_attempts, run_at, state, unique_key)
            SELECT kind, queue, args::jsonb, priority, max_attempts, coalesce(nullif(run_at, '')::timestamptz, now()),
                   CASE WHEN nullif(run_at, '')::timestamptz > now() THEN 'scheduled' ELSE 'available' END, nullif(unique_key, '')
            FROM unnest(\(jobs.map(\.kind)), \(jobs.map(\.queue)), \(jobs.map(\.args.text)), \(jobs.map(\.priority)),
                        \(jobs.map(\.maxAttempts)), \(jobs.map { $0.runAt.map(Self.isoText) ?? "" }),
                        \(jobs.map { $0.uniqueKey ?? "" })) AS j(kind, queue, args, priority, max_attempts, run_at, unique_key)
            ON CONFLICT (unique_key) WHERE state IN ('scheduled', 'available', 'running', 'retryable') DO NOTHING
            RETURNING id
            """
        ).map { try $0.decode(Int.self, at: 0) }
        for queue in Set(jobs.map(\.queue)).sorted() {
            try connection.execute("SELECT pg_notify(\(Self.channel(queue)), '')")
        }
        return ids
    }

    static func isoText(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    /// Claims up to `limit` due jobs of `queue` whose kind is one of `kinds`, by priority then
    /// run-at, skipping rows other workers hold: each is `running`, leased to `worker` until
    /// `lease` from now, its attempt counted. `id = ANY(ARRAY(…))` rather than `id IN (…)`: the
    /// planner would hash-join the whole table for the latter, a scan that grows with the backlog.
    public func claim(queue: String, kinds: [String], limit: Int, worker: String, lease: Duration) throws -> [Job] {
        try connection.execute(
            """
            UPDATE job SET state = 'running', attempt = attempt + 1, worker = \(worker), attempted_at = now(),
                lease_expires_at = now() + make_interval(secs => \(lease.seconds)::float8)
            WHERE id = ANY(ARRAY(
                SELECT id FROM job
                WHERE state IN ('scheduled', 'available', 'retryable') AND queue = \(queue) AND run_at <= now()
                  AND kind = ANY(\(kinds))
                ORDER BY priority, run_at, id
                LIMIT \(limit)
                FOR UPDATE SKIP LOCKED))
            RETURNING \(unescaped: Job.columns)
            """
        ).map(Job.init(row:)).sorted { ($0.priority, $0.runAt, $0.id) < ($1.priority, $1.runAt, $1.id) }
    }

    /// When the next job of `queue` with one of `kinds` is due, if any waits.
    public func nextDue(queue: String, kinds: [String]) throws -> Date? {
        try connection.execute(
            """
            SELECT min(run_at) FROM job
            WHERE state IN ('scheduled', 'available', 'retryable') AND queue = \(queue) AND kind = ANY(\(kinds))
            """)[0].decode(Date?.self, at: 0)
    }

    /// Extends the lease of the jobs `worker` holds and still runs: its heartbeat. Only the ids
    /// it names: a job a lane lost track of (its connection dropped) expires and is rescued.
    @discardableResult
    public func renewLeases(_ ids: [Int], worker: String, lease: Duration) throws -> Int {
        guard !ids.isEmpty else { return 0 }
        return try connection.execute(
            """
            UPDATE job SET lease_expires_at = now() + make_interval(secs => \(lease.seconds)::float8)
            WHERE id = ANY(\(ids)) AND state = 'running' AND worker = \(worker) RETURNING id
            """
        ).count
    }
}

extension Duration {
    /// Whole and fractional seconds, as `make_interval(secs => …)` takes them.
    var seconds: String {
        let (whole, attoseconds) = components
        return String(format: "%lld.%06lld", whole, attoseconds / 1_000_000_000_000)
    }
}
