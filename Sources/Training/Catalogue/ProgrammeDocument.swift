import Documents
import Foundation
import Synchronization

/// The programme of a module as published (Qualiopi indicators 1, 5 and 6), one version of it:
/// public and prerequisites, operational objectives, content and running order, teaching methods,
/// how learning is evaluated, accessibility and the référent handicap, time to access, duration,
/// modality and price, and whom to ask. A field left empty prints « Non précisé » so that what an
/// auditor will ask for shows before they do. The same version gives the same bytes: the PDF is
/// dated from the version, not from when it is drawn.
struct ProgrammeDocument {
    let programme: Programme
    let organisation: Organisation?
    let timeZone: TimeZone

    func render() throws -> [UInt8] {
        let document = PDFDocument(
            title: "Programme — \(programme.title)",
            created: PDFDocument.creationDate(programme.validFrom, in: timeZone)
        ) { [module = programme.module, version = programme.version] page, count in
            "Programme \(module), version \(version) — page \(page) sur \(count)"
        }
        var blocks: [PDFBlock] = []
        if let organisation { blocks += organisation.letterhead(spaceAfter: 20) }
        blocks += [
            .text("Programme de formation", .title),
            .text(programme.title, TextStyle(size: 13, weight: .bold, alignment: .center, spaceAfter: 14)),
            .table(
                PDFTable(
                    columns: [.init("", weight: 1.6), .init("", weight: 4)],
                    rows: [
                        ["Durée", French.duration(minutes: programme.durationMinutes)],
                        ["Modalité", programme.modality.label],
                        ["Nature", programme.nature.label],
                        ["Tarif", price],
                        [
                            "Version",
                            "n° \(programme.version), en vigueur depuis le \(French.date(programme.validFrom, in: timeZone))",
                        ],
                    ], size: 9.5, spaceAfter: 14, framed: false)),
        ]
        blocks += section("Public", programme.audience)
        blocks += section("Prérequis", programme.prerequisites)
        blocks += section(
            "Objectifs opérationnels", programme.objectives.map { "– \($0)" }.joined(separator: "\n"))
        blocks += section("Contenu et déroulé", programme.content)
        blocks += section("Méthodes et moyens pédagogiques", programme.methods)
        blocks += section("Modalités d’évaluation", programme.evaluationMethod)
        blocks += section("Accessibilité aux personnes en situation de handicap", programme.accessibility)
        blocks += section("Délai d’accès", programme.accessDelay)
        blocks += section("Contacts", contacts)
        return try document.render(blocks.map(\.frenchSpacing))
    }

    private func section(_ heading: String, _ text: String) -> [PDFBlock] {
        [
            .text(heading, TextStyle(size: 11, weight: .bold, spaceAfter: 4)),
            .text(text.isEmpty ? "Non précisé." : text, TextStyle(size: 10, spaceAfter: 10)),
        ]
    }

    private var price: String {
        let prices = [
            programme.pricePerParticipant.map { "\(French.money($0)) net par participant" },
            programme.pricePerGroup.map { "\(French.money($0)) net pour le groupe" },
        ].compactMap { $0 }
        return prices.isEmpty ? "Sur devis" : prices.joined(separator: " ; ")
    }

    private var contacts: String {
        guard let organisation else { return "" }
        return [
            Self.contact(
                "Référent pédagogique", organisation.pedagogicalContactName, organisation.pedagogicalContactEmail,
                organisation.pedagogicalContactPhone),
            Self.contact(
                "Référent administratif", organisation.administrativeContactName,
                organisation.administrativeContactEmail, organisation.administrativeContactPhone),
            Self.contact(
                "Référent handicap", organisation.disabilityReferentName, organisation.disabilityReferentEmail,
                organisation.disabilityReferentPhone),
        ].compactMap { $0 }.joined(separator: "\n")
    }

    /// `Référent pédagogique : Claire Martin, claire@mda.fr, 02 31 00 00 00`, or `nil` for a
    /// contact not set.
    private static func contact(_ role: String, _ parts: String?...) -> String? {
        let known = parts.compactMap { $0 }
        return known.isEmpty ? nil : "\(role) : \(known.joined(separator: ", "))"
    }
}

extension Catalogue {
    /// A version of the module's programme as a PDF: the one in force now when `version` is `nil`.
    public func programmeDocument(of code: String, version: Int? = nil) throws -> [UInt8] {
        try ProgrammeDocument(
            programme: try programme(of: code, version: version), organisation: try OrganisationRecord(store).current(),
            timeZone: store.timeZone
        ).render()
    }
}

/// The programmes convocations attach, each drawn once per version and per identity of the
/// organisation (whose contacts it prints): a worker sends the same one to every participant of
/// a session, and drawing it costs more than the rest of the message.
public final class ProgrammeDocuments: Sendable {
    private struct Drawn: Hashable {
        let programme: Programme
        let organisation: Organisation?
    }

    private let drawn = Mutex<[Drawn: [UInt8]]>([:])
    /// Beyond this many, the drawings start over: a year's programmes, not every one ever.
    private static let kept = 32

    public init() {}

    /// The programme the session keeps, as a PDF attachment's name and bytes.
    public func attachment(ofSession code: String, store: Store) throws -> (fileName: String, pdf: [UInt8]) {
        let key = Drawn(
            programme: try Catalogue(store).programme(ofSession: code),
            organisation: try OrganisationRecord(store).current())
        let fileName = "programme-\(key.programme.module)-v\(key.programme.version).pdf"
        if let pdf = drawn.withLock({ $0[key] }) { return (fileName, pdf) }
        let pdf = try ProgrammeDocument(
            programme: key.programme, organisation: key.organisation, timeZone: store.timeZone
        ).render()
        drawn.withLock { drawings in
            if drawings.count >= Self.kept { drawings.removeAll() }
            drawings[key] = pdf
        }
        return (fileName, pdf)
    }
}
