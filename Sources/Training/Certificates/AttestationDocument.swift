import Documents
import Foundation

/// The attestation de fin de formation (L.6353-1): what the participant followed, for how long
/// of what was planned, and where they stand on each objective of the session's programme —
/// their positioning before, their self-assessment at the end, and their trainer's evaluation.
/// Mailed with the certificat de réalisation, which alone proves the hours to a funder.
struct AttestationDocument {
    let facts: CertificateFacts
    let objectives: [String]
    let progress: ObjectiveProgress.Row?
    let organisation: Organisation
    let issuedAt: Date
    let timeZone: TimeZone
    let stamp: [UInt8]?

    func render() throws -> [UInt8] {
        let issued = LocalDate(issuedAt, in: timeZone)
        let document = PDFDocument(
            title: "Attestation de fin de formation — \(facts.firstName) \(facts.lastName)",
            created: PDFDocument.creationDate(issuedAt, in: timeZone)
        ) { page, count in
            "\(organisation.registration) — page \(page) sur \(count)"
        }
        let body = TextStyle.body
        var blocks: [PDFBlock] =
            organisation.letterhead() + [
                .text("Attestation de fin de formation", .title),
                .text(
                    "Je soussigné(e) \(organisation.signatoryName), \(organisation.signatoryRole) de \(organisation.name), atteste que \(facts.firstName) \(facts.lastName.uppercased())\(facts.employer.map { ", de la structure \($0)," } ?? "") a suivi la formation « \(facts.moduleTitle) » \(facts.dates(in: timeZone)).",
                    body),
                .text(
                    "Durée suivie : \(French.duration(minutes: facts.attendedMinutes)) sur \(French.duration(minutes: facts.plannedMinutes)) prévues\(facts.plannedMinutes > 0 ? " (\(Claim.halfUp(100 * facts.attendedMinutes, facts.plannedMinutes)) %)" : "").",
                    TextStyle(size: 10, weight: .bold, spaceAfter: 12)),
            ]
        if objectives.isEmpty {
            blocks.append(.text("Le programme de la formation ne fixe pas d’objectifs évaluables.", body))
        } else {
            blocks += [
                .text("Objectifs de la formation et résultats de l’évaluation des acquis :", body),
                .table(
                    PDFTable(
                        columns: [
                            .init("Objectif", weight: 5), .init("Avant", weight: 1.2, alignment: .center),
                            .init("À la fin", weight: 1.2, alignment: .center),
                            .init("Évaluation du formateur", weight: 2.4),
                        ],
                        rows: objectives.enumerated().map { index, objective in
                            [
                                "\(index + 1). \(objective)", score(progress?.before, index),
                                score(progress?.after, index),
                                progress.flatMap { $0.evaluation.indices.contains(index) ? $0.evaluation[index] : nil }?
                                    .label ?? "non évalué",
                            ]
                        }, size: 9.5, spaceAfter: 6)),
                .text(
                    "Avant et à la fin : où le participant se situait lui-même, de 1 (je découvre) à 5 (je maîtrise). Évaluation du formateur : acquis, en cours d’acquisition ou non acquis.",
                    TextStyle(size: 8, spaceAfter: 16)),
            ]
        }
        blocks += [
            .text("Fait à \(organisation.city), le \(French.day(issued)).", body),
            .text(
                "\(organisation.signatoryName), \(organisation.signatoryRole)",
                TextStyle(size: 10, weight: .bold, spaceAfter: 6)),
            .box(caption: "Cachet et signature", height: 90, image: stamp),
        ]
        return try document.render(blocks.map(\.frenchSpacing))
    }

    private func score(_ scores: [Int?]?, _ index: Int) -> String {
        guard let scores, scores.indices.contains(index), let score = scores[index] else { return "—" }
        return "\(score) / 5"
    }

}

extension Certificates {
    /// The attestation de fin de formation of `registration`, as of `now`: its file name and PDF;
    /// `nil` when the participant attended nothing.
    public func attestation(registration: Int, at now: Date = Date()) throws -> (fileName: String, pdf: [UInt8])? {
        try attestation(registration: registration, at: now, progress: nil)
    }

    /// The same, from the session's `progress` when the caller has read it already (a pack
    /// draws every participant's).
    func attestation(registration: Int, at now: Date, progress known: ObjectiveProgress?) throws -> (
        fileName: String, pdf: [UInt8]
    )? {
        let facts = try CertificateFacts.load(registration: registration, on: connection)
        guard facts.attendedMinutes > 0 else { return nil }
        let progress = try known ?? Assessments(store).progress(session: facts.session)
        let pdf = try AttestationDocument(
            facts: facts, objectives: progress.objectives.map(\.text),
            progress: progress.participants.first { $0.registration == registration }, organisation: try organisation(),
            issuedAt: now, timeZone: store.timeZone, stamp: stamp
        ).render()
        let name = Certificate.words(of: "\(facts.lastName) \(facts.firstName)").joined(separator: "-")
        return ("attestation-fin-formation-\(facts.session)-\(name.isEmpty ? String(registration) : name).pdf", pdf)
    }
}
