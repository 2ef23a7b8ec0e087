import Documents
import Foundation

/// The bilan of one questionnaire of one session, for the coordinator's file and the Qualiopi
/// auditor (indicator 30): who was asked and who answered, the figures of each question, and
/// every comment as it was typed — drawn as text, never read as markup.
struct AssessmentReportDocument {
    let summary: AssessmentSummary
    let session: Session
    let organisation: Organisation?
    let timeZone: TimeZone

    func render(at now: Date) throws -> [UInt8] {
        let document = PDFDocument(
            title: "Bilan — \(summary.title) — \(session.code) — \(session.moduleTitle)",
            created: PDFDocument.creationDate(now, in: timeZone)
        ) { [code = session.code, title = summary.title] page, count in
            "Bilan « \(title) » \(code) — page \(page) sur \(count)"
        }
        let days = Letter.Day.days(of: session.slots.map { ($0.startsAt, $0.endsAt) }, in: timeZone).map(\.date)
        let rate = summary.responseRatePercent.map { " (\($0) %)" } ?? ""
        var blocks: [PDFBlock] = []
        if let organisation {
            blocks.append(.text(organisation.name, TextStyle(size: 10, weight: .bold, spaceAfter: 12)))
        }
        blocks += [
            .text("Bilan — \(summary.title)", .title),
            .table(
                PDFTable(
                    columns: [.init("", weight: 1.5), .init("", weight: 4)],
                    rows: [
                        ["Action", "\(session.moduleTitle) (\(session.code))"],
                        ["Dates", days.isEmpty ? "—" : French.list(days)],
                        ["Réponses", "\(summary.responses) sur \(summary.asked) participants interrogés\(rate)"],
                        [
                            "Satisfaction",
                            summary.satisfactionPercent.map { "\($0) % des notes sont de 4 ou 5 sur 5" } ?? "—",
                        ],
                    ], size: 9.5, spaceAfter: 14, framed: false)),
            .table(
                PDFTable(
                    columns: [.init("Question", weight: 5), .init("Résultat", weight: 2)],
                    rows: summary.questions.map { ["\($0.question.position). \($0.question.label)", Self.result($0)] },
                    size: 9.5, spaceAfter: 14)),
        ]
        for figures in summary.questions where !figures.texts.isEmpty {
            blocks.append(.text(figures.question.label, TextStyle(size: 11, weight: .bold, spaceAfter: 6)))
            blocks += figures.texts.map { .text("« \($0) »") }
        }
        return try document.render(blocks.map(\.frenchSpacing))
    }

    static func result(_ figures: AssessmentSummary.QuestionFigures) -> String {
        switch figures.question.type {
        case .scale, .eachObjective: figures.meanHundredths.map { "\(French.hundredths($0)) / 5 en moyenne" } ?? "—"
        case .score: figures.meanHundredths.map { "\(French.hundredths($0)) / 10 en moyenne" } ?? "—"
        case .yesNo, .adaptation: figures.yesPercent.map { "\($0) % de oui" } ?? "—"
        case .oneChoice: figures.choices.map { "\($0.option) : \($0.count)" }.joined(separator: "\n")
        case .text: figures.texts.count == 1 ? "1 commentaire" : "\(figures.texts.count) commentaires"
        }
    }
}

extension Assessments {
    /// The bilan of the session's `kind` questionnaire as a PDF.
    public func reportDocument(session code: String, kind: QuestionnaireCode, at now: Date = Date()) throws -> [UInt8] {
        let summary = try summary(session: code, kind: kind)
        return try AssessmentReportDocument(
            summary: summary, session: try Sessions(store).session(summary.session),
            organisation: try OrganisationRecord(store).current(), timeZone: store.timeZone
        ).render(at: now)
    }
}
