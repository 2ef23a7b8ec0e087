import Queue
import Training
import Worker

/// Every kind of job this build runs, each with its handler: what `atelier worker` registers,
/// what `atelier jobs stats` counts as handled, and what the catalogue of `Jobs/` must hold.
/// Adding a kind is its handler, its `Jobs/<kind>/` folder, and one line here.
public enum JobRegistry {
    static let handlers: [any KindHandler] = [
        ParticipantMessageHandler(.convocation),
        ParticipantMessageHandler(.waitlistNotice),
        ParticipantMessageHandler(.promotionNotice),
        ParticipantMessageHandler(.reminder),
        ParticipantMessageHandler(.rescheduleNotice),
        ParticipantMessageHandler(.cancellationNotice),
        ParticipantMessageHandler(.certificate),
        ParticipantMessageHandler(.questionnaireHot),
        ParticipantMessageHandler(.questionnaireCold),
        ParticipantMessageHandler(.questionnaireReminder),
        ParticipantMessageHandler(.signatureRequest),
        ParticipantMessageHandler(.lastHalfDay),
        TrainerLinkHandler(),
        TrainerQuestionnaireHandler(),
        IncidentAnswerHandler(),
        AdaptationNoticeHandler(),
        StructureQuestionnaireHandler(),
        InvoiceHandler(),
        InvoiceReminderHandler(),
        BillingNoticeHandler(),
        WebhookHandler(),
        FundingReportHandler(),
        PruneHandler(),
    ]

    /// The kinds, in the list's order.
    public static var kinds: [JobKind] { handlers.map(\.kind) }

    /// The worker's registry. A kind that talks to another server waits out its outage: doubling
    /// delays from `retryDelay` up to an hour between attempts; the others too, the same way.
    static func workerRegistry(retryDelay: Duration) -> HandlerRegistry<JobContext> {
        var registry = HandlerRegistry<JobContext>()
        let backoff = Backoff(base: retryDelay, cap: .seconds(3600))
        func register(_ handler: some KindHandler) {
            registry.register(handler.kind.rawValue, backoff: backoff, handler)
        }
        for handler in handlers { register(handler) }
        return registry
    }
}
