import Foundation
import Postgres

extension JobQueue {
    /// Which waiting jobs to cancel.
    public enum Selection: Sendable, Hashable {
        case ids([Int])
        case kind(String)
        /// Every job whose unique key starts with this: `reminder:registration:42:`.
        case keyPrefix(String)
        /// Every job whose arguments hold this value under this key (compared as text).
        case argument(key: String, value: String)
    }

    /// Cancels the selected jobs that have not started (scheduled, available, retryable); a
    /// running job finishes. Returns the ids cancelled.
    @discardableResult
    public func cancel(_ selection: Selection) throws -> [Int] {
        var (ids, kind, prefix, argument): ([Int]?, String?, String?, (key: String, value: String)?) = (
            nil, nil, nil, nil
        )
        switch selection {
        case .ids(let selected): ids = selected
        case .kind(let selected): kind = selected
        case .keyPrefix(let selected): prefix = selected
        case .argument(let key, let value): argument = (key, value)
        }
        return try connection.execute(
            """
            UPDATE job SET state = 'cancelled', finished_at = now()
            WHERE state IN ('scheduled', 'available', 'retryable')
              AND (\(ids) IS NULL OR id = ANY(\(ids)))
              AND (\(kind) IS NULL OR kind = \(kind))
              AND (\(prefix) IS NULL OR starts_with(unique_key, \(prefix)))
              AND (\(argument?.key) IS NULL OR args ->> \(argument?.key) = \(argument?.value))
            RETURNING id
            """
        ).map { try $0.decode(Int.self, at: 0) }
    }

    /// Makes a job due again now — a discarded or cancelled one too, with one more attempt
    /// allowed. `false` when the job is running or completed, or does not exist.
    public func retry(_ id: Int) throws -> Bool {
        try !connection.execute(
            """
            UPDATE job SET state = 'available', run_at = now(), finished_at = NULL,
                max_attempts = greatest(max_attempts, least(attempt + 1, 100))
            WHERE id = \(id) AND state IN ('scheduled', 'available', 'retryable', 'discarded', 'cancelled')
            RETURNING id
            """
        ).isEmpty
    }

    /// Deletes completed jobs finished before `completedBefore`, and discarded or cancelled ones
    /// before `discardedBefore`, `batch` rows at a time so that no statement holds many locks.
    @discardableResult
    public func prune(completedBefore: Date, discardedBefore: Date, batch: Int = 1000) throws -> Int {
        var deleted = 0
        for (state, before) in [
            (JobState.completed, completedBefore), (.discarded, discardedBefore), (.cancelled, discardedBefore),
        ] {
            while true {
                let count = try connection.execute(
                    """
                    DELETE FROM job WHERE id IN (
                        SELECT id FROM job WHERE state = \(state) AND finished_at < \(before) ORDER BY finished_at LIMIT \(batch))
                    RETURNING id
                    """
                ).count
                deleted += count
                if count < batch { break }
            }
        }
        try connection.execute("DELETE FROM periodic_run WHERE inserted_at < \(discardedBefore)")
        return deleted
    }

    public func job(_ id: Int) throws -> Job? {
        try connection.execute("SELECT \(unescaped: Job.columns) FROM job WHERE id = \(id)").map(Job.init(row:)).first
    }

    /// Jobs, newest first, filtered by state, kind, queue and an argument's value
    /// (`"session": "S-2027-001"`).
    public func jobs(
        state: JobState? = nil, kind: String? = nil, queue: String? = nil,
        argument: (key: String, value: String)? = nil, limit: Int = 100
    ) throws -> [Job] {
        try connection.execute(
            """
            SELECT \(unescaped: Job.columns) FROM job
            WHERE (\(state) IS NULL OR state = \(state)) AND (\(kind) IS NULL OR kind = \(kind))
              AND (\(queue) IS NULL OR queue = \(queue))
              AND (\(argument?.key) IS NULL OR args ->> \(argument?.key) = \(argument?.value))
            ORDER BY id DESC LIMIT \(limit)
            """
        ).map(Job.init(row:))
    }
}
