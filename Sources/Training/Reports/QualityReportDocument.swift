import Documents
import Foundation

/// The year's results as the organisation puts them on its site (Qualiopi indicator 2): a bar
/// per figure with its value beside it, French labels, and a sentence on what each counts.
struct QualityReportDocument {
    let report: QualityReport
    let organisation: Organisation?
    /// Modules' and trainers' names by code, for the bars' labels.
    let modules: [String: String]
    let trainers: [String: String]
    let timeZone: TimeZone

    func render(at now: Date) throws -> [UInt8] {
        let document = PDFDocument(
            title: "Résultats \(report.year)\(organisation.map { " — \($0.name)" } ?? "")",
            created: PDFDocument.creationDate(now, in: timeZone)
        ) { [year = report.year] page, count in "Résultats \(year) — page \(page) sur \(count)" }
        var blocks: [PDFBlock] = []
        if let organisation {
            blocks.append(.text(organisation.name, TextStyle(size: 11, weight: .bold, spaceAfter: 12)))
        }
        blocks += [
            .text("Nos résultats \(report.year)", .title),
            .text(
                "\(report.sessions == 1 ? "Sur la session de formation terminée" : "Sur les \(report.sessions) sessions de formation terminées") en \(report.year), à partir des questionnaires remplis par les participants, des présences signées, de l’évaluation des acquis par les formateurs et du registre des réclamations.",
                TextStyle(size: 10, spaceAfter: 16)),
            .bars(
                BarChart(
                    title: "Satisfaction des participants, des formateurs et des structures",
                    bars: report.satisfaction.map {
                        bar($0.title, $0.satisfactionPercent, $0)
                    }
                        + report.byModule.filter { $0.questionnaire == .hot }.map {
                            bar("« \(modules[$0.of ?? ""] ?? $0.of ?? "") », à chaud", $0.satisfactionPercent, $0)
                        }
                        + report.byTrainer.filter { $0.questionnaire == .hot }.map {
                            bar("\(trainers[$0.of ?? ""] ?? $0.of ?? ""), à chaud", $0.satisfactionPercent, $0)
                        })),
            .bars(
                BarChart(
                    title: "Taux de réponse aux questionnaires",
                    bars: report.satisfaction.map {
                        BarChart.Bar(
                            label: $0.title,
                            value: $0.responseRatePercent.map(Double.init),
                            text: $0.responseRatePercent.map { "\($0) %" } ?? "—")
                    })),
            .bars(
                BarChart(
                    title: "Assiduité",
                    bars: [
                        BarChart.Bar(
                            label: "Part des heures prévues suivies",
                            value: report.courses.completionPercent.map(Double.init),
                            text: report.courses.completionPercent.map { "\($0) %" } ?? "—")
                    ])),
            .bars(
                BarChart(
                    title: "Objectifs pédagogiques, selon l’évaluation des formateurs",
                    bars: [
                        ("Acquis", report.objectives.acquis), ("En cours d’acquisition", report.objectives.enCours),
                        ("Non acquis", report.objectives.nonAcquis),
                    ].map { label, count in share(label, count, of: objectivesEvaluated) })),
            .text("Réclamations", TextStyle(size: 11, weight: .bold, spaceAfter: 6)),
            .text(complaints, TextStyle(size: 10, spaceAfter: 10)),
            .text(
                "Un taux de satisfaction est la part des notes de 4 ou 5 sur 5. Un formateur n’a de taux que s’il a reçu au moins \(QualityReport.fewestForATrainer) réponses.",
                TextStyle(size: 8, spaceAfter: 0)),
        ]
        return try document.render(blocks.map(\.frenchSpacing))
    }

    private var objectivesEvaluated: Int {
        report.objectives.acquis + report.objectives.enCours + report.objectives.nonAcquis
    }

    private func bar(_ label: String, _ percent: Int?, _ figures: QualityReport.Satisfaction) -> BarChart.Bar {
        let responses = "\(figures.responses) réponse\(figures.responses == 1 ? "" : "s")"
        let text =
            percent.map { "\($0) % (\(responses))" }
            ?? (figures.responses == 0 ? "— (aucune réponse)" : "— (\(responses) : trop peu pour un taux)")
        return BarChart.Bar(label: label, value: percent.map(Double.init), text: text)
    }

    private func share(_ label: String, _ count: Int, of total: Int) -> BarChart.Bar {
        let percent = total == 0 ? nil : Claim.halfUp(100 * count, total)
        return BarChart.Bar(
            label: label, value: percent.map(Double.init),
            text: percent.map { "\($0) % (\(count))" } ?? "— (aucune évaluation)")
    }

    private var complaints: String {
        let complaints = report.complaints
        guard complaints.received > 0 else { return "Aucune réclamation reçue en \(report.year)." }
        let delay =
            complaints.meanDaysToAnswer.map {
                $0 == 0 ? ", le jour même en moyenne" : ", en \($0) jour\($0 > 1 ? "s" : "") en moyenne"
            } ?? ""
        return
            "\(complaints.received) reçue\(complaints.received > 1 ? "s" : ""), dont \(complaints.answered) traitée\(complaints.answered > 1 ? "s" : "")\(delay)."
    }
}

extension QualityReport {
    /// The year's results as a PDF, ready for the organisation's site.
    public static func document(year: Int, store: Store, at now: Date = Date()) throws -> [UInt8] {
        let report = try compute(year: year, store: store)
        let catalogue = Catalogue(store)
        return try QualityReportDocument(
            report: report, organisation: try OrganisationRecord(store).current(),
            modules: Dictionary(
                uniqueKeysWithValues: try catalogue.modules(includingArchived: true).map { ($0.code, $0.title) }),
            trainers: Dictionary(uniqueKeysWithValues: try catalogue.trainers().map { ($0.code, $0.name) }),
            timeZone: store.timeZone
        ).render(at: now)
    }
}
