import Foundation
import Postgres

/// The queue at a glance: what waits, what runs, what finished lately, and what waits for a
/// worker that nobody runs.
public struct QueueStats: Sendable, Hashable, Codable {
    public struct Count: Sendable, Hashable, Codable {
        public let queue: String
        public let kind: String
        public let state: JobState
        public let count: Int
    }

    public let counts: [Count]
    /// How long the oldest due job has waited, in seconds.
    public let oldestDueSeconds: Double?
    public let completedLastMinute: Int
    public let completedLastHour: Int
    /// Waiting jobs whose kind no handler of this build runs: they wait for one (a rolling
    /// deploy), never discarded.
    public let withoutHandler: [String: Int]
    /// Waiting jobs per queue that no live worker claims (`worker` table): they wait for a worker
    /// started with that queue.
    public let unclaimed: [String: Int]
}

extension JobQueue {
    /// `handled` is the kinds this build runs; the others are counted apart.
    public func stats(handled: Set<String>) throws -> QueueStats {
        let counts = try connection.execute(
            "SELECT queue, kind, state, count(*) FROM job GROUP BY queue, kind, state ORDER BY queue, kind, state"
        )
        .map { row in
            let (queue, kind, state, count) = try row.decode((String, String, JobState, Int).self)
            return QueueStats.Count(queue: queue, kind: kind, state: state, count: count)
        }
        let figures = try connection.execute(
            """
            SELECT (SELECT extract(epoch FROM now() - min(run_at))::float8::text FROM job
                    WHERE state IN ('scheduled', 'available', 'retryable') AND run_at <= now()) AS oldest,
                   (SELECT count(*) FROM job WHERE state = 'completed' AND finished_at > now() - interval '1 minute') AS minute,
                   (SELECT count(*) FROM job WHERE state = 'completed' AND finished_at > now() - interval '1 hour') AS hour,
                   (SELECT coalesce(array_agg(DISTINCT queue), '{}') FROM worker, unnest(queues) AS queue
                    WHERE expires_at > now()) AS claimed
            """)[0]
        let claimed = Set(try figures.decode([String].self, "claimed"))
        var withoutHandler: [String: Int] = [:]
        var unclaimed: [String: Int] = [:]
        for count in counts where JobState.waiting.contains(count.state) {
            if !handled.contains(count.kind) { withoutHandler[count.kind, default: 0] += count.count }
            if !claimed.contains(count.queue) { unclaimed[count.queue, default: 0] += count.count }
        }
        return QueueStats(
            counts: counts, oldestDueSeconds: try figures.decode(String?.self, "oldest").flatMap(Double.init),
            completedLastMinute: try figures.decode(Int.self, "minute"),
            completedLastHour: try figures.decode(Int.self, "hour"), withoutHandler: withoutHandler,
            unclaimed: unclaimed)
    }
}
