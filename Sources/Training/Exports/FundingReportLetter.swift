import Foundation

/// The message that carries a funding export to the accountant, in French.
public struct FundingReportLetter: Sendable, Hashable {
    public let subject: String
    public let text: String
    /// `financements-OPCO-CS-2026-11-01-2026-11-30.xlsx`.
    public let fileName: String

    public init(
        funder: Funder, from: LocalDate, to: LocalDate, summary: FundingExport.Summary, organisation: String?,
        fileExtension: String
    ) {
        let period = "du \(French.day(from)) au \(French.day(to))"
        subject = "Financements \(funder.name)\u{00A0}: export \(period)"
        let rows = summary.rows == 1 ? "1 ligne" : "\(summary.rows) lignes"
        text = """
            Bonjour,

            Voici l’export des financements de \(funder.name) (\(funder.code)) pour les sessions terminées \(period)\u{00A0}: \
            \(rows), \(summary.claimed) demandés pour \(summary.agreed) accordés.

            Le fichier joint s’ouvre dans un tableur\u{202F}; ses totaux sont ceux de la base, au centime près.

            Message envoyé automatiquement par Atelier\(organisation.map { " pour \($0)" } ?? "").

            """
        fileName = "financements-\(funder.code)-\(from)-\(to).\(fileExtension)"
    }
}
