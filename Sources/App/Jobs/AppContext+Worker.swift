import Foundation
import Postgres
import Queue
import Training
import Worker

extension AppContext {
    /// `atelier worker`: every kind of `JobRegistry` on the queues named (`--queue`), else on
    /// `worker.queues`, else on every queue `Jobs/*/job.yaml` names. Everything is checked here,
    /// once: the database reachable and migrated, the templates, the relay's settings as libcurl
    /// takes them, the reports' funders, the questionnaires (copied into the database). A worker
    /// that cannot run them does not start.
    public func worker(untilIdle: Bool, queues named: [String] = []) throws -> Worker<JobContext> {
        var options = WorkerOptions(database: try databaseConfiguration())
        options.lanes = settings.integer(.workerLanes)
        options.pollInterval = .seconds(settings.integer(.workerPollSeconds))
        options.pollOnly = settings.boolean(.workerPollOnly)
        options.lease = .seconds(settings.integer(.workerLeaseSeconds))
        options.shutdownGrace = .seconds(settings.integer(.workerShutdownSeconds))
        options.untilIdle = untilIdle
        options.timeZone = timeZone
        // One sentence now, rather than a log of retries, when the database is away or not migrated.
        let connection = try connect()
        try connection.execute("SELECT 1 FROM job, worker LIMIT 0")
        let settings = try jobSettings()
        let catalogue = settings.messages.jobs
        options.queues = named.isEmpty ? self.settings.list(.workerQueues) : named
        if options.queues.isEmpty { options.queues = catalogue.queues }
        options.periodic = try PeriodicSchedule.load(root.periodicSchedule, catalogue: catalogue)
        if let reports = settings.reports {
            options.periodic += try reportJobs(reports, catalogue: catalogue, connection: connection)
        }
        _ = try LaneSenders(settings)
        // Last, once everything else is known to work: a worker that does not start changes nothing.
        try synchroniseQuestionnaires(connection)
        return Worker(
            options: options, registry: JobRegistry.workerRegistry(retryDelay: settings.messages.retryDelay),
            makeContext: { connection in try JobContext(connection, settings: settings) })
    }

    /// One periodic job per funder of `reports.funders`, each of which must exist.
    private func reportJobs(_ reports: ReportSettings, catalogue: JobCatalogue, connection: Connection) throws
        -> [PeriodicJob]
    {
        let funders = Catalogue(Store(connection, jobs: catalogue, timeZone: timeZone))
        return try reports.funders.map { code in
            do { _ = try funders.funder(code) } catch TrainingError.notFound {
                throw SettingsError.invalid(
                    .reportsFunders, reason: "names \(code), which no funder has",
                    source: settings[.reportsFunders].source)
            }
            return PeriodicJob(
                name: "funding-report-\(code.lowercased())", schedule: reports.schedule,
                job: try catalogue.job(.fundingReport, FundingReportArguments(funder: code), key: nil))
        }
    }
}
