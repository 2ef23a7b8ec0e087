import Delivery
import Queue
import Training
import Worker

extension SendOutcome {
    /// The job's outcome once what the server said is recorded: accepted → completed; refused →
    /// discarded with the reply (`server` says whose); deferred → thrown, so that the job's
    /// transaction records nothing and the job is retried after its kind's backoff.
    func settled(refusedBy server: String, record: (Deliveries.State, String) throws -> Void) throws -> JobOutcome {
        switch self {
        case .accepted(let reply):
            try record(.accepted, reply)
            return .completed
        case .refused(let reason):
            try record(.refused, reason)
            return .discard(reason: "refused by \(server): \(reason)")
        case .deferred(let reason):
            throw DeliveryDeferred(reason: reason)
        }
    }
}

/// The server could not take the message now: the job is tried again after its backoff.
struct DeliveryDeferred: Error, CustomStringConvertible {
    let reason: String
    var description: String { "not delivered yet: \(reason)" }
}

extension JobContext {
    /// Mails `rendered` to someone other than a participant — a trainer, whoever reported an
    /// incident, a buyer — as `messageID`, recording the delivery in the job's transaction.
    func mail(
        _ rendered: RenderedMessage, to recipient: MailAddress, messageID: String, job: Job, kind: JobKind,
        attachments: [MailMessage.Attachment] = []
    ) throws -> JobOutcome {
        let settings = settings.messages
        let message = MailMessage(
            from: settings.from, to: recipient, replyTo: settings.replyTo, subject: rendered.subject,
            messageID: messageID, text: rendered.text, html: rendered.html, attachments: attachments)
        return try senders.mail.send(message).settled(refusedBy: "the mail server") { state, reply in
            try Deliveries(store).record(
                job: job.id, kind: kind, channel: .mail, registration: nil, recipient: recipient.address,
                messageID: messageID, state, reply: reply, content: Deliveries.Content(message))
        }
    }
}

extension Deliveries.Content {
    /// What `message` says, its attachments by name, size and digest.
    init(_ message: MailMessage) {
        self.init(
            subject: message.subject, text: message.text,
            attachments: message.attachments.map { .init(name: $0.fileName, bytes: $0.bytes.count, sha256: $0.sha256) })
    }
}
