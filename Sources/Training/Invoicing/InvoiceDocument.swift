import Documents
import Foundation

/// The invoice or credit note as sent and kept ten years, with every mention the law asks for
/// (CGI annexe II art. 242 nonies A, Code de commerce L441-9): both parties, the number and the
/// dates, the training and its dates, the lines, the totals, the VAT sentence of the
/// organisation's regime, the due date, the discount terms, the late penalties and, for a
/// business buyer, the 40 € recovery indemnity. Drawn for people, then archived as Factur-X
/// (PDF/A-3 with the same invoice as `factur-x.xml`) for their software.
extension InvoiceContent {
    /// The PDF/A-3 as sent and kept.
    func document() throws -> [UInt8] {
        let title = "\(invoice.kind.french) n° \(invoice.number ?? "")"
        let created = PDFDocument.creationDate(Date(), in: timeZone)
        let document = PDFDocument(title: title, created: created) {
            [registration = organisation.registration] page, count in
            "\(registration) — page \(page) sur \(count)"
        }
        let body = TextStyle.body
        var blocks =
            organisation.letterhead(spaceAfter: 12) + [
                .text(title, .title),
                .table(
                    PDFTable(
                        columns: [.init("", weight: 1.3), .init("", weight: 4)],
                        rows: head, size: 9.5, spaceAfter: 12, framed: false)),
            ]
        blocks +=
            facts.credits.map { credited in
                [
                    .text(
                        "Avoir sur la facture n° \(credited.number) du \(French.day(credited.issuedOn)). Motif : \(invoice.reason ?? "").",
                        TextStyle(size: 10, weight: .bold, spaceAfter: 6))
                ]
            } ?? []
        blocks.append(.text(object, body))
        if let mention = fundingMention { blocks.append(.text(mention, body)) }
        blocks += [
            .table(
                PDFTable(
                    columns: [
                        .init("Désignation", weight: 6), .init("Qté", weight: 0.6, alignment: .right),
                        .init("Prix unitaire", weight: 1.5, alignment: .right),
                        .init("Montant", weight: 1.5, alignment: .right),
                    ],
                    rows: invoice.lines.map { ["\($0.label)", "1", "\($0.amount)", "\($0.amount)"] }, size: 9,
                    spaceAfter: 8)),
            .table(
                PDFTable(
                    columns: [
                        .init("", weight: 6.6), .init("", weight: 1.5, alignment: .right),
                        .init("", weight: 1.5, alignment: .right),
                    ],
                    rows: [
                        ["", "Total HT", "\(invoice.total)"], ["", "TVA", "\(Money.zero)"],
                        ["", "Total TTC", "\(invoice.total)"],
                        ["", invoice.kind == .invoice ? "Net à payer" : "Net à déduire", "\(invoice.total)"],
                    ], size: 9.5, spaceAfter: 10, framed: false)),
            .text(organisation.terms.vatRegime.sentence + ".", TextStyle(size: 10, weight: .bold, spaceAfter: 10)),
            .text(
                terms.text,
                TextStyle(size: 8.5, spaceAfter: 6)),
        ]
        let drawn = try document.render(blocks.map(\.frenchSpacing))
        return try archive(drawn, title: title, created: created)
    }

    /// The dates and the buyer, as label and value rows.
    private var head: [[String]] {
        var rows = [["Date d’émission", invoice.issuedOn.map(French.day) ?? ""]]
        if invoice.kind == .invoice { rows.append(["Échéance", invoice.dueOn.map(French.day) ?? ""]) }
        let client = [
            buyer.name, buyer.address, buyer.siret.map { "SIRET \($0)" },
            buyer.vatNumber.map { "TVA intracommunautaire \($0)" }, buyer.email,
        ].compactMap { $0 }.joined(separator: "\n")
        rows.append(["Client", client])
        rows.append(["Émetteur", "\(seller.name), \(seller.email ?? "")"])
        return rows
    }

    /// What is billed: the training, its session and dates, where.
    private var object: String {
        let dates = facts.dates(in: timeZone)
        return
            "Formation « \(facts.title) » (session \(facts.session))\(dates.map { ", \($0)" } ?? "")\(facts.venue.map { ", \($0)" } ?? ""). Prestation réalisée, facturée selon les présences émargées."
    }

    /// Under subrogation, what a funder pays and what its invoice carries; for the structure,
    /// what the funder pays beside.
    private var fundingMention: String? {
        guard let funders = facts.funders else { return nil }
        let dossiers = facts.dossiers.map { " (dossier \($0))" } ?? ""
        switch invoice.buyerKind {
        case .funder:
            return
                "Subrogation de paiement\(dossiers) : l’employeur a chargé \(funders) de payer directement l’organisme de formation. Les certificats de réalisation des stagiaires sont joints."
        case .structure, .participant:
            return
                "La prise en charge par \(funders)\(dossiers) lui est facturée directement ; la présente facture porte sur le reste à charge."
        }
    }
}
