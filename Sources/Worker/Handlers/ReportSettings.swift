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
    public var caFile: String

    public init(funders: [String], schedule: CronSchedule, format: TableFormat, recipient: MailAddress?, uploadURL: String, caFile: String) {
        self.funders = funders
        self.schedule = schedule
        self.format = format
        self.recipient = recipient
        self.uploadURL = uploadURL
        self.caFile = caFile
    }

    /// The days covered by the export whose periodic job was inserted at `insertion`: from the
    /// schedule's run before the one that inserted it to the day before that run, in `timeZone`.
    /// From the insertion, not the job's run: a retry the next day covers the same days.
    func period(insertedAt insertion: Date, in timeZone: TimeZone) -> (from: LocalDate, to: LocalDate)? {
        guard let (run, _) = schedule.latest(atOrBefore: insertion, in: timeZone),
              let (previous, _) = schedule.latest(atOrBefore: run.addingTimeInterval(-60), in: timeZone) else { return nil }
        return (LocalDate(previous, in: timeZone), LocalDate(run, in: timeZone).previous)
    }
}
