import Foundation
import Logging
import Postgres
import Queue
import Worker

// The real worker with the handlers the tests register, as its own process, so that tests can
// run several, kill one with SIGKILL, stop one with SIGTERM, and restart the database under them.
//
//   TestWorker URL [--lanes N] [--lease-ms N] [--poll-ms N] [--until-idle] [--poll-only] [--grace-ms N]
//              [--periodic "KIND CRON"]
//
// Kinds: `probe` writes a row to `probe_effect` in the job's transaction (after `sleep_ms`, if
// given); `fail` always throws; `slow` records its start in `probe_started` at once, sleeps
// `sleep_ms` and completes.

struct Failure: Error, CustomStringConvertible {
    let attempt: Int
    var description: String { "failure number \(attempt)" }
}

struct Arguments: Decodable {
    var sleepMilliseconds: Int?

    enum CodingKeys: String, CodingKey { case sleepMilliseconds = "sleep_ms" }
}

var arguments = CommandLine.arguments.dropFirst()
guard let url = arguments.popFirst() else { fatalError("usage: TestWorker URL [options]") }
var options = WorkerOptions(database: try ConnectionConfiguration(url))
while let flag = arguments.popFirst() {
    func number() -> Int { Int(arguments.popFirst() ?? "") ?? 0 }
    switch flag {
    case "--lanes": options.lanes = number()
    case "--lease-ms": options.lease = .milliseconds(number())
    case "--poll-ms": options.pollInterval = .milliseconds(number())
    case "--grace-ms": options.shutdownGrace = .milliseconds(number())
    case "--until-idle": options.untilIdle = true
    case "--poll-only": options.pollOnly = true
    case "--periodic":  // "probe */1 * * * *": the kind, then its cron schedule
        let words = (arguments.popFirst() ?? "").split(separator: " ", maxSplits: 1).map(String.init)
        options.periodic.append(
            PeriodicJob(name: words[0], schedule: try CronSchedule(words[1]), job: try NewJob(kind: words[0])))
    default: fatalError("unknown option \(flag)")
    }
}

enum Pause {
    static func asAsked(by job: Job) throws {
        if let milliseconds = try job.arguments(Arguments.self).sleepMilliseconds {
            Thread.sleep(forTimeInterval: Double(milliseconds) / 1000)
        }
    }
}

var registry = HandlerRegistry<ConnectionContext>()
registry.register(
    "probe",
    ClosureHandler { job, lane in
        try Pause.asAsked(by: job)
        try lane.connection.execute(
            "INSERT INTO probe_effect (job_id, worker) VALUES (\(job.id), \(ProcessInfo.processInfo.processIdentifier))"
        )
        return .completed
    })
registry.register(
    "fail", backoff: Backoff(base: .milliseconds(50), cap: .seconds(1)),
    ClosureHandler { job, _ in
        throw Failure(attempt: job.attempt)
    })
registry.register(
    "slow", transactional: false,
    ClosureHandler { job, lane in
        // Outside any transaction: seen at once.
        try lane.connection.execute("INSERT INTO probe_started (job_id) VALUES (\(job.id))")
        try Pause.asAsked(by: job)
        return .completed
    })

LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
let worker = Worker(options: options, registry: registry)
signal(SIGTERM, SIG_IGN)
let termination = DispatchSource.makeSignalSource(signal: SIGTERM, queue: .global())
termination.setEventHandler { worker.stop() }
termination.resume()
exit(worker.run() ? 0 : 1)
