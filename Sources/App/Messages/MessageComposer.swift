import Delivery
import Foundation
import Training

/// Writes the message of one kind to one registration: the rendered templates, the participant
/// as recipient, and the calendar invite of the kinds that carry one. What the worker sends and
/// what `atelier mail preview` prints.
public struct MessageComposer {
    let settings: MessageSettings
    let store: Store

    public init(_ settings: MessageSettings, store: Store) {
        self.settings = settings
        self.store = store
    }

    /// A convocation attaches, after its calendar invite, the programme its session keeps and the
    /// règlement intérieur; `documents` come last: a certificate's PDF.
    public func message(
        _ kind: JobKind, registration: Int, daysBefore: Int?, questionnaireLink: String?,
        signing: Letter.Signing? = nil,
        slot: Int? = nil, messageID: String, documents: [MailMessage.Attachment] = []
    ) throws -> MailMessage? {
        let letters = Letters(store)
        let letter = try letters.letter(
            kind, registration: registration, daysBefore: daysBefore, questionnaireLink: questionnaireLink,
            signing: signing, slot: slot)
        guard let rendered = settings.templates.render(kind, letter) else { return nil }
        let participant = MailAddress(
            letter.participant.email, displayName: "\(letter.participant.firstName) \(letter.participant.lastName)")
        var message = MailMessage(
            from: settings.from, to: participant, replyTo: settings.replyTo, subject: rendered.subject,
            messageID: messageID, text: rendered.text, html: rendered.html)
        if let method = kind.inviteMethod {
            message.attachments = [try invite(method, registration: registration, to: participant, letters: letters)]
        }
        if kind.attachesProgramme {
            let programme = try settings.programmes.attachment(ofSession: letter.session.code, store: store)
            message.attachments.append(
                .init(fileName: programme.fileName, contentType: "application/pdf", bytes: programme.pdf))
            if let rules = settings.rules {
                message.attachments.append(
                    .init(fileName: "reglement-interieur.pdf", contentType: "application/pdf", bytes: rules))
            }
        }
        message.attachments += documents
        return message
    }

    /// The `.ics` of the session's parts: the same UIDs each time, a higher sequence after each
    /// rescheduling, and one more for the cancellation.
    private func invite(
        _ method: CalendarInvite.Method, registration: Int, to participant: MailAddress, letters: Letters
    ) throws -> MailMessage.Attachment {
        let (version, parts) = try letters.appointments(registration: registration)
        let invite = CalendarInvite(
            method: method, sequence: version + (method == .cancel ? 1 : 0), timeZone: settings.timeZone,
            organizer: settings.from, attendee: participant,
            events: parts.map {
                .init(
                    uid: "\($0.key)@\(settings.from.domain)", start: $0.start, end: $0.end, summary: $0.summary,
                    location: $0.location, description: $0.description)
            })
        return .init(
            fileName: "invitation.ics", contentType: "text/calendar; charset=UTF-8; method=\(method.rawValue)",
            bytes: invite.rendered())
    }
}

extension Certificate {
    /// The certificate as a mail attachment.
    public var attachment: MailMessage.Attachment {
        .init(fileName: fileName, contentType: "application/pdf", bytes: pdf)
    }
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

    /// The messages that convoke: the convocation, and the notice of a seat freed for someone
    /// waiting, which stands in for it.
    var attachesProgramme: Bool { self == .convocation || self == .promotionNotice }

    /// The moment whose participants' questionnaire a kind's message carries the link of; a
    /// relance's questionnaire is in its arguments.
    public var questionnaireMoment: Questionnaire.Moment? {
        switch self {
        case .convocation, .promotionNotice: .convocation
        case .lastHalfDay: .lastHalfDay
        case .questionnaireHot: .completion
        case .questionnaireCold: .threeMonthsAfter
        default: nil
        }
    }

    /// Whether the link is its message's purpose, so that without a questionnaire there is
    /// nothing to send, and whoever has not answered it is reminded: not so for a convocation.
    var invitesOnly: Bool { self == .lastHalfDay || self == .questionnaireHot || self == .questionnaireCold }
}
