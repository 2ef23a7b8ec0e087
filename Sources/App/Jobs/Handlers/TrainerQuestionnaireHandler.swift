import Delivery
import Foundation
import Queue
import Training
import Worker

/// At completion, asks each trainer of the session the trainers' questionnaire, on their page:
/// a new link to it, in the job's transaction, sent once. Not sent without such a questionnaire,
/// once answered, or to a trainer without an email or no longer on the session's half-days.
struct TrainerQuestionnaireHandler: KindHandler {
    var kind: JobKind { .trainerQuestionnaire }

    func perform(_ job: Job, in lane: JobContext) throws -> JobOutcome {
        let settings = lane.settings.messages
        let store = lane.store
        let arguments = try job.arguments(TrainerLinkArguments.self)
        let messageID = "trainer-questionnaire.\(job.id).trainer-\(arguments.trainerId)@\(settings.from.domain)"
        if try Deliveries(store).wasAccepted(messageID: messageID) { return .completed }
        guard let questionnaire = try Questionnaires(store).sent(.completion, to: .trainer) else {
            return .discard(reason: "not sent: no questionnaire for trainers is sent at completion")
        }
        if try Assessments(store).hasAnswered(
            trainer: arguments.trainerId, session: arguments.sessionId, kind: questionnaire)
        {
            return .discard(reason: "not sent: the trainer has answered")
        }
        let token = try TrainerCertification(store).issueLink(
            session: arguments.sessionId, trainer: arguments.trainerId)
        guard
            let letter = try Letters(store).trainerLetter(
                session: arguments.session, trainer: arguments.trainerId, link: settings.links.trainer(token: token),
                changed: false)
        else { return .discard(reason: "not sent: the trainer has no email or no half-day of the session any more") }
        guard let rendered = settings.templates.render(kind, letter) else {
            return .discard(reason: "no template for \(kind.rawValue)")
        }
        let trainer = MailAddress(letter.trainer.email, displayName: letter.trainer.name)
        return try lane.mail(rendered, to: trainer, messageID: messageID, job: job, kind: kind)
    }
}
