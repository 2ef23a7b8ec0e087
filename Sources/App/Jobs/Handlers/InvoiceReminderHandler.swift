import Delivery
import Foundation
import Queue
import Training
import Worker

/// Recalls an invoice still unpaid after its due date to its buyer, with the invoice attached,
/// sent once; the coordinator hears of it as many days later if it is still unpaid then. A paid
/// or credited invoice is not recalled.
struct InvoiceReminderHandler: KindHandler {
    var kind: JobKind { .invoiceReminder }

    func perform(_ job: Job, in lane: JobContext) throws -> JobOutcome {
        let settings = lane.settings.messages
        let arguments = try job.arguments(InvoiceArguments.self)
        let messageID = "invoice-reminder.\(job.id).invoice-\(arguments.invoiceId)@\(settings.from.domain)"
        if try Deliveries(lane.store).wasAccepted(messageID: messageID) { return .completed }
        let invoices = Invoices(lane.store)
        guard try invoices.invoice(arguments.invoiceId).leftToPay > .zero else {
            return .discard(reason: "not sent: the invoice is paid or credited")
        }
        let mailing = try invoices.mailing(arguments.invoiceId, evidence: false)
        guard let rendered = settings.templates.render(kind, mailing.letter) else {
            return .discard(reason: "no template for \(kind.rawValue)")
        }
        let recipient = MailAddress(mailing.letter.recipient.email, displayName: mailing.letter.recipient.name)
        let outcome = try lane.mail(
            rendered, to: recipient, messageID: messageID, job: job, kind: kind,
            attachments: mailing.files.map { .init(fileName: $0.name, contentType: "application/pdf", bytes: $0.bytes) }
        )
        if case .completed = outcome { try invoices.scheduleOverdueNotice(arguments.invoiceId) }
        return outcome
    }
}
