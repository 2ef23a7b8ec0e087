import Delivery
import Postgres
import Training
import Worker

/// What a lane of `atelier worker` hands every job it runs: its connection, the settings, and
/// the senders it keeps from one job to the next. Built by the lane, on its thread, each time it
/// opens a connection; never shared.
public final class JobContext: LaneContext {
    public let connection: Connection
    let settings: JobSettings
    let senders: LaneSenders

    init(_ connection: Connection, settings: JobSettings) throws {
        self.connection = connection
        self.settings = settings
        senders = try LaneSenders(settings)
    }

    /// The domain over the lane's connection, in the job's transaction.
    var store: Store { Store(connection, jobs: settings.messages.jobs, timeZone: settings.messages.timeZone) }
}

@available(*, unavailable)
extension JobContext: Sendable {}

/// One lane's senders, each configured once from the settings: consecutive messages share one
/// SMTP session, consecutive calls to a host one connection.
struct LaneSenders {
    let mail: SMTPSender
    let webhooks: HTTPSender
    /// For the funding reports' uploads, when `reports.upload-url` is set: its own CA file, and
    /// time for a large file.
    let uploads: HTTPSender?

    /// Throws the sentence of an option libcurl refuses: the worker does not start with it.
    init(_ settings: JobSettings) throws(SettingsError) {
        do {
            mail = try SMTPSender(settings.messages.smtp)
        } catch {
            throw .refusedByLibcurl("The SMTP settings (smtp.*)", error)
        }
        do {
            webhooks = try HTTPSender()
            if let reports = settings.reports, !reports.uploadURL.isEmpty {
                uploads = try HTTPSender(timeout: .seconds(120), caFile: reports.caFile)
            } else {
                uploads = nil
            }
        } catch {
            throw .refusedByLibcurl("The HTTP settings (reports.ca-file)", error)
        }
    }
}
