import Delivery
import Foundation
import Training

/// What the handlers of messages and webhooks need besides the job: the relay, the sender, the
/// templates, checked once when the worker starts.
public struct MessageSettings: Sendable {
    public var smtp: SMTPConfiguration
    public var from: MailAddress
    public var replyTo: MailAddress?
    /// The pages that messages link to: questionnaires.
    public var links: WebLinks
    public var templates: MessageTemplates
    public var jobs: JobCatalogue
    public var timeZone: TimeZone
    /// The first wait before a message the server could not take is tried again; it doubles.
    public var retryDelay: Duration
    /// The organisation's stamp (a PNG) on the certificates, if it has one.
    public var stamp: [UInt8]?
    /// The règlement intérieur (a PDF) convocations attach, if there is one.
    public var rules: [UInt8]?
    /// The programmes convocations attach, drawn once each.
    public let programmes = ProgrammeDocuments()
    /// The days after a questionnaire's invitation when it is sent again to whoever has not
    /// answered (`questionnaire.reminder-days`).
    public var questionnaireReminderDays: [Int]
    /// Minutes after a half-day starts when whoever has not signed it is reminded to
    /// (`attendance.signature-request-minutes`); `nil`: never.
    public var signatureRequestMinutes: Int?

    public init(
        smtp: SMTPConfiguration, from: MailAddress, replyTo: MailAddress?, links: WebLinks,
        templates: MessageTemplates, jobs: JobCatalogue, timeZone: TimeZone, retryDelay: Duration = .seconds(30),
        stamp: [UInt8]? = nil, rules: [UInt8]? = nil, questionnaireReminderDays: [Int] = [3, 7],
        signatureRequestMinutes: Int? = 15
    ) {
        self.questionnaireReminderDays = questionnaireReminderDays
        self.signatureRequestMinutes = signatureRequestMinutes
        self.smtp = smtp
        self.from = from
        self.replyTo = replyTo
        self.links = links
        self.templates = templates
        self.jobs = jobs
        self.timeZone = timeZone
        self.retryDelay = retryDelay
        self.stamp = stamp
        self.rules = rules
    }
}
