import Documents
import Foundation

/// Where each participant stands on each objective of the session's programme, for the pack:
/// at the positioning (indicator 8, with the adaptations asked for, indicator 26), or before, at
/// the end and as the trainer evaluated, side by side (indicator 11).
struct ObjectivesDocument {
    enum Stage { case positioning, evaluation }

    let context: PackContext
    let stage: Stage
    var progress: ObjectiveProgress { context.progress }

    func render() throws -> [UInt8] {
        let title = stage == .positioning ? "Positionnement à l’entrée" : "Évaluation des acquis"
        var blocks: [PDFBlock] =
            (context.organisation?.letterhead() ?? []) + [
                .text(title, .title),
                .text(
                    "\(context.identity), \(context.dates).", TextStyle(size: 10, alignment: .center, spaceAfter: 12)),
            ]
        if progress.objectives.isEmpty {
            blocks.append(.text("Le programme de la session ne fixe pas d’objectifs évaluables.", .body))
        } else if stage == .positioning {
            blocks += try positioning()
        } else {
            blocks += evaluation()
        }
        return try context.document(
            title: "\(title) — \(context.session.code)", footer: "\(title) \(context.session.code)"
        )
        .render(blocks.map(\.frenchSpacing))
    }

    private static let scale = "Notes de 1 (je découvre) à 5 (je maîtrise), données par le participant lui-même."

    private func positioning() throws -> [PDFBlock] {
        let details = context.options.personalData ? try adaptationDetails() : [:]
        let objectives = progress.objectives.enumerated().map { index, objective in
            PDFBlock.text("\(index + 1). \(objective.text)", TextStyle(size: 9.5, spaceAfter: 3))
        }
        let columns =
            [PDFTable.Column("Participant", weight: 3)]
            + progress.objectives.indices.map { PDFTable.Column("Obj. \($0 + 1)", weight: 1, alignment: .center) }
            + [PDFTable.Column("Adaptation demandée", weight: 2.4)]
        let rows = progress.participants.map { row in
            [row.participant] + row.before.map(Self.score)
                + [
                    row.adaptationNeeded.map { needed in
                        needed ? "oui" + (details[row.registration].map { " : \($0)" } ?? "") : "non"
                    } ?? "—"
                ]
        }
        return [.text("Objectifs de la session :", TextStyle(size: 10, weight: .bold, spaceAfter: 4))] + objectives
            + [
                .space(8), .table(PDFTable(columns: columns, rows: rows, size: 9, spaceAfter: 6)),
                .text(
                    "\(Self.scale) « — » : pas de réponse au questionnaire de positionnement. \(progress.positioned) participant\(progress.positioned == 1 ? "" : "s") sur \(progress.participants.count) positionné\(progress.positioned == 1 ? "" : "s"), \(progress.adaptationsAsked) adaptation\(progress.adaptationsAsked == 1 ? "" : "s") demandée\(progress.adaptationsAsked == 1 ? "" : "s")\(context.options.personalData ? "" : " (le détail, donnée personnelle, n’est pas reproduit)").",
                    TextStyle(size: 8)),
            ]
    }

    private func evaluation() -> [PDFBlock] {
        var blocks: [PDFBlock] = []
        for (index, objective) in progress.objectives.enumerated() {
            let means = [
                objective.meanBefore.map { "avant \(French.hundredths($0)) / 5" },
                objective.meanAfter.map { "à la fin \(French.hundredths($0)) / 5" },
            ].compactMap { $0 }
            blocks += [
                .text("\(index + 1). \(objective.text)", TextStyle(size: 10.5, weight: .bold, spaceAfter: 4)),
                .table(
                    PDFTable(
                        columns: [
                            .init("Participant", weight: 3), .init("Avant", weight: 1, alignment: .center),
                            .init("À la fin", weight: 1, alignment: .center),
                            .init("Évaluation du formateur", weight: 2.4),
                        ],
                        rows: progress.participants.map { row in
                            [
                                row.participant, Self.score(row.before[index]), Self.score(row.after[index]),
                                row.evaluation.indices.contains(index)
                                    ? row.evaluation[index]?.label ?? "non évalué" : "non évalué",
                            ]
                        }, size: 9, spaceAfter: 4)),
                .text(
                    "Moyennes : \(means.isEmpty ? "aucune note" : means.joined(separator: ", ")) ; \(objective.acquis) acquis, \(objective.enCours) en cours d’acquisition, \(objective.nonAcquis) non acquis.",
                    TextStyle(size: 8.5, spaceAfter: 12)),
            ]
        }
        return blocks + [
            .text(
                "\(Self.scale) Évaluation du formateur : acquis, en cours d’acquisition ou non acquis, à partir de la dernière demi-journée.",
                TextStyle(size: 8))
        ]
    }

    private static func score(_ score: Int?) -> String { score.map { "\($0) / 5" } ?? "—" }

    /// What each participant wrote of the adaptation they asked for in their positioning.
    private func adaptationDetails() throws -> [Int: String] {
        guard let positioning = try Questionnaires(context.store).sent(.convocation, to: .participant) else {
            return [:]
        }
        return try context.connection.execute(
            """
            SELECT rs.registration_id, a.text FROM response rs JOIN answer a ON a.response_id = rs.id
            JOIN question q ON q.id = a.question_id
            WHERE rs.session_id = \(context.sessionId) AND rs.questionnaire = \(positioning.rawValue)
              AND q.type = 'adaptation' AND a.yes AND a.text IS NOT NULL
            """
        ).reduce(into: [:]) { details, row in
            details[try row.decode(Int.self, at: 0)] = try row.decode(String.self, at: 1)
        }
    }
}
