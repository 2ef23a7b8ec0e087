import Delivery
import Foundation
import Queue
import Training
import Worker

/// Mails the answer to an incident to whoever reported it, in the job's transaction, as the
/// other messages go: a message already accepted is not sent again, one refused for good is not
/// retried, a relay away makes the job try again later. Someone Atelier has no email for gets
/// nothing; the answer stays in the register.
struct IncidentAnswerHandler: KindHandler {
    var kind: JobKind { .incidentAnswer }

    func perform(_ job: Job, in lane: JobContext) throws -> JobOutcome {
        let settings = lane.settings.messages
        let store = lane.store
        let arguments = try job.arguments(IncidentAnswerArguments.self)
        let messageID = "incident-answer.\(job.id).incident-\(arguments.incidentId)@\(settings.from.domain)"
        if try Deliveries(store).wasAccepted(messageID: messageID) { return .completed }
        guard let letter = try Letters(store).incidentAnswerLetter(incident: arguments.incidentId) else {
            return .discard(reason: "not sent: Atelier has no email for whoever reported it")
        }
        guard let rendered = settings.templates.render(letter) else {
            return .discard(reason: "no template for \(kind.rawValue)")
        }
        let recipient = MailAddress(letter.recipient.email, displayName: letter.recipient.name)
        return try lane.mail(rendered, to: recipient, messageID: messageID, job: job, kind: kind)
    }
}
