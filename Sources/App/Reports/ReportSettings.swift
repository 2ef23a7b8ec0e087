import Delivery
import Documents
import Foundation
import Queue
import Training

/// Where and when the funding exports go: read from `reports.*` and checked when the worker starts.
public struct ReportSettings: Sendable {
    public var funders: [String]
    public var schedule: CronSchedule
    public var format: TableFormat
    /// The accountant, who receives each export attached to a message.
    public var recipient: MailAddress?
    /// An HTTPS address to PUT each export to instead; `{funder}` and `{file}` are replaced.
    public var uploadURL: String
    /// A CA bundle for an upload server whose certificate a private authority signed; `nil`: the
    /// system's.
    public var caFile: String?

    public init(
        funders: [String], schedule: CronSchedule, format: TableFormat, recipient: MailAddress?, uploadURL: String,
        caFile: String?
    ) {
        self.funders = funders
        self.schedule = schedule
        self.format = format
        self.recipient = recipient
        self.uploadURL = uploadURL
        self.caFile = caFile
    }

    /// The days a report job covers: from the schedule's run before the job's own to the day
    /// before it, in `timeZone`. The job's run is the period its unique key records (not its
    /// `run_at`, which a retry moves; not its creation, which may fall after the next run).
    func period(of job: Job, in timeZone: TimeZone) -> (from: LocalDate, to: LocalDate)? {
        guard let wall = PeriodicJob.period(of: job),
            let day = try? LocalDate(year: wall.year, month: wall.month, day: wall.day)
        else {
            return nil
        }
        let run =
            switch day.at(hour: wall.hour, minute: wall.minute, in: timeZone) {
            case .instant(let date), .repeated(let date): date
            case .skipped: day.start(in: timeZone)  // a run in the hour the clocks skip: its day
            }
        guard let (previous, _) = schedule.latest(atOrBefore: run.addingTimeInterval(-60), in: timeZone) else {
            return nil
        }
        return (LocalDate(previous, in: timeZone), day.previous)
    }
}
