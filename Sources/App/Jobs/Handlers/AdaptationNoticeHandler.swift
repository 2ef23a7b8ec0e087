import Delivery
import Foundation
import Queue
import Training
import Worker

/// Tells the disability referent that a participant asked for an adaptation, in the job's
/// transaction, as the other messages go: sent once, retried while the relay is away. An
/// organisation without a referent's email gets nothing mailed; the answer stays for
/// `assessment show --kind positioning`.
struct AdaptationNoticeHandler: KindHandler {
    var kind: JobKind { .adaptationNotice }

    func perform(_ job: Job, in lane: JobContext) throws -> JobOutcome {
        let settings = lane.settings.messages
        let arguments = try job.arguments(AdaptationNoticeArguments.self)
        let messageID =
            "adaptation-notice.\(job.id).registration-\(arguments.registrationId)@\(settings.from.domain)"
        if try Deliveries(lane.store).wasAccepted(messageID: messageID) { return .completed }
        guard
            let letter = try Letters(lane.store).adaptationNoticeLetter(
                registration: arguments.registrationId, questionnaire: arguments.questionnaire)
        else {
            return .discard(reason: "not sent: the organisation names no disability referent with an email")
        }
        guard let rendered = settings.templates.render(letter) else {
            return .discard(reason: "no template for \(kind.rawValue)")
        }
        let recipient = MailAddress(letter.referent.email, displayName: letter.referent.name)
        return try lane.mail(rendered, to: recipient, messageID: messageID, job: job, kind: kind)
    }
}
