import Documents
import Foundation

/// The certificat de réalisation as the Ministère du Travail's model words it (imposed on every
/// OPCO), filled in: the organisation (name, address, NDA, SIRET), the beneficiary and their
/// structure, the action and its nature among the four of L.6313-1, its dates, the duration
/// actually completed, place and date of issue, the signatory with the stamp when there is one,
/// and the three-year keeping of the supporting documents.
struct CertificateDocument {
    let facts: CertificateFacts
    let organisation: Organisation
    let version: Int
    let issuedAt: Date
    let timeZone: TimeZone
    /// The organisation's stamp, a PNG, printed in the signature box.
    let stamp: [UInt8]?

    func render() throws -> [UInt8] {
        let issued = LocalDate(issuedAt, in: timeZone)
        let document = PDFDocument(
            title: "Certificat de réalisation — \(facts.firstName) \(facts.lastName)",
            created: PDFDocument.creationDate(issuedAt, in: timeZone)
        ) { page, count in
            "\(organisation.registration) — page \(page) sur \(count)"
        }
        let body = TextStyle.body
        let strong = TextStyle(size: 11, weight: .bold, spaceAfter: 6)
        let natures = Module.Nature.allCases.map { "\($0 == facts.nature ? "☒" : "☐") \($0.label)" }.joined(
            separator: "\n")
        var blocks: [PDFBlock] =
            organisation.letterhead() + [
                .text("Certificat de réalisation", .title),
                .text(
                    "Je soussigné(e) \(organisation.signatoryName), \(organisation.signatoryRole), représentant légal du dispensateur de l’action concourant au développement des compétences \(organisation.name), atteste que :",
                    body),
                .text("\(facts.firstName) \(facts.lastName.uppercased())", strong),
            ]
        if let employer = facts.employer {
            let role =
                switch facts.status {
                case .salarie: "salarié(e) de la structure"
                case .benevole, .dirigeantBenevole: "bénévole de la structure"
                case .demandeurEmploi, .autre: "de la structure"
                }
            blocks.append(.text("\(role) \(employer)\(facts.employerCity.map { ", \($0)" } ?? "")", body))
        }
        blocks += [
            .text("a suivi l’action « \(facts.moduleTitle) »", body),
            .text("Nature de l’action concourant au développement des compétences :", body),
            .text(natures, TextStyle(size: 10, spaceAfter: 8)),
            .text(
                "qui s’est déroulée \(facts.dates(in: timeZone)) pour une durée réalisée de \(French.duration(minutes: facts.attendedMinutes)) (\(Self.spelledDuration(facts.attendedMinutes))).",
                body),
            .text(
                "Sans préjudice des délais imposés par les règles fiscales, comptables ou commerciales, je m’engage à conserver l’ensemble des pièces justificatives qui ont permis d’établir le présent certificat pendant une durée de 3 ans à compter de la fin de l’année du dernier paiement. En cas de cofinancement des fonds européens, la durée de conservation est étendue conformément aux obligations conventionnelles spécifiques.",
                TextStyle(size: 9, spaceAfter: 16)),
            .text("Fait à \(organisation.city), le \(French.day(issued)).", body),
            .text(
                "\(organisation.signatoryName), \(organisation.signatoryRole)",
                TextStyle(size: 10, weight: .bold, spaceAfter: 6)),
            .box(caption: "Cachet et signature du responsable du dispensateur de l’action", height: 110, image: stamp),
        ]
        if version > 1, let earlier = facts.lastIssuedAt {
            blocks.append(
                .text(
                    "Version \(version) : remplace le certificat du \(French.day(LocalDate(earlier, in: timeZone))), après une correction de l’émargement.",
                    TextStyle(size: 8, spaceAfter: 0)))
        }
        return try document.render(blocks.map(\.frenchSpacing))
    }

    /// `7 heures`, `3 heures et 30 minutes`, `45 minutes`: the model asks for hours and minutes.
    static func spelledDuration(_ minutes: Int) -> String {
        let hours = minutes / 60
        let rest = minutes % 60
        let hoursText = hours == 0 ? nil : "\(hours) heure\(hours > 1 ? "s" : "")"
        let minutesText = rest == 0 ? nil : "\(rest) minute\(rest > 1 ? "s" : "")"
        return [hoursText, minutesText].compactMap { $0 }.joined(separator: " et ")
    }
}
