import Delivery
import Foundation
import Queue
import Training
import Worker

/// Mails an issued invoice or credit note to its buyer's billing email as frozen at issue, with
/// its PDF as issued and, for a funder, the certificats de réalisation of the trainees it pays
/// for; recorded in `delivery` in the job's transaction, so that it is sent once. While those
/// certificates are not all issued yet, or the relay is away, the job tries again later.
struct InvoiceHandler: KindHandler {
    var kind: JobKind { .invoice }

    func perform(_ job: Job, in lane: JobContext) throws -> JobOutcome {
        let settings = lane.settings.messages
        let arguments = try job.arguments(InvoiceArguments.self)
        let messageID = "invoice.\(job.id).invoice-\(arguments.invoiceId)@\(settings.from.domain)"
        if try Deliveries(lane.store).wasAccepted(messageID: messageID) { return .completed }
        let mailing: InvoiceMailing
        do {
            mailing = try Invoices(lane.store).mailing(arguments.invoiceId)
        } catch let error as TrainingError where error.kind == .tryAgain {
            throw DeliveryDeferred(reason: error.description)
        }
        guard let rendered = settings.templates.render(kind, mailing.letter) else {
            return .discard(reason: "no template for \(kind.rawValue)")
        }
        let recipient = MailAddress(mailing.letter.recipient.email, displayName: mailing.letter.recipient.name)
        return try lane.mail(
            rendered, to: recipient, messageID: messageID, job: job, kind: kind,
            attachments: mailing.files.map { .init(fileName: $0.name, contentType: "application/pdf", bytes: $0.bytes) }
        )
    }
}
