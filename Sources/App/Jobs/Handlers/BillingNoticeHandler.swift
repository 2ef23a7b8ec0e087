import Delivery
import Foundation
import Queue
import Training
import Worker

/// Tells the coordinator of an invoice still unpaid after its reminder, or of a funder's
/// invoicing deadline near with its invoice not issued; sent once, and not at all when there is
/// nothing left to tell.
struct BillingNoticeHandler: KindHandler {
    var kind: JobKind { .billingNotice }

    func perform(_ job: Job, in lane: JobContext) throws -> JobOutcome {
        let settings = lane.settings.messages
        let arguments = try job.arguments(BillingNoticeArguments.self)
        let messageID = "billing-notice.\(job.id)@\(settings.from.domain)"
        if try Deliveries(lane.store).wasAccepted(messageID: messageID) { return .completed }
        guard let letter = try Invoices(lane.store).billingNotice(arguments) else {
            return .discard(reason: "not sent: the invoice is paid, or the funder's invoice issued")
        }
        guard let rendered = settings.templates.render(letter) else {
            return .discard(reason: "no template for \(kind.rawValue)")
        }
        let recipient = MailAddress(letter.recipient.email, displayName: letter.recipient.name)
        return try lane.mail(rendered, to: recipient, messageID: messageID, job: job, kind: kind)
    }
}
