import Delivery
import Foundation
import Queue
import Training
import Worker

/// Sends a trainer the session's trainer link, in the job's transaction, as the participants'
/// messages go: a message already accepted is not sent again, one refused for good is not
/// retried, a relay away makes the job try again later. A session cancelled since, or a trainer
/// without an email or no longer on its half-days, gets nothing.
struct TrainerLinkHandler: KindHandler {
    var kind: JobKind { .trainerLink }

    func perform(_ job: Job, in lane: JobContext) throws -> JobOutcome {
        let settings = lane.settings.messages
        let store = lane.store
        let arguments = try job.arguments(TrainerLinkArguments.self)
        let messageID = "trainer-link.\(job.id).trainer-\(arguments.trainerId)@\(settings.from.domain)"
        if try Deliveries(store).wasAccepted(messageID: messageID) { return .completed }
        let status = try Sessions(store).session(arguments.session).status
        guard status == .scheduled else { return .discard(reason: "not sent: the session is \(status.rawValue)") }
        let token = try TrainerCertification(store).issueLink(
            session: arguments.sessionId, trainer: arguments.trainerId)
        guard
            let letter = try Letters(store).trainerLetter(
                session: arguments.session, trainer: arguments.trainerId, link: settings.links.trainer(token: token),
                changed: arguments.changed)
        else { return .discard(reason: "not sent: the trainer has no email or no half-day of the session any more") }
        guard let rendered = settings.templates.render(kind, letter) else {
            return .discard(reason: "no template for \(kind.rawValue)")
        }
        let trainer = MailAddress(letter.trainer.email, displayName: letter.trainer.name)
        return try lane.mail(rendered, to: trainer, messageID: messageID, job: job, kind: kind)
    }
}
