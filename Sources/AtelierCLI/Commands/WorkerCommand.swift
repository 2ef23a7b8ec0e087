import App
import ArgumentParser
import Logging
import Queue

/// `atelier worker`: runs the jobs that coordinators' actions queued.
struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Run queued jobs until stopped (SIGTERM or SIGINT), or until none is due with --until-idle.",
        discussion: """
            Run as many as the load needs, on as many machines: they share the work through the \
            database. Each claims the queues --queue names, else those of worker.queues, else every \
            queue that Jobs/*/job.yaml names, and says which when it starts. Settings: worker.lanes, \
            worker.queues, worker.poll-seconds, worker.poll-only, worker.lease-seconds, \
            worker.shutdown-seconds. Periodic jobs: Jobs/schedule.yaml, and the funding exports of \
            reports.funders on reports.cron. Logs go to standard error; `atelier jobs workers` lists \
            the workers running.

            Example: atelier worker --until-idle --queue default --queue mail
            """)

    @Flag(name: .customLong("until-idle"), help: "Stop once no job is due and every lane is idle, with status 0.")
    var untilIdle = false
    @Option(
        name: .customLong("queue"),
        help: "A queue to claim (repeat it for several); by default worker.queues, or every queue of Jobs/.")
    var queues: [String] = []
    @OptionGroup var options: GlobalOptions

    func validate() throws {
        if let wrong = queues.first(where: { !QueueName.isValid($0) }) {
            throw ValidationError("--queue \(wrong) is not a queue: 1 to 31 lowercase letters, digits or _.")
        }
    }

    func run() throws {
        try options.run(logLevel: .info) { context in
            let worker = try context.worker(untilIdle: untilIdle, queues: queues)
            let signals = TerminationSignals.handle { worker.stop() }
            let inTime = worker.run()
            for source in signals { source.cancel() }
            if !inTime { throw ExitCode(ExitStatus.temporaryFailure.rawValue) }
        }
    }
}
