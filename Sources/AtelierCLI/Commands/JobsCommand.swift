import App
import ArgumentParser
import Foundation
import Queue
import Training

/// `atelier jobs …`: what the queue holds, and the hand a coordinator or an operator lends it.
struct JobsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobs", abstract: "List, inspect, retry, cancel and prune queued jobs.",
        subcommands: [List.self, Show.self, Retry.self, Cancel.self, Stats.self, Workers.self, Prune.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List jobs, newest first.",
            discussion: "Example: atelier jobs list --state discarded --session S-2027-001")

        @Option(help: "Only jobs in this state.") var state: JobState?
        @Option(help: "Only jobs of this kind, like convocation.") var kind: String?
        @Option(help: "Only jobs of this queue.") var queue: String?
        @Option(help: "Only the jobs of this session.") var session: String?
        @Option(help: "At most this many.") var limit = 100
        @OptionGroup var output: OutputOptions
        @OptionGroup var options: GlobalOptions

        func validate() throws {
            guard (1...100_000).contains(limit) else { throw ValidationError("--limit goes from 1 to 100000.") }
        }

        func run() throws {
            try options.run { context in
                let jobs = try JobQueue(context.connect()).jobs(
                    state: state, kind: kind, queue: queue, argument: session.map { ("session", $0.uppercased()) },
                    limit: limit)
                if output.json { return try Terminal.printJSON(jobs.map(JobView.init)) }
                print(
                    Terminal.table(
                        [["ID", "KIND", "STATE", "ATTEMPT", "RUN AT", "KEY"]]
                            + jobs.map {
                                [
                                    String($0.id), $0.kind, $0.state.rawValue, "\($0.attempt)/\($0.maxAttempts)",
                                    Display.instant($0.runAt, in: context.timeZone), $0.uniqueKey ?? "",
                                ]
                            }))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show a job: its arguments, its attempts and every error.",
            discussion: "Example: atelier jobs show 42")

        @Argument(help: "The job's id.") var id: Int
        @OptionGroup var output: OutputOptions
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                guard let job = try JobQueue(context.connect()).job(id) else {
                    throw TrainingError(.notFound, "No job has the id \(id).")
                }
                if output.json { return try Terminal.printJSON(JobView(job)) }
                let zone = context.timeZone
                print(
                    "Job \(job.id): \(job.kind) on queue \(job.queue), \(job.state.rawValue), attempt \(job.attempt) of \(job.maxAttempts), priority \(job.priority)"
                )
                print("  arguments \(job.args.text)")
                print(
                    "  run at \(Display.instant(job.runAt, in: zone)); created \(Display.instant(job.createdAt, in: zone))"
                        + (job.finishedAt.map { "; finished \(Display.instant($0, in: zone))" } ?? ""))
                if let key = job.uniqueKey { print("  unique key \(key)") }
                if let worker = job.worker { print("  running on \(worker)") }
                for error in job.errors {
                    print("  attempt \(error.attempt), \(Display.instant(error.at, in: zone)): \(error.message)")
                }
            }
        }
    }

    struct Retry: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "retry",
            abstract: "Make a job due now: a discarded or cancelled one too, with one more attempt.",
            discussion: "Example: atelier jobs retry 42")

        @Argument(help: "The job's id.") var id: Int
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                let store = try context.store()
                let queue = JobQueue(store.connection)
                guard let job = try queue.job(id) else { throw TrainingError(.notFound, "No job has the id \(id).") }
                guard try queue.retry(id) else {
                    throw TrainingError(
                        .refused,
                        "The job \(id) is \(job.state.rawValue): only a job that waits, or was discarded or cancelled, can be retried."
                    )
                }
                if let refusal = try Deliveries(store).lastRefusal(job: id) {
                    print(
                        "The job \(id) (\(job.kind)) is due now: its last attempt was refused (\(refusal.droppingFinalStop)), and the worker will try the server again."
                    )
                } else {
                    print("The job \(id) (\(job.kind)) is due now.")
                }
            }
        }
    }

    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cancel",
            abstract: "Cancel jobs that have not started: one by id, every one of a kind, or by unique-key prefix.",
            discussion: "Example: atelier jobs cancel --key-prefix reminder:registration:42:")

        @Argument(help: "The job's id.") var id: Int?
        @Option(help: "Every waiting job of this kind.") var kind: String?
        @Option(name: .customLong("key-prefix"), help: "Every waiting job whose unique key starts with this.")
        var keyPrefix: String?
        @OptionGroup var options: GlobalOptions

        func validate() throws {
            guard [id != nil, kind != nil, keyPrefix != nil].filter({ $0 }).count == 1 else {
                throw ValidationError("Name the jobs to cancel one way: an id, --kind or --key-prefix.")
            }
        }

        func run() throws {
            try options.run { context in
                let selection: JobQueue.Selection =
                    if let id { .ids([id]) } else if let kind { .kind(kind) } else { .keyPrefix(keyPrefix ?? "") }
                let queue = JobQueue(try context.connect())
                let cancelled = try queue.cancel(selection)
                if cancelled.isEmpty, let id {
                    guard let job = try queue.job(id) else { throw TrainingError.notFound("No job has the id \(id).") }
                    throw TrainingError.refused(
                        job.state == .running
                            ? "The job \(id) is running: it can no longer be cancelled."
                            : "The job \(id) is \(job.state.rawValue) already: only a waiting job can be cancelled.")
                }
                print("Cancelled \(cancelled.count) job\(cancelled.count == 1 ? "" : "s").")
            }
        }
    }

    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stats",
            abstract: "Count jobs per queue, kind and state, and show how the queue keeps up.",
            discussion: """
                Says so when jobs wait in a queue that no running worker claims, or for a kind this \
                build does not run.

                Example: atelier jobs stats --json
                """)

        @OptionGroup var output: OutputOptions
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                let stats = try JobQueue(context.connect()).stats(handled: Set(JobRegistry.kinds.map(\.rawValue)))
                if output.json { return try Terminal.printJSON(stats) }
                print(
                    Terminal.table(
                        [["QUEUE", "KIND", "STATE", "JOBS"]]
                            + stats.counts.map { [$0.queue, $0.kind, $0.state.rawValue, String($0.count)] }))
                print(
                    "Oldest due job: \(stats.oldestDueSeconds.map { "waiting \(Int($0)) s" } ?? "none"). Completed: \(stats.completedLastMinute) in the last minute, \(stats.completedLastHour) in the last hour."
                )
                for (kind, count) in stats.withoutHandler.sorted(by: { $0.key < $1.key }) {
                    print(
                        "\(count) \(kind) job\(count == 1 ? "" : "s") wait for a worker that runs \(kind): none in this build."
                    )
                }
                for (queue, count) in stats.unclaimed.sorted(by: { $0.key < $1.key }) {
                    print(
                        "\(count) job\(count == 1 ? " waits" : "s wait") in the queue \(queue), which no running worker claims: start one with `atelier worker --queue \(queue)`."
                    )
                }
            }
        }
    }

    struct Workers: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "workers",
            abstract: "List the workers running: host, process, lanes, queues, start and last heartbeat.",
            discussion: """
                A worker counts as running while its heartbeat is fresh (worker.lease-seconds); one \
                that stopped cleanly leaves the list at once.

                Example: atelier jobs workers --json
                """)

        @OptionGroup var output: OutputOptions
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                let workers = try JobQueue(context.connect()).liveWorkers()
                if output.json { return try Terminal.printJSON(workers) }
                guard !workers.isEmpty else { return print("No worker is running.") }
                print(
                    Terminal.table(
                        [["HOST", "PID", "LANES", "QUEUES", "STARTED", "LAST HEARTBEAT"]]
                            + workers.map {
                                [
                                    $0.host, String($0.pid), String($0.lanes), $0.queues.joined(separator: ","),
                                    Display.instant($0.startedAt, in: context.timeZone),
                                    Display.instant($0.heartbeatAt, in: context.timeZone),
                                ]
                            }))
            }
        }
    }

    struct Prune: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "prune",
            abstract: "Delete finished jobs older than jobs.keep-completed-days and jobs.keep-discarded-days.",
            discussion: "Example: atelier jobs prune")

        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                let deleted = try context.pruning.prune(on: context.connect())
                print("Pruned \(deleted) finished job\(deleted == 1 ? "" : "s").")
            }
        }
    }
}

/// A job as `--json` shows it, under stable field names.
struct JobView: Encodable {
    let id: Int
    let kind: String
    let queue: String
    let state: JobState
    let args: JSONText
    let priority: Int
    let attempt: Int
    let maxAttempts: Int
    let runAt: Date
    let uniqueKey: String?
    let errors: [JobError]
    let createdAt: Date
    let finishedAt: Date?

    init(_ job: Job) {
        (id, kind, queue, state, args, priority) = (job.id, job.kind, job.queue, job.state, job.args, job.priority)
        (attempt, maxAttempts, runAt, uniqueKey, errors) = (
            job.attempt, job.maxAttempts, job.runAt, job.uniqueKey, job.errors
        )
        (createdAt, finishedAt) = (job.createdAt, job.finishedAt)
    }

    enum CodingKeys: CodingKey {
        case id, kind, queue, state, args, priority, attempt, maxAttempts, runAt, uniqueKey, errors, createdAt,
            finishedAt
    }

    /// Every field, `null` included: a reader finds the same keys on every job.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(kind, forKey: .kind)
        try container.encode(queue, forKey: .queue)
        try container.encode(state, forKey: .state)
        try container.encode(args, forKey: .args)
        try container.encode(priority, forKey: .priority)
        try container.encode(attempt, forKey: .attempt)
        try container.encode(maxAttempts, forKey: .maxAttempts)
        try container.encode(runAt, forKey: .runAt)
        try container.encode(uniqueKey, forKey: .uniqueKey)
        try container.encode(errors, forKey: .errors)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(finishedAt, forKey: .finishedAt)
    }
}

extension JobState: ClosedWord {}
