import Foundation
import Postgres
import Queue

/// How a worker runs: where, how many lanes, how it waits and how it stops.
public struct WorkerOptions: Sendable {
    public var database: ConnectionConfiguration
    public var queues = ["default"]
    /// Jobs run at once, each lane on its own thread with its own connection.
    public var lanes = 2
    /// How many jobs a lane claims at once.
    public var batchSize = 10
    /// How often an idle lane looks for due jobs when nothing wakes it.
    public var pollInterval: Duration = .seconds(5)
    /// Never LISTEN (a PgBouncer in transaction mode passes no notifications).
    public var pollOnly = false
    /// How long a claim holds without a heartbeat; heartbeats come three times per lease.
    public var lease: Duration = .seconds(30)
    /// How long running jobs may take to finish after SIGTERM.
    public var shutdownGrace: Duration = .seconds(30)
    /// Stop once no job is due and every lane is idle.
    public var untilIdle = false
    /// Inserted once per period by whichever worker gets there first, checked at each heartbeat.
    public var periodic: [PeriodicJob] = []
    /// The zone periodic schedules are read in.
    public var timeZone = TimeZone(identifier: "Europe/Paris") ?? .gmt
    /// Names the worker in `job.worker`: host, process and a random part.
    public var id =
        "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier):\(UInt16.random(in: 0...UInt16.max))"

    public init(database: ConnectionConfiguration) { self.database = database }
}
