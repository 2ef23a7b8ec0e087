import Foundation
import Postgres

/// The queue at a glance: what waits, what runs, what finished lately.
public struct QueueStats: Sendable, Hashable, Codable {
    public struct Count: Sendable, Hashable, Codable {
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
}

extension JobQueue {
    /// `handled` is the kinds this build runs; the others are counted apart.
    public func stats(handled: Set<String>) throws -> QueueStats {
        let counts = try connection.execute(
            "SELECT kind, state, count(*) FROM job GROUP BY kind, state ORDER BY kind, state"
        )
        .map { row in
            let (kind, state, count) = try row.decode((String, JobState, Int).self)
            return QueueStats.Count(kind: kind, state: state, count: count)
        }
        let figures = try connection.execute(
            """
            SELECT (SELECT extract(epoch FROM now() - min(run_at))::float8::text FROM job
                    WHERE state IN ('scheduled', 'available', 'retryable') AND run_at <= now()) AS oldest,
                   (SELECT count(*) FROM job WHERE state = 'completed' AND finished_at > now() - interval '1 minute') AS minute,
                   (SELECT count(*) FROM job WHERE state = 'completed' AND finished_at > now() - interval '1 hour') AS hour
            """)[0]
        var withoutHandler: [String: Int] = [:]
        for count in counts where JobState.waiting.contains(count.state) && !handled.contains(count.kind) {
            withoutHandler[count.kind, default: 0] += count.count
        }
        return QueueStats(
            counts: counts, oldestDueSeconds: try figures.decode(String?.self, "oldest").flatMap(Double.init),
            completedLastMinute: try figures.decode(Int.self, "minute"),
            completedLastHour: try figures.decode(Int.self, "hour"), withoutHandler: withoutHandler)
    }
}
