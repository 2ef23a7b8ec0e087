import Documents
import Foundation

/// The convention de formation (L6353-1, D6353-1), the contrat de formation (L6353-3 to -7) or
/// the quote (devis) that stands in for a convention once accepted, as signed: the parties; the action's title, nature, objectives, public, prerequisites and
/// content from the programme version the session keeps; its duration, dates, place and
/// modality; its means, trainers and how it is followed and assessed; the participants named
/// with their price and what their funders pay under subrogation; the price and payment terms;
/// the dédit or, for a contrat, the withdrawal period and what is due on dropping out.
struct ConventionDocument {
    struct Party {
        var name: String
        var lines: [String]
    }

    let id: Int
    let kind: Convention.Kind
    let party: Party
    let seats: [BillingPlan.Seat]
    let programme: Programme
    let session: Session
    let trainers: [String]
    let venue: String?
    let organisation: Organisation
    /// A quote's offer holds until this day.
    let validUntil: LocalDate?
    let drawnAt: Date
    let timeZone: TimeZone

    func render() throws -> [UInt8] {
        let title =
            switch kind {
            case .convention: "Convention de formation professionnelle n° \(id)"
            case .contrat: "Contrat de formation professionnelle n° \(id)"
            case .quote: "Devis n° \(id)"
            }
        let document = PDFDocument(
            title: "\(title) — \(session.code) — \(party.name)",
            created: PDFDocument.creationDate(drawnAt, in: timeZone)
        ) { [registration = organisation.registration] page, count in "\(registration) — page \(page) sur \(count)" }
        let law =
            switch kind {
            case .convention: "articles L6353-1 et D6353-1 du Code du travail"
            case .contrat: "articles L6353-3 à L6353-7 du Code du travail"
            case .quote:
                "valable jusqu’au \(validUntil.map(French.day) ?? "") ; il porte les mentions de l’article D6353-1 du Code du travail"
            }
        let buyer = kind == .contrat ? "le stagiaire" : kind == .convention ? "la structure" : "le client"
        var blocks: [PDFBlock] =
            organisation.letterhead(spaceAfter: 12) + [
                .text(title, .title),
                .text("(\(law))", TextStyle(size: 9, alignment: .center, spaceAfter: 12)),
                .text(kind == .quote ? "Établi par :" : "Entre les soussignés :", Self.body),
                .text(
                    "\(organisation.name), \(organisation.street), \(organisation.postalCode) \(organisation.city), SIRET \(organisation.siret), déclaration d’activité enregistrée sous le numéro \(organisation.activityNumber) (cet enregistrement ne vaut pas agrément de l’État), représentée par \(organisation.signatoryName), \(organisation.signatoryRole), ci-après « l’organisme de formation » ;",
                    Self.body),
                .text(
                    "\(kind == .quote ? "pour" : "et") \(([party.name] + party.lines).joined(separator: ", ")), ci-après « \(buyer) ».",
                    Self.body),
            ]
        blocks += article(
            1, "Objet, nature et caractéristiques de l’action",
            [
                "L’organisme de formation organise l’action « \(programme.title) » (\(programme.nature.label), programme version \(programme.version)), session \(session.code).",
                "Objectifs : "
                    + (programme.objectives.isEmpty
                        ? "non précisés." : programme.objectives.map { "– \($0)" }.joined(separator: "\n")),
                "Public : \(Self.given(programme.audience)) Prérequis : \(Self.given(programme.prerequisites))",
                "Contenu et déroulé : \(Self.given(programme.content))",
            ])
        blocks += article(
            2, "Durée, dates, lieu et modalité",
            [
                "Durée : \(French.duration(minutes: session.plannedMinutes)), \(programme.modality.label)\(venue.map { ", \($0)" } ?? "").",
                session.parts.map { part in
                    let days = part.slots.map {
                        "\(French.date($0.startsAt, in: timeZone)) de \(French.time($0.startsAt, in: timeZone)) à \(French.time($0.endsAt, in: timeZone))"
                    }
                    let heading =
                        part.title.isEmpty ? "Partie \(part.position)" : "Partie \(part.position) — \(part.title)"
                    return (session.parts.count > 1 ? heading + " : " : "") + days.joined(separator: " ; ")
                }.joined(separator: "\n"),
            ])
        blocks += article(
            3, "Moyens pédagogiques, techniques et d’encadrement",
            [
                Self.given(programme.methods),
                "Formation assurée par : \(trainers.isEmpty ? "formateur à désigner" : French.list(trainers)).",
                "Accessibilité : \(Self.given(programme.accessibility))\(organisation.disabilityReferentName.map { " Référent handicap : \($0)\(organisation.disabilityReferentEmail.map { ", \($0)" } ?? "")." } ?? "")",
            ])
        blocks += article(
            4, "Suivi de l’exécution et appréciation des résultats",
            [
                "La présence est attestée par demi-journée sur une feuille d’émargement signée par chaque stagiaire et certifiée par le formateur. Évaluation des acquis : \(Self.given(programme.evaluationMethod)) Un certificat de réalisation et une attestation de fin de formation sont remis à l’issue de l’action."
            ])
        blocks += article(5, seats.count > 1 ? "Stagiaires" : "Stagiaire", [])
        blocks.append(
            .table(
                PDFTable(
                    columns: [
                        .init("Stagiaire", weight: 3), .init("Prix", weight: 1.3, alignment: .right),
                        .init("Pris en charge par", weight: 3), .init("Reste à charge", weight: 1.5, alignment: .right),
                    ],
                    rows: seats.map { seat in
                        [
                            seat.name, "\(seat.price)",
                            seat.agreement.map {
                                "\($0.funderName)\($0.number.map { ", dossier \($0)" } ?? "") : \(seat.agreed)"
                            } ?? "—", "\(Money(cents: seat.price.cents - seat.agreed.cents))",
                        ]
                    }, size: 9, spaceAfter: 8)))
        blocks += article(6, "Prix et modalités de paiement", paymentTerms)
        blocks += article(
            7, kind == .contrat ? "Rétractation, abandon et force majeure" : "Dédit et abandon", withdrawal)
        if kind == .quote, seats.contains(where: { $0.agreement?.funderKind == .opco }) {
            blocks.append(
                .text(
                    "Accepté et signé, le présent devis, qui porte les mentions de l’article D6353-1 du Code du travail, tient lieu de convention de formation pour cette action financée par un OPCO.",
                    TextStyle(size: 9.5, weight: .bold, spaceAfter: 6)))
        }
        let partySignature =
            switch kind {
            case .convention: "Pour la structure (nom, qualité, cachet)"
            case .contrat: "Le stagiaire"
            case .quote: "Bon pour accord (date, nom, qualité, signature)"
            }
        blocks += [
            .text(
                "Fait \(kind == .quote ? "" : "en deux exemplaires ")à \(organisation.city), le \(French.day(LocalDate(drawnAt, in: timeZone))).",
                Self.body),
            .table(
                PDFTable(
                    columns: [.init("Pour l’organisme de formation", weight: 1), .init(partySignature, weight: 1)],
                    rows: [
                        [
                            "\(organisation.signatoryName), \(organisation.signatoryRole)",
                            kind == .contrat ? party.name : "",
                        ]
                    ],
                    size: 9, minimumRowHeight: 80, spaceAfter: 0)),
        ]
        return try document.render(blocks.map(\.frenchSpacing))
    }

    private static let body = TextStyle(size: 9.5, spaceAfter: 5)

    private func article(_ number: Int, _ heading: String, _ paragraphs: [String]) -> [PDFBlock] {
        [.text("Article \(number) — \(heading)", TextStyle(size: 10.5, weight: .bold, spaceAfter: 4))]
            + paragraphs.map { .text($0, Self.body) }
    }

    private static func given(_ text: String) -> String { text.isEmpty ? "non précisé." : text }

    private var paymentTerms: [String] {
        let price = seats.reduce(Money.zero) { $0 + $1.price }
        let funded = seats.reduce(Money.zero) { $0 + $1.agreed }
        var lines = [
            "Prix de l’action : \(price) pour \(seats.count == 1 ? "1 stagiaire" : "\(seats.count) stagiaires"). \(organisation.terms.vatRegime.sentence). Seules les heures réalisées, attestées par l’émargement, sont facturées."
        ]
        if funded > .zero {
            lines.append(
                "Par subrogation de paiement, le financeur nommé à l’article 5 règle directement à l’organisme de formation la part qu’il prend en charge, soit \(funded) ; \(kind == .contrat ? "le stagiaire" : "l’employeur") règle le reste, soit \(Money(cents: price.cents - funded.cents))."
            )
        }
        lines.append(
            kind != .contrat
                ? "La facture est émise à l’issue de l’action, payable à \(organisation.terms.paymentDays) jours."
                : "Aucune somme ne peut être exigée du stagiaire avant l’expiration du délai de rétractation. À son terme, un premier paiement de 30 % au plus du prix à sa charge peut être demandé ; le solde est échelonné au fur et à mesure du déroulement de l’action (article L6353-6)."
        )
        return lines
    }

    private var withdrawal: [String] {
        guard kind == .contrat else {
            let percent = organisation.terms.noShowChargePercent
            return [
                percent == 0
                    ? "Aucun dédit n’est demandé : les heures non suivies ne sont pas facturées."
                    : "En cas d’absence non justifiée, \(percent) % du prix des heures non suivies sont facturés à titre de dédit ; cette somme n’est pas imputable sur les fonds de la formation professionnelle et n’est jamais demandée à un financeur."
            ]
        }
        return [
            "À compter de la signature du présent contrat, le stagiaire dispose d’un délai de 10 jours pour se rétracter, par lettre recommandée avec avis de réception (article L6353-5).",
            "Si, par suite de force majeure dûment reconnue, le stagiaire est empêché de suivre la formation, il peut rompre le contrat : seules les prestations effectivement dispensées sont dues, au prorata temporis de leur valeur prévue au contrat (article L6353-7).",
        ]
    }
}
