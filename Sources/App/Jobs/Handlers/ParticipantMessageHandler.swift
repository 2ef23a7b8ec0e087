import Delivery
import Foundation
import Queue
import Training
import Worker

/// Sends one message of `kind` to a registration's participant, in the job's transaction: the
/// `delivery` row (and, for a certificate, the version issued) commits with the job's
/// completion. A message already accepted (a retry after a crash) is not sent again; one refused
/// for good is not retried; a relay that is away, busy or slow makes the job try again later.
struct ParticipantMessageHandler: KindHandler {
    let kind: JobKind

    init(_ kind: JobKind) { self.kind = kind }

    func perform(_ job: Job, in lane: JobContext) throws -> JobOutcome {
        let settings = lane.settings.messages
        let store = lane.store
        let registration = try job.arguments(JobKind.Arguments.self)
        let messageID = "\(kind.rawValue).\(job.id).registration-\(registration.registrationId)@\(settings.from.domain)"
        let deliveries = Deliveries(store)
        if try deliveries.wasAccepted(messageID: messageID) { return .completed }
        let letters = Letters(store)
        if let reason = try letters.reasonNotToSend(kind, registration: registration.registrationId)
            ?? registration.slotId.flatMap({ slot in
                kind == .lastHalfDay
                    ? try letters.reasonNotToInviteAtLastHalfDay(slot: slot)
                    : try letters.reasonNotToRequestSignature(registration: registration.registrationId, slot: slot)
            })
        {
            return .discard(reason: "not sent: \(reason)")
        }
        let questionnaire =
            try kind.questionnaireMoment.flatMap { try Questionnaires(store).sent($0, to: .participant) }
            ?? registration.questionnaire
        if kind.invitesOnly && questionnaire == nil {
            return .discard(reason: "not sent: no questionnaire for participants is sent with \(kind.rawValue)")
        }
        if kind == .questionnaireReminder || kind.invitesOnly, let questionnaire,
            try Assessments(store).hasAnswered(registration: registration.registrationId, kind: questionnaire)
        {
            return .discard(reason: "not sent: the participant has answered")
        }
        var documents: [MailMessage.Attachment] = []
        if kind == .certificate {
            let certificates = Certificates(store, stamp: settings.stamp)
            switch try certificates.issue(registration: registration.registrationId) {
            case .issued(let certificate):
                // The attestation de fin de formation travels with it, drawn as of the same day.
                documents = [certificate.attachment]
                if let attestation = try certificates.attestation(
                    registration: registration.registrationId, at: certificate.issuedAt)
                {
                    documents.append(
                        .init(fileName: attestation.fileName, contentType: "application/pdf", bytes: attestation.pdf))
                }
            case .unchanged(let certificate):
                return .discard(
                    reason: "not sent: the certificate version \(certificate.version), already sent, states these hours"
                )
            case .withdrawn: break  // the message says so, with nothing attached
            case .nothingAttended: return .discard(reason: "not sent: the participant attended nothing")
            }
        }
        let link = try questionnaire.map { questionnaire in
            settings.links.questionnaire(
                token: try QuestionnaireLinks(store).issue(registration: registration.registrationId, questionnaire))
        }
        let signing = try signing(kind, registration: registration.registrationId, settings: settings, store: store)
        guard
            let message = try MessageComposer(settings, store: store).message(
                kind, registration: registration.registrationId, daysBefore: registration.daysBefore,
                questionnaireLink: link, signing: signing, slot: registration.slotId, messageID: messageID,
                documents: documents)
        else { return .discard(reason: "no template for \(kind.rawValue)") }
        let participant = message.to
        return try lane.senders.mail.send(message).settled(refusedBy: "the mail server") { state, reply in
            try deliveries.record(
                job: job.id, kind: kind, channel: .mail, registration: registration.registrationId,
                recipient: participant.address, messageID: messageID, state, reply: reply,
                content: Deliveries.Content(message))
            if state == .accepted, kind.invitesOnly, let invitation = questionnaire {
                try queueRelances(registration, invitation, settings: settings, store: store)
            }
            if state == .accepted, kind.schedulesSignatureRequests {
                if let minutes = settings.signatureRequestMinutes {
                    try queueSignatureRequests(registration, minutes: minutes, settings: settings, store: store)
                }
                try queueLastHalfDay(registration, settings: settings, store: store)
            }
        }
    }

    /// A new signing link of the registration for a message of `kind` that carries one, in the
    /// job's transaction: each message its own link and personal code.
    private func signing(_ kind: JobKind, registration: Int, settings: MessageSettings, store: Store) throws
        -> Letter.Signing?
    {
        guard kind.providesSigningLink else { return nil }
        let issued = try Signatures(store).issueLink(registration: registration)
        return Letter.Signing(link: settings.links.signing(token: issued.token), personalCode: issued.personalCode)
    }

    /// The relances of an invitation just accepted, in its job's transaction: on each day of
    /// `questionnaire.reminder-days` after now, unless answered by then (answering cancels them).
    private func queueRelances(
        _ registration: JobKind.Arguments, _ questionnaire: QuestionnaireCode, settings: MessageSettings, store: Store
    ) throws {
        var arguments = registration
        arguments.questionnaire = questionnaire
        let now = Date()
        _ = try JobQueue(store.connection).enqueue(
            try settings.questionnaireReminderDays.map { days in
                try settings.jobs.job(
                    .questionnaireReminder, arguments, runAt: now.addingTimeInterval(Double(days) * 86_400),
                    key: Assessments.relanceKey(questionnaire, registration: registration.registrationId, days: days))
            })
    }

    /// The invitation to the questionnaire of the last half-day, when it starts, if a
    /// questionnaire for participants is sent then; a rescheduling queues the new last one's.
    private func queueLastHalfDay(_ registration: JobKind.Arguments, settings: MessageSettings, store: Store) throws {
        guard try Questionnaires(store).sent(.lastHalfDay, to: .participant) != nil,
            let last = try store.connection.execute(
                """
                SELECT id, starts_at FROM slot WHERE session_id = \(registration.sessionId) AND NOT cancelled
                ORDER BY starts_at DESC LIMIT 1
                """
            ).first
        else { return }
        let (slot, start) = try last.decode((Int, Date).self)
        var arguments = registration
        arguments.slotId = slot
        _ = try JobQueue(store.connection).enqueue([
            try settings.jobs.job(
                .lastHalfDay, arguments, runAt: start,
                key: "last-half-day:registration:\(registration.registrationId):slot:\(slot)")
        ])
    }

    /// « Pensez à signer » for each half-day of the session, `minutes` after it starts, in the
    /// job's transaction; a half-day's request already queued (an earlier convocation) stands,
    /// and one that finds the half-day signed, cancelled or over is not sent.
    private func queueSignatureRequests(
        _ registration: JobKind.Arguments, minutes: Int, settings: MessageSettings, store: Store
    ) throws {
        let slots = try store.connection.execute(
            "SELECT id, starts_at FROM slot WHERE session_id = \(registration.sessionId) AND NOT cancelled AND ends_at > now()"
        ).map { try $0.decode((Int, Date).self) }
        _ = try JobQueue(store.connection).enqueue(
            try slots.map { slot, start in
                var arguments = registration
                arguments.slotId = slot
                return try settings.jobs.job(
                    .signatureRequest, arguments, runAt: start.addingTimeInterval(Double(minutes) * 60),
                    key: "signature-request:registration:\(registration.registrationId):slot:\(slot)")
            })
    }
}
