import Documents
import Foundation

/// `00-sommaire.pdf`: the session's identity, each indicator with the files that serve it, the
/// gaps named, the checks' outcome, and the SHA-256 of the manifest that lists every other file.
struct PackSummaryDocument {
    let context: PackContext
    let files: [PackFile]
    let gaps: [String]
    let checks: [PackCheck]
    let manifestSHA256: String

    /// The indicators of the Référentiel national qualité the pack has evidence for.
    static let indicators: [Int: String] = [
        1: "Information du public sur les prestations", 5: "Objectifs opérationnels et évaluables",
        6: "Contenus et modalités de mise en œuvre", 8: "Positionnement à l’entrée",
        9: "Information sur les conditions de déroulement", 11: "Évaluation de l’atteinte des objectifs",
        12: "Engagement des bénéficiaires et prévention des ruptures", 17: "Moyens humains",
        26: "Accueil des personnes en situation de handicap", 30: "Recueil des appréciations",
        31: "Traitement des réclamations", 32: "Amélioration continue",
    ]

    func render() throws -> [UInt8] {
        let session = context.session
        let zone = context.zone
        let catalogue = Catalogue(context.store)
        let venues = try Set(session.slots.compactMap(\.venue)).sorted().map { code in
            let venue = try catalogue.venue(code)
            return "\(venue.name), \(venue.address)"
        }
        let trainers = try Set(session.slots.flatMap(\.trainers)).sorted().map { try catalogue.trainer($0).name }
        let failed = checks.filter { !$0.passed }
        var blocks: [PDFBlock] =
            (context.organisation?.letterhead() ?? []) + [
                .text("Dossier qualité de la session \(session.code)", .title),
                .table(
                    PDFTable(
                        columns: [.init("", weight: 1.6), .init("", weight: 4)],
                        rows: [
                            ["Action", session.moduleTitle],
                            [
                                "Programme",
                                "\(context.programme.module), version \(context.programme.version) du \(French.day(LocalDate(context.programme.validFrom, in: zone)))",
                            ],
                            [
                                "Dates",
                                "\(context.dates), \(session.slots.count) demi-journées, \(French.duration(minutes: session.plannedMinutes))",
                            ],
                            ["Lieu", venues.isEmpty ? "—" : venues.joined(separator: ", ")],
                            ["Formateurs", trainers.isEmpty ? "—" : trainers.joined(separator: ", ")],
                            ["Participants", "\(context.roll.count) inscrits pour \(session.capacity) places"],
                            ["Statut", Self.status(session.status)],
                            ["Dossier établi le", French.day(context.options.day)],
                            [
                                "Données personnelles",
                                context.options.personalData
                                    ? "incluses (signatures, adresses, besoins d’adaptation)"
                                    : "retirées : chaque signature est remplacée par son heure, chaque besoin d’adaptation par « oui » ou « non »",
                            ],
                        ], size: 9.5, spaceAfter: 14, framed: false)),
                .text("Indicateurs et pièces", TextStyle(size: 12, weight: .bold, spaceAfter: 6)),
                .table(
                    PDFTable(
                        columns: [.init("Indicateur", weight: 2.4), .init("Fichiers", weight: 4)],
                        rows: indicatorRows(), size: 8.5, spaceAfter: 14)),
                .text("Manques", TextStyle(size: 12, weight: .bold, spaceAfter: 6)),
            ]
        blocks += gaps.isEmpty ? [.text("Aucun manque relevé.", .body)] : gaps.map { .text("– \($0)", .body) }
        blocks += [
            .space(8),
            .text("Contrôles", TextStyle(size: 12, weight: .bold, spaceAfter: 6)),
            .text(
                failed.isEmpty
                    ? "Les \(checks.count) contrôles sont passés ; le détail est dans \(PackFile.checksPath)."
                    : "\(checks.count - failed.count) contrôles passés sur \(checks.count) ; à examiner dans \(PackFile.checksPath) : \(failed.map(\.title).joined(separator: " ; ")).",
                .body),
            .space(8),
            .text(
                "Empreinte SHA-256 de \(PackFile.manifestPath), qui donne celle de chaque autre fichier : \(manifestSHA256)",
                TextStyle(size: 8.5)),
        ]
        return try context.document(
            title: "Dossier qualité — \(session.code)", footer: "Dossier qualité \(session.code)"
        )
        .render(blocks.map(\.frenchSpacing))
    }

    /// Each indicator with its files, then the funder's evidence (the files that serve no
    /// indicator).
    private func indicatorRows() -> [[String]] {
        let numbers = Set(files.flatMap(\.indicators)).sorted()
        let rows = numbers.map { number in
            [
                "\(number) — \(Self.indicators[number] ?? "")",
                files.filter { $0.indicators.contains(number) }.map(\.path).joined(separator: "\n"),
            ]
        }
        let funder = files.filter { $0.indicators.isEmpty && $0.path != PackFile.checksPath }.map(\.path)
        return rows + (funder.isEmpty ? [] : [["Pièces du financeur (OPCO)", funder.joined(separator: "\n")]])
            + [["Contrôles", PackFile.checksPath]]
    }

    static func status(_ status: Session.Status) -> String {
        switch status {
        case .draft: "en préparation"
        case .scheduled: "programmée"
        case .completed: "terminée"
        case .cancelled: "annulée"
        }
    }
}

/// `99-controles.pdf`: each check a court or an OPCO runs, « conforme » or « à examiner » with
/// the rows that fail it.
struct PackChecksDocument {
    let context: PackContext
    let checks: [PackCheck]

    func render() throws -> [UInt8] {
        var blocks: [PDFBlock] =
            (context.organisation?.letterhead() ?? []) + [
                .text("Contrôles de la session \(context.session.code)", .title),
                .text(
                    "\(context.identity), \(context.dates). Les vérifications que font un juge et un financeur, menées sur les données au \(French.day(context.options.day)).",
                    TextStyle(size: 9.5, spaceAfter: 12)),
            ]
        for (index, check) in checks.enumerated() {
            blocks.append(
                .text(
                    "\(index + 1). \(check.title) : \(check.passed ? "conforme" : "à examiner")",
                    TextStyle(size: 10.5, weight: .bold, spaceAfter: check.passed ? 10 : 4)))
            if !check.passed {
                blocks += check.failures.map { .text("– \($0)", TextStyle(size: 9, spaceAfter: 2)) } + [.space(8)]
            }
        }
        return try context.document(
            title: "Contrôles — \(context.session.code)", footer: "Contrôles \(context.session.code)"
        )
        .render(blocks.map(\.frenchSpacing))
    }
}
