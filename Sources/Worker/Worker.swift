import Foundation
import Logging
import Postgres
import Queue
import Synchronization

/// A worker: lanes that claim and run jobs, one connection that listens for wake-ups, and a
/// heartbeat that renews leases, rescues the jobs of workers that died and keeps this worker's
/// record (`worker` table) fresh. It knows no kinds of job: its registry does.
///
/// libpq blocks, so nothing here runs on Swift's cooperative pool: each lane, the listener and
/// the heartbeat is a thread of its own with its own connection, which it alone touches. Each
/// lane builds its `Context` from its connection with `makeContext`, on its own thread.
public final class Worker<Context: LaneContext>: Sendable {
    let options: WorkerOptions
    let registry: HandlerRegistry<Context>
    let makeContext: @Sendable (Connection) throws -> Context
    let logger: Logger
    private let wakes: [Wake]
    private let stopSignal = StopSignal()
    private let state = Mutex(State())

    struct State {
        var stopping = false
        var idleLanes = Set<Int>()
        /// The jobs each lane claimed and has not finished: what the heartbeat renews.
        var held: [Int: Set<Int>] = [:]
    }

    public init(
        options: WorkerOptions, registry: HandlerRegistry<Context>,
        logger: Logger = Logger(label: "atelier.worker"),
        makeContext: @escaping @Sendable (Connection) throws -> Context
    ) {
        self.options = options
        self.registry = registry
        self.makeContext = makeContext
        var logger = logger
        logger[metadataKey: "worker"] = "\(options.id)"
        self.logger = logger
        wakes = (0..<options.lanes).map { _ in Wake() }
    }

    public var isStopping: Bool { state.withLock { $0.stopping } }

    /// Asks the worker to stop: lanes claim nothing more, finish the job they run, and hand back
    /// the ones they claimed but had not started.
    public func stop() {
        let first = state.withLock { state in
            defer { state.stopping = true }
            return !state.stopping
        }
        if first { logger.info("stopping: finishing the running jobs") }
        stopSignal.signal()
        wakeAll()
    }

    func wakeAll() { for wake in wakes { wake.signal() } }

    /// Runs until `stop()` (or, with `untilIdle`, until nothing is due), then waits up to the
    /// shutdown grace for running jobs. Returns whether every lane finished in time.
    @discardableResult
    public func run() -> Bool {
        logger.info(
            "started",
            metadata: [
                "lanes": "\(options.lanes)", "queues": "\(options.queues.joined(separator: ","))",
                "kinds": "\(registry.kinds.joined(separator: ","))",
            ])
        // The periods that came while no worker ran are caught up before the lanes look for work,
        // so that `--until-idle` runs them too; the heartbeat inserts the later ones, and tries
        // again what fails here.
        if !options.periodic.isEmpty {
            do {
                try insertPeriodicJobs(JobQueue(Connection(options.database)))
            } catch {
                logger.error(
                    "could not catch up the periodic jobs: the heartbeat tries again",
                    metadata: ["error": "\(error)"])
            }
        }
        let done = DispatchSemaphore(value: 0)
        var threads: [Thread] = (0..<options.lanes).map { index in
            Thread { [self] in
                Lane(index: index, worker: self).run()
                done.signal()
            }
        }
        // The heartbeat and the listener end soon after the stop; the process must not exit under
        // them while they are inside libpq (its exit handlers would pull the library away).
        let helpersDone = DispatchSemaphore(value: 0)
        threads.append(
            Thread { [self] in
                runHeartbeat()
                helpersDone.signal()
            })
        if !options.pollOnly {
            threads.append(
                Thread { [self] in
                    runListener()
                    helpersDone.signal()
                })
        }
        for (index, thread) in threads.enumerated() {
            thread.name = index < options.lanes ? "lane \(index)" : "worker"
            thread.start()
        }
        // Every lane ends by itself once stopping; the grace counts from the stop request.
        var finished = 0
        while finished < options.lanes {
            if isStopping {
                let deadline = DispatchTime.now() + .milliseconds(Int(options.shutdownGrace.components.seconds * 1000))
                while finished < options.lanes, done.wait(timeout: deadline) == .success { finished += 1 }
                break
            }
            if done.wait(timeout: .now() + .milliseconds(200)) == .success { finished += 1 }
        }
        stop()
        let helpers = threads.count - options.lanes
        let helpersDeadline = DispatchTime.now() + .seconds(5)
        for _ in 0..<helpers where helpersDone.wait(timeout: helpersDeadline) == .timedOut {
            logger.warning("the heartbeat or the listener did not end within 5 s of the stop")
            break
        }
        leave()
        let inTime = finished == options.lanes
        if inTime {
            logger.info("stopped")
        } else {
            logger.warning(
                "stopped with jobs still running after the grace period: their leases will expire and another worker will retry them"
            )
        }
        return inTime
    }

    /// A lane found nothing to do. With `untilIdle`, the last lane to go idle stops the worker.
    func laneIsIdle(_ index: Int) {
        let allIdle = state.withLock { state in
            state.idleLanes.insert(index)
            return state.idleLanes.count == options.lanes
        }
        if allIdle && options.untilIdle { stop() }
    }

    func laneIsBusy(_ index: Int) {
        _ = state.withLock { $0.idleLanes.remove(index) }
    }

    /// What lane `index` holds now.
    func lane(_ index: Int, holds ids: [Int]) {
        state.withLock { $0.held[index] = Set(ids) }
    }

    var heldJobs: [Int] { state.withLock { $0.held.values.flatMap { $0 }.sorted() } }

    func wait(lane: Int, _ timeout: Duration) { wakes[lane].wait(timeout) }

    /// Renews this worker's record and leases, rescues expired ones and inserts the periodic jobs
    /// whose period came, three times per lease.
    private func runHeartbeat() {
        var link = DatabaseLink(worker: self, role: "heartbeat")
        let presence = WorkerPresence(
            id: options.id, host: ProcessInfo.processInfo.hostName, pid: Int(ProcessInfo.processInfo.processIdentifier),
            lanes: options.lanes, queues: options.queues)
        while !isStopping {
            link.use { connection in
                let queue = JobQueue(connection)
                try queue.beat(presence, lease: options.lease)
                try queue.renewLeases(heldJobs, worker: options.id, lease: options.lease)
                let rescued = try queue.rescueExpired()
                if !rescued.isEmpty {
                    logger.warning("rescued jobs whose worker stopped heartbeating", metadata: ["jobs": "\(rescued)"])
                    wakeAll()
                }
                try insertPeriodicJobs(queue)
            }
            sleep(options.lease / 3)
        }
    }

    private func insertPeriodicJobs(_ queue: JobQueue) throws {
        for periodic in options.periodic {
            if let id = try queue.insertPeriodic(periodic, timeZone: options.timeZone) {
                logger.info(
                    "inserted a periodic job",
                    metadata: ["job": "\(id)", "kind": "\(periodic.job.kind)", "name": "\(periodic.name)"])
                wakeAll()
            }
        }
    }

    /// Deletes this worker's record once it stopped. A failure is only logged: the record expires
    /// with the lease.
    private func leave() {
        do {
            try JobQueue(Connection(options.database)).leave(worker: options.id)
        } catch {
            logger.warning(
                "could not remove this worker's record: it expires with its lease", metadata: ["error": "\(error)"])
        }
    }

    /// Listens on each queue's channel and wakes the lanes when a job is enqueued.
    private func runListener() {
        var link = DatabaseLink(worker: self, role: "listener")
        var listening = false
        while !isStopping {
            link.use { connection in
                if !listening || !connection.isConnected {
                    for queue in options.queues { try connection.listen(JobQueue.channel(queue)) }
                    listening = true
                }
                if try connection.waitForNotification(timeout: .milliseconds(500), interruption: stopSignal.descriptor)
                    != nil
                {
                    wakeAll()
                }
            } onReconnect: { _ in
                listening = false
                wakeAll()  // a notification may have been missed while away
            }
        }
    }

    /// Sleeps for `duration`, or until the stop.
    func sleep(_ duration: Duration) {
        if !isStopping { stopSignal.wait(duration) }
    }
}
