import ArgumentParser
import Dispatch
import Foundation
import Logging
import Postgres
import Queue
import Training
import Worker

/// `atelier worker`: runs the jobs that coordinators' actions queued.
struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Run queued jobs until stopped (SIGTERM or SIGINT), or until none is due with --until-idle.",
        discussion: """
            Run as many as the load needs, on as many machines: they share the work through the \
            database. Settings: worker.lanes, worker.poll-seconds, worker.poll-only, \
            worker.lease-seconds, worker.shutdown-seconds. Periodic jobs: Jobs/schedule.yaml, and the \
            funding exports of reports.funders on reports.cron. Logs go to \
            standard error.

            Example: atelier worker --until-idle
            """)

    @Flag(name: .customLong("until-idle"), help: "Stop once no job is due and every lane is idle, with status 0.")
    var untilIdle = false
    @OptionGroup var options: GlobalOptions

    func run() throws {
        try options.run { context in
            let settings = context.settings
            guard !settings.databaseURL.text.isEmpty else {
                throw SettingsError.noDatabase(privateClusterURLFile: context.root.privateClusterURLFile.path)
            }
            var workerOptions = WorkerOptions(database: try ConnectionConfiguration(settings.databaseURL.text))
            workerOptions.lanes = settings.integer(.workerLanes)
            workerOptions.pollInterval = .seconds(settings.integer(.workerPollSeconds))
            workerOptions.pollOnly = settings.boolean(.workerPollOnly)
            workerOptions.lease = .seconds(settings.integer(.workerLeaseSeconds))
            workerOptions.shutdownGrace = .seconds(settings.integer(.workerShutdownSeconds))
            workerOptions.untilIdle = untilIdle
            workerOptions.periodic = try PeriodicSchedule.load(context.root.periodicSchedule)
            workerOptions.timeZone = context.timeZone
            // One sentence now, rather than a log of retries, when the database is away or not migrated.
            try context.connect().execute("SELECT 1 FROM job LIMIT 0")
            var registry = QueueKinds.registry(settings)
            let messages = try context.messageSettings()
            registry.registerMessages(messages)
            if let reports = try context.reportSettings() {
                registry.registerReports(reports, messages: messages)
                let catalogue = Catalogue(try context.store())
                workerOptions.periodic += try reports.funders.map { code in
                    do { _ = try catalogue.funder(code) } catch let error as TrainingError where error.kind == .notFound
                    {
                        throw SettingsError.invalid(
                            .reportsFunders, reason: "names \(code), which no funder has",
                            source: settings[.reportsFunders].source)
                    }
                    return PeriodicJob(
                        name: "funding-report-\(code.lowercased())", schedule: reports.schedule,
                        job: try messages.jobs.job(.fundingReport, FundingReportArguments(funder: code), key: nil))
                }
            }
            LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
            let worker = Worker(options: workerOptions, registry: registry)
            let signals = [SIGTERM, SIGINT].map { number in
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { worker.stop() }
                source.resume()
                return source
            }
            let inTime = worker.run()
            for source in signals { source.cancel() }
            if !inTime { throw ExitCode(ExitStatus.temporaryFailure.rawValue) }
        }
    }
}

/// The kinds this build runs, with their handlers.
enum QueueKinds {
    static func registry(_ settings: Settings) -> HandlerRegistry {
        var registry = HandlerRegistry()
        let completedDays = settings.integer(.keepCompletedDays)
        let discardedDays = settings.integer(.keepDiscardedDays)
        registry.register(
            "prune",
            ClosureHandler { _, connection in
                try prune(on: connection, keepingCompleted: completedDays, discarded: discardedDays)
                return .completed
            })
        return registry
    }

    /// Every kind `atelier worker` runs: the queue's own, each message, webhooks, funding reports.
    static func handled(_ settings: Settings) -> Set<String> {
        Set(registry(settings).kinds + (JobKind.participantMessages + [.webhook, .fundingReport]).map(\.rawValue))
    }

    /// Deletes the finished jobs kept longer than their number of days.
    @discardableResult
    static func prune(on connection: Connection, keepingCompleted completedDays: Int, discarded discardedDays: Int)
        throws -> Int
    {
        let now = Date()
        return try JobQueue(connection).prune(
            completedBefore: now.addingTimeInterval(-86_400 * Double(completedDays)),
            discardedBefore: now.addingTimeInterval(-86_400 * Double(discardedDays)))
    }
}
