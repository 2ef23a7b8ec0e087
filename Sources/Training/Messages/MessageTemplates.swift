import Foundation
import Mustache

/// The French templates of every kind of message, read from `Jobs/<kind>/` once, when a worker
/// or a command starts: `subject.mustache` (one line), `text.mustache`, `html.mustache`, and the
/// pieces they share in `Jobs/partials/`. A missing file, a syntax error, or a name the kind does
/// not provide stops Atelier there, naming the file: a blank in a participant's email is a bug,
/// never a surprise.
public struct MessageTemplates: Sendable {
    public static let files = ["subject", "text", "html"]
    /// Only HTML escapes `<`, `&` and `'`: subjects, plain text and the partials not named
    /// `*-html` say them as they are.
    static let plainText = "{{% CONTENT_TYPE: TEXT}}\n"

    struct KindTemplates: Sendable {
        let subject: MustacheTemplate
        let text: MustacheTemplate
        let html: MustacheTemplate
    }

    let templates: [JobKind: KindTemplates]
    let library: MustacheLibrary

    public init(folder: URL) throws(MessageTemplateError) {
        var templates: [JobKind: KindTemplates] = [:]
        let partialsFolder = folder.appendingPathComponent("partials")
        var partials: [String: String] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: partialsFolder.path)) ?? []
        where name.hasSuffix(".mustache") {
            let file = partialsFolder.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: file.path) else { throw .missing(file.path) }
            partials[String(name.dropLast(".mustache".count))] = String(decoding: data, as: UTF8.self)
        }
        var library = MustacheLibrary()
        for (name, source) in partials {
            do {
                // A Mustache pragma does not reach into partials: each says itself whether it escapes.
                try library.register((name.hasSuffix("-html") ? "" : Self.plainText) + source, named: name)
            } catch {
                throw .invalid(
                    partialsFolder.appendingPathComponent("\(name).mustache").path,
                    "it is not valid Mustache (\(error))")
            }
        }
        for kind in JobKind.participantMessages + JobKind.otherMessages {
            let schema = TemplateSchema(of: Self.example(for: kind))
            var loaded: [MustacheTemplate] = []
            for name in Self.files {
                let file = folder.appendingPathComponent("\(kind.rawValue)/\(name).mustache")
                guard let data = FileManager.default.contents(atPath: file.path) else { throw .missing(file.path) }
                let source = String(decoding: data, as: UTF8.self)
                if let problem = schema.problem(in: source, partials: partials) { throw .invalid(file.path, problem) }
                do {
                    loaded.append(try MustacheTemplate(string: (name == "html" ? "" : Self.plainText) + source))
                } catch {
                    throw .invalid(file.path, "it is not valid Mustache (\(error))")
                }
            }
            templates[kind] = KindTemplates(subject: loaded[0], text: loaded[1], html: loaded[2])
        }
        self.templates = templates
        self.library = library
    }

    /// The message `letter` makes for `kind`: a one-line subject, the text and the HTML.
    public func render(_ kind: JobKind, _ letter: Letter) -> RenderedMessage? { render(kind, letter as Any) }

    /// The message to a trainer.
    /// The message to a trainer: their link, or at completion the questionnaire on their page.
    public func render(_ kind: JobKind, _ letter: TrainerLetter) -> RenderedMessage? { render(kind, letter as Any) }

    /// The answer to an incident.
    public func render(_ letter: IncidentAnswerLetter) -> RenderedMessage? { render(.incidentAnswer, letter as Any) }

    /// The structures' questionnaire, to a structure's contact.
    public func render(_ letter: StructureQuestionnaireLetter) -> RenderedMessage? {
        render(.structureQuestionnaire, letter as Any)
    }

    /// The notice of an adaptation asked for, to the disability referent.
    public func render(_ letter: AdaptationNoticeLetter) -> RenderedMessage? {
        render(.adaptationNotice, letter as Any)
    }

    /// An issued invoice or credit note, or its reminder, to its buyer.
    public func render(_ kind: JobKind, _ letter: InvoiceLetter) -> RenderedMessage? { render(kind, letter as Any) }

    /// A notice to the coordinator: an invoice unpaid, a funder's invoicing deadline near.
    public func render(_ letter: BillingNoticeLetter) -> RenderedMessage? { render(.billingNotice, letter as Any) }

    /// A letter with every value `kind`'s templates may read.
    private static func example(for kind: JobKind) -> Any {
        switch kind {
        case .trainerLink, .trainerQuestionnaire: TrainerLetter.example
        case .incidentAnswer: IncidentAnswerLetter.example
        case .adaptationNotice: AdaptationNoticeLetter.example
        case .structureQuestionnaire: StructureQuestionnaireLetter.example
        case .invoice, .invoiceReminder: InvoiceLetter.example
        case .billingNotice: BillingNoticeLetter.example
        default: Letter.example(for: kind)
        }
    }

    private func render(_ kind: JobKind, _ letter: Any) -> RenderedMessage? {
        guard let set = templates[kind] else { return nil }
        // Taken apart once for the three templates, as the pages do (`TemplateData`).
        let data = TemplateData.tree(of: letter)
        let subject = set.subject.render(data, library: library).split(whereSeparator: \.isNewline).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        .filter { !$0.isEmpty }.joined(separator: " ")
        return RenderedMessage(
            subject: subject, text: set.text.render(data, library: library),
            html: set.html.render(data, library: library))
    }
}

public struct RenderedMessage: Sendable, Hashable {
    public let subject: String
    public let text: String
    public let html: String
}

public enum MessageTemplateError: Error, Equatable, CustomStringConvertible {
    case missing(String)
    case invalid(String, String)

    public var description: String {
        switch self {
        case .missing(let path):
            "The template \(path) is missing: every kind of message needs its subject, text and html."
        case .invalid(let path, let problem): "The template \(path) cannot be used: \(problem)."
        }
    }
}

extension JobKind {
    /// The kinds that write to a participant, each with its templates.
    public static let participantMessages: [JobKind] = [
        .convocation, .waitlistNotice, .promotionNotice, .reminder, .rescheduleNotice, .cancellationNotice,
        .certificate, .questionnaireHot, .questionnaireCold, .questionnaireReminder, .signatureRequest, .lastHalfDay,
    ]
    /// The kinds that write to someone else than a participant, each with a letter of its own.
    public static let otherMessages: [JobKind] = [
        .trainerLink, .trainerQuestionnaire, .incidentAnswer, .adaptationNotice, .structureQuestionnaire, .invoice,
        .invoiceReminder, .billingNotice,
    ]

    /// What only this kind's letters provide, besides the participant, the session and the organisation.
    var providesReminder: Bool { self == .reminder }
    var providesWaitlist: Bool { self == .waitlistNotice }
    /// The messages that confirm a seat carry the link to sign the half-days, and so does the
    /// request to sign one.
    public var providesSigningLink: Bool {
        self == .convocation || self == .promotionNotice || self == .signatureRequest
    }
    /// The messages about one half-day: the request to sign it, the last one's invitation.
    var providesHalfDay: Bool { self == .signatureRequest || self == .lastHalfDay }
    /// The messages after which the half-days' signature requests are queued: those that give
    /// the half-days' dates.
    public var schedulesSignatureRequests: Bool {
        self == .convocation || self == .promotionNotice || self == .rescheduleNotice
    }
    /// The invitations to a questionnaire and their relances, and the messages that convoke,
    /// which carry the positioning's link when a questionnaire is sent with them.
    public var providesQuestionnaireLink: Bool {
        switch self {
        case .questionnaireHot, .questionnaireCold, .questionnaireReminder, .lastHalfDay, .convocation,
            .promotionNotice:
            true
        default: false
        }
    }
}
