import Foundation
import Queue

/// The kinds of job Atelier runs: those the trade's events imply, and the queue's own upkeep.
/// Their queue, priority and attempts are not here but in `Jobs/<kind>/job.yaml`, beside the
/// kind's templates (see `JobCatalogue`); their handlers are in `App`'s registry.
public enum JobKind: String, CaseIterable, Sendable, Codable {
    case convocation
    case waitlistNotice = "waitlist-notice"
    case promotionNotice = "promotion-notice"
    case reminder
    case rescheduleNotice = "reschedule-notice"
    case cancellationNotice = "cancellation-notice"
    case certificate
    case questionnaireHot = "questionnaire-hot"
    case questionnaireCold = "questionnaire-cold"
    /// A relance: the questionnaire's link again, days after it, to whoever has not answered.
    case questionnaireReminder = "questionnaire-reminder"
    /// « Pensez à signer »: minutes after a half-day starts, to whoever has not signed it.
    case signatureRequest = "signature-request"
    /// The trainer's link to certify the half-days: when the session is scheduled, and again
    /// when it changes.
    case trainerLink = "trainer-link"
    /// At completion, to each trainer of the session: their page asks the trainers' questionnaire.
    case trainerQuestionnaire = "trainer-questionnaire"
    /// The answer to a complaint, an incident or a difficulty, to whoever reported it.
    case incidentAnswer = "incident-answer"
    /// To the disability referent: a participant asked for an adaptation in a questionnaire.
    case adaptationNotice = "adaptation-notice"
    /// The link of the questionnaire sent when the last half-day starts (the self-assessment).
    case lastHalfDay = "last-half-day"
    /// Three months after a session, the structures' questionnaire to the contact of each
    /// structure whose people attended.
    case structureQuestionnaire = "structure-questionnaire"
    /// An issued invoice or credit note, to its buyer's billing email; a funder's with the
    /// certificats de réalisation of the trainees it pays for.
    case invoice
    /// An issued invoice still unpaid some days after its due date, recalled to its buyer.
    case invoiceReminder = "invoice-reminder"
    /// To the coordinator: an invoice still unpaid after its reminder, or a funder's invoicing
    /// deadline near with its invoice not issued.
    case billingNotice = "billing-notice"
    case webhook
    case fundingReport = "funding-report"
    /// Deletes finished jobs past their keeping time, on the schedule of `Jobs/schedule.yaml`.
    case prune

    /// What every job of a registration carries: enough to find it again, whatever was edited.
    public struct Arguments: Codable, Sendable, Hashable {
        public let session: String
        public let sessionId: Int
        public let registrationId: Int
        public let participantId: Int
        /// For reminders: how many days before the first slot.
        public var daysBefore: Int?
        /// For a questionnaire's relance: which questionnaire.
        public var questionnaire: QuestionnaireCode? = nil
        /// For a signature request: the half-day's slot.
        public var slotId: Int? = nil
    }
}

/// A `trainer-link` job: the session and the trainer it writes to; `changed` after a rescheduling.
public struct TrainerLinkArguments: Codable, Sendable, Hashable {
    public let session: String
    public let sessionId: Int
    public let trainerId: Int
    public var changed: Bool
}

/// An `incident-answer` job: the incident whose answer to mail.
public struct IncidentAnswerArguments: Codable, Sendable, Hashable {
    public let incidentId: Int
}

/// An `invoice` job: the invoice or credit note to mail.
public struct InvoiceArguments: Codable, Sendable, Hashable {
    public let invoiceId: Int
}

/// A `billing-notice` job: the invoice still unpaid, or the agreement whose funder's invoicing
/// deadline is near.
public struct BillingNoticeArguments: Codable, Sendable, Hashable {
    public var invoiceId: Int?
    public var agreementId: Int?
}

/// An `adaptation-notice` job: the registration whose answer asked for an adaptation.
public struct AdaptationNoticeArguments: Codable, Sendable, Hashable {
    public let registrationId: Int
    public let questionnaire: QuestionnaireCode
}

/// A `structure-questionnaire` job: the session, and the structure asked about it.
public struct StructureQuestionnaireArguments: Codable, Sendable, Hashable {
    public let session: String
    public let sessionId: Int
    public let structureId: Int
}

/// A `webhook` job: which event to POST, and where.
public struct WebhookArguments: Codable, Sendable, Hashable {
    public let event: Int
    public let name: String
    public let endpoint: Int
    /// The endpoint's URL as shown, its password masked: the call reads the real one.
    public let url: String
}

/// A `funding-report` job: the funder whose export goes to the accountant. The period is the one
/// before the job's periodic run.
public struct FundingReportArguments: Codable, Sendable, Hashable {
    public let funder: String

    public init(funder: String) { self.funder = funder }
}
