import Delivery
import Foundation
import Postgres
import Queue
import Training

/// Sends one message of `kind` to a registration's participant, in the job's transaction: the
/// `delivery` row commits with the job's completion. A message already accepted (a retry after a
/// crash) is not sent again; one refused for good is not retried; a relay that is away, busy
/// or slow makes the job try again later.
struct ParticipantMessageHandler: JobHandler {
    let kind: JobKind
    let settings: MessageSettings

    func perform(_ job: Job, on connection: Connection) throws -> JobOutcome {
        let store = Store(connection, jobs: settings.jobs, timeZone: settings.timeZone)
        let registration = try job.arguments(JobKind.Arguments.self)
        let messageID = "\(kind.rawValue).\(job.id).registration-\(registration.registrationId)@\(settings.from.domain)"
        let deliveries = Deliveries(store)
        if let earlier = try deliveries.delivery(messageID: messageID) { return Self.outcome(of: earlier) }
        let letters = Letters(store)
        if let reason = try letters.reasonNotToSend(kind, registration: registration.registrationId) {
            return .discard(reason: "not sent: \(reason)")
        }
        let link = try kind.questionnaireMoment.map { moment in
            "\(settings.webBaseURL)/q/\(try QuestionnaireLinks(store).issue(registration: registration.registrationId, moment))"
        }
        let letter = try letters.letter(kind, registration: registration.registrationId, daysBefore: registration.daysBefore,
                                        questionnaireLink: link)
        guard let rendered = settings.templates.render(kind, letter) else { return .discard(reason: "no template for \(kind.rawValue)") }
        let participant = MailAddress(letter.participant.email, displayName: "\(letter.participant.firstName) \(letter.participant.lastName)")
        var message = MailMessage(from: settings.from, to: participant, replyTo: settings.replyTo, subject: rendered.subject,
                                  messageID: messageID, text: rendered.text, html: rendered.html)
        if let method = kind.inviteMethod {
            message.attachments = [try invite(method, registration: registration.registrationId, to: participant, letters: letters)]
        }
        let sender = LaneLocal.value("smtp-sender") { SMTPSender(settings.smtp) }
        switch sender.send(message) {
        case .accepted(let reply):
            try deliveries.record(job: job.id, kind: kind, channel: .mail, registration: registration.registrationId,
                                  recipient: participant.address, messageID: messageID, .accepted, reply: reply)
            return .completed
        case .refused(let reason):
            try deliveries.record(job: job.id, kind: kind, channel: .mail, registration: registration.registrationId,
                                  recipient: participant.address, messageID: messageID, .refused, reply: reason)
            return .discard(reason: "refused by the mail server: \(reason)")
        case .deferred(let reason):
            throw DeliveryDeferred(reason: reason)
        }
    }

    /// The `.ics` of the session's parts: the same UIDs each time, a higher sequence after each
    /// rescheduling, and one more for the cancellation.
    private func invite(_ method: CalendarInvite.Method, registration: Int, to participant: MailAddress, letters: Letters) throws -> MailMessage.Attachment {
        let (version, parts) = try letters.appointments(registration: registration)
        let invite = CalendarInvite(
            method: method, sequence: version + (method == .cancel ? 1 : 0), timeZone: settings.timeZone,
            organizer: settings.from, attendee: participant,
            events: parts.map { .init(uid: "\($0.key)@\(settings.from.domain)", start: $0.start, end: $0.end, summary: $0.summary,
                                      location: $0.location, description: $0.description) })
        return .init(fileName: "invitation.ics", contentType: "text/calendar; charset=UTF-8; method=\(method.rawValue)", bytes: invite.rendered())
    }

    static func outcome(of earlier: Deliveries.Delivery) -> JobOutcome {
        switch earlier.state {
        case .accepted: .completed
        case .refused: .discard(reason: "refused by the mail server: \(earlier.reply)")
        }
    }
}

/// The server could not take the message now: the job is tried again after its backoff.
struct DeliveryDeferred: Error, CustomStringConvertible {
    let reason: String
    var description: String { "not delivered yet: \(reason)" }
}

extension JobKind {
    /// The calendar invite a message carries, if any.
    var inviteMethod: CalendarInvite.Method? {
        switch self {
        case .convocation, .promotionNotice, .rescheduleNotice: .request
        case .cancellationNotice: .cancel
        default: nil
        }
    }

    var questionnaireMoment: QuestionnaireLinks.Moment? {
        switch self {
        case .questionnaireHot: .hot
        case .questionnaireCold: .cold
        default: nil
        }
    }
}
