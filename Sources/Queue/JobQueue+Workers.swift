import Foundation
import Postgres

/// A running worker as it registers itself: what `atelier jobs workers` lists and what tells
/// `atelier jobs stats` which queues some worker claims.
public struct WorkerPresence: Sendable, Hashable, Codable {
    public let id: String
    public let host: String
    public let pid: Int
    public let lanes: Int
    public let queues: [String]
    public let startedAt: Date
    public let heartbeatAt: Date

    public init(id: String, host: String, pid: Int, lanes: Int, queues: [String]) {
        (self.id, self.host, self.pid, self.lanes, self.queues) = (id, host, pid, lanes, queues)
        (startedAt, heartbeatAt) = (Date(), Date())
    }

    init(row: Row) throws {
        (id, host, pid, lanes) = try row.decode((String, String, Int, Int).self)
        queues = try row.decode([String].self, "queues")
        startedAt = try row.decode(Date.self, "started_at")
        heartbeatAt = try row.decode(Date.self, "heartbeat_at")
    }
}

extension JobQueue {
    /// Records that `worker` is alive until `lease` from now: inserted by its first heartbeat,
    /// renewed by each one after. A worker that stops heartbeating is counted dead once the
    /// lease has passed, as its jobs are.
    public func beat(_ worker: WorkerPresence, lease: Duration) throws {
        try connection.execute(
            """
            INSERT INTO worker (id, host, pid, lanes, queues, expires_at)
            VALUES (\(worker.id), \(worker.host), \(worker.pid), \(worker.lanes), \(worker.queues),
                    now() + make_interval(secs => \(lease.seconds)::float8))
            ON CONFLICT (id) DO UPDATE SET heartbeat_at = now(), expires_at = excluded.expires_at
            """)
    }

    /// A worker that stopped says so, rather than waiting for its lease to pass; the records of
    /// workers dead for a day are deleted with it.
    public func leave(worker id: String) throws {
        try connection.execute(
            "DELETE FROM worker WHERE id = \(id) OR expires_at < now() - interval '1 day'")
    }

    /// The workers whose heartbeat is fresh, oldest first.
    public func liveWorkers() throws -> [WorkerPresence] {
        try connection.execute(
            """
            SELECT id, host, pid, lanes, queues, started_at, heartbeat_at FROM worker
            WHERE expires_at > now() ORDER BY started_at, id
            """
        ).map(WorkerPresence.init(row:))
    }
}
