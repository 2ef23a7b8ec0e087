import Foundation
import Logging
import Postgres
import Queue
import Synchronization
import Worker

// Atelier's queue on a real server: enqueue rate, drain rate at 1, 2 and 4 lanes with a no-op
// handler, and the time from an enqueue's commit to its handler's start. One JSON line per figure.
//
//   QueueBenchmark URL JOBS

enum Benchmark {
    static func run() throws {
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        let arguments = CommandLine.arguments
        guard arguments.count == 3, let jobs = Int(arguments[2]) else { fatalError("usage: QueueBenchmark URL JOBS") }
        let configuration = try ConnectionConfiguration(arguments[1])
        let connection = try Connection(configuration)

        func report(_ name: String, _ value: Double) {
            print(#"{"figure": "\#(name)", "value": \#(String(format: "%.1f", value))}"#)
        }

        func enqueue(_ count: Int, kind: String = "noop") throws -> Duration {
            let clock = ContinuousClock()
            return try clock.measure {
                for start in stride(from: 0, to: count, by: 1000) {
                    try JobQueue(connection).enqueue(
                        (start..<min(start + 1000, count)).map { _ in try NewJob(kind: kind) })
                }
            }
        }

        func seconds(_ duration: Duration) -> Double {
            Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        }

        var registry = HandlerRegistry<ConnectionContext>()
        registry.register("noop", transactional: false, ClosureHandler { _, _ in .completed })
        registry.register("noop-in-transaction", ClosureHandler { _, _ in .completed })

        // Each drain the best of two rounds: on a small machine one round can meet autovacuum.
        for lanes in [1, 2, 4] {
            var best = 0.0
            for round in 0..<2 {
                try connection.execute("TRUNCATE job")
                let enqueued = try enqueue(jobs)
                if lanes == 1 && round == 0 { report("enqueue_jobs_per_s", Double(jobs) / seconds(enqueued)) }
                var options = WorkerOptions(database: configuration)
                options.lanes = lanes
                options.batchSize = 100
                options.untilIdle = true
                let drained = ContinuousClock().measure { Worker(options: options, registry: registry).run() }
                let done = try connection.execute("SELECT count(*) FROM job WHERE state = 'completed'")[0].decode(
                    Int.self, at: 0)
                precondition(done == jobs, "drained \(done) of \(jobs)")
                best = max(best, Double(jobs) / seconds(drained))
            }
            report("drain_jobs_per_s_\(lanes)_lanes", best)
        }

        // The same no-op in a transaction of its own per job, as handlers that write to the database run.
        try connection.execute("TRUNCATE job")
        _ = try enqueue(jobs, kind: "noop-in-transaction")
        var transactional = WorkerOptions(database: configuration)
        transactional.lanes = 2
        transactional.batchSize = 100
        transactional.untilIdle = true
        let drainedOneByOne = ContinuousClock().measure { Worker(options: transactional, registry: registry).run() }
        report("drain_jobs_per_s_transactional_2_lanes", Double(jobs) / seconds(drainedOneByOne))

        // Wake latency: an idle worker (polling once a minute), one job at a time.
        try connection.execute("TRUNCATE job")
        let started = Mutex<ContinuousClock.Instant?>(nil)
        let ran = DispatchSemaphore(value: 0)
        var timed = HandlerRegistry<ConnectionContext>()
        timed.register(
            "wake",
            ClosureHandler { _, _ in
                started.withLock { $0 = .now }
                ran.signal()
                return .completed
            })
        var idle = WorkerOptions(database: configuration)
        idle.lanes = 1
        idle.pollInterval = .seconds(60)
        let worker = Worker(options: idle, registry: timed)
        let thread = Thread { worker.run() }
        thread.start()
        Thread.sleep(forTimeInterval: 1)
        var latencies: [Double] = []
        for _ in 0..<1000 {
            let committed = ContinuousClock.now
            try JobQueue(connection).enqueue([try NewJob(kind: "wake")])
            ran.wait()
            if let handled = started.withLock({ $0 }) { latencies.append(seconds(handled - committed) * 1000) }
            Thread.sleep(forTimeInterval: 0.005)
        }
        worker.stop()
        latencies.sort()
        report("wake_p50_ms", latencies[latencies.count / 2])
        report("wake_p99_ms", latencies[latencies.count * 99 / 100])

    }
}

try Benchmark.run()
