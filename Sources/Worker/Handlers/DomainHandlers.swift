import Queue
import Training

extension HandlerRegistry {
    /// Registers a handler for every kind of message and for webhooks. A message waits out an
    /// outage: doubling delays from `retryDelay` up to an hour between attempts.
    public mutating func registerMessages(_ settings: MessageSettings) {
        let backoff = Backoff(base: settings.retryDelay, cap: .seconds(3600))
        for kind in JobKind.participantMessages {
            register(kind.rawValue, backoff: backoff, ParticipantMessageHandler(kind: kind, settings: settings))
        }
        register(JobKind.webhook.rawValue, backoff: backoff, WebhookHandler(settings: settings))
    }

    /// Registers the funding reports' handler, with the same backoff as messages.
    public mutating func registerReports(_ reports: ReportSettings, messages: MessageSettings) {
        register(
            JobKind.fundingReport.rawValue, backoff: Backoff(base: messages.retryDelay, cap: .seconds(3600)),
            FundingReportHandler(reports: reports, messages: messages))
    }
}
