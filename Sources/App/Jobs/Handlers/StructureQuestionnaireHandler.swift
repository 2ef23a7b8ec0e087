import Delivery
import Foundation
import Queue
import Training
import Worker

/// Asks a structure's contact, three months after a session its people followed, the
/// questionnaire answered by employers — a personal link of its own, in the job's transaction.
/// Sent once; not sent without such a questionnaire, without a contact's email, or once answered.
struct StructureQuestionnaireHandler: KindHandler {
    var kind: JobKind { .structureQuestionnaire }

    func perform(_ job: Job, in lane: JobContext) throws -> JobOutcome {
        let settings = lane.settings.messages
        let store = lane.store
        let arguments = try job.arguments(StructureQuestionnaireArguments.self)
        let messageID =
            "structure-questionnaire.\(job.id).structure-\(arguments.structureId)@\(settings.from.domain)"
        if try Deliveries(store).wasAccepted(messageID: messageID) { return .completed }
        guard let questionnaire = try Questionnaires(store).sent(.threeMonthsAfter, to: .employer) else {
            return .discard(reason: "not sent: no questionnaire for structures is sent three months after")
        }
        if try Assessments(store).hasAnswered(
            structure: arguments.structureId, session: arguments.sessionId, kind: questionnaire)
        {
            return .discard(reason: "not sent: the structure has answered")
        }
        let link = settings.links.questionnaire(
            token: try QuestionnaireLinks(store).issue(
                structure: arguments.structureId, session: arguments.sessionId, questionnaire))
        guard
            let letter = try Letters(store).structureQuestionnaireLetter(
                session: arguments.session, structure: arguments.structureId, link: link)
        else { return .discard(reason: "not sent: the structure has no contact's email") }
        guard let rendered = settings.templates.render(letter) else {
            return .discard(reason: "no template for \(kind.rawValue)")
        }
        let recipient = MailAddress(letter.contact.email, displayName: letter.contact.name)
        return try lane.mail(rendered, to: recipient, messageID: messageID, job: job, kind: kind)
    }
}
