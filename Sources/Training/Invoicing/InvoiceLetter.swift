import Foundation
import Postgres

/// What the message carrying an issued invoice says (`Jobs/invoice/*.mustache`): to whom, which
/// invoice or credit note, for which training, how much and by when; and what it carries.
public struct InvoiceLetter: Sendable, Hashable {
    public struct Recipient: Sendable, Hashable {
        public var name: String
        public var email: String
    }

    public struct Document: Sendable, Hashable {
        /// `facture`, `avoir`.
        public var kind: String
        public var number: String
        /// `7 décembre 2026`.
        public var date: String
        /// `3 600,00 €`.
        public var total: String
        /// For an invoice, when it is due, and what is left to pay.
        public var due: String?
        public var left: String?
        /// For a credit note, the invoice it credits.
        public var credits: String?
        /// For a funder's invoice, its dossiers.
        public var dossiers: String?
    }

    public struct Training: Sendable, Hashable {
        public var title: String
        public var dates: String
    }

    public var recipient: Recipient
    public var document: Document
    public var training: Training
    /// How many certificats de réalisation travel with it (a funder's invoice), 0 otherwise.
    public var certificates: Int
    public var organisation: Letter.Organisation

    static var example: InvoiceLetter {
        InvoiceLetter(
            recipient: Recipient(name: "Uniformation (OPCO Cohésion sociale)", email: "factures@uniformation.example"),
            document: Document(
                kind: "facture", number: "FA-2027-00042", date: "7 avril 2027", total: "3 600,00 €",
                due: "7 mai 2027", left: "1 600,00 €", credits: "FA-2027-00041", dossiers: "AC-2027-0118"),
            training: Training(
                title: "Accompagner la fonction employeur", dates: "du 5 mars 2027 au 20 mars 2027"),
            certificates: 9, organisation: Letter.example(for: .convocation).organisation)
    }
}

/// An issued invoice's message: its letter, and the files attached — the invoice's PDF as
/// issued, and for a funder the certificats de réalisation in force of the trainees it pays for.
public struct InvoiceMailing: Sendable {
    public var letter: InvoiceLetter
    public var files: [(name: String, bytes: [UInt8])]
}

extension Invoices {
    /// The message of the issued invoice `id`. Throws `TrainingError.tryAgain` while a trainee
    /// of a funder's invoice has no certificate in force yet: the worker issues them after the
    /// session's completion, and the invoice goes with them. A reminder (`evidence: false`)
    /// carries the invoice alone.
    public func mailing(_ id: Int, evidence: Bool = true) throws -> InvoiceMailing {
        let invoice = try invoice(id)
        guard let number = invoice.number else {
            throw TrainingError.refused("The invoice \(id) is a draft: only an issued invoice is mailed.")
        }
        let row = try connection.execute(
            "SELECT buyer ->> 'name' AS name, buyer ->> 'email' AS email, pdf FROM invoice WHERE id = \(id)")[0]
        let facts = try InvoiceFacts(invoice: id, on: connection)
        var files = [(name: "\(number).pdf", bytes: Array(try row.decode(Data.self, "pdf")))]
        if evidence, invoice.buyerKind == .funder, invoice.kind == .invoice {
            files += try certificates(of: invoice)
        }
        return InvoiceMailing(
            letter: InvoiceLetter(
                recipient: .init(
                    name: try row.decode(String.self, "name"), email: try row.decode(String.self, "email")),
                document: .init(
                    kind: invoice.kind == .invoice ? "facture" : "avoir", number: number,
                    date: invoice.issuedOn.map(French.day) ?? "", total: invoice.total.description,
                    due: invoice.kind == .invoice ? invoice.dueOn.map(French.day) : nil,
                    left: invoice.kind == .invoice ? invoice.leftToPay.description : nil, credits: invoice.credits,
                    dossiers: invoice.buyerKind == .funder ? facts.dossiers : nil),
                training: .init(title: facts.title, dates: facts.dates(in: store.timeZone) ?? ""),
                certificates: files.count - 1, organisation: try Letters(store).organisation()),
            files: files)
    }

    /// The certificate in force of each trainee the invoice bills, by the invoice's lines.
    private func certificates(of invoice: Invoice) throws -> [(name: String, bytes: [UInt8])] {
        let registrations = Set(invoice.lines.compactMap(\.registrationId))
        let found = try connection.execute(
            """
            SELECT DISTINCT ON (c.registration_id) c.registration_id, c.version, c.withdrawn
            FROM certificate c WHERE c.registration_id = ANY(\(Array(registrations)))
            ORDER BY c.registration_id, c.version DESC
            """)
        let inForce = try found.filter { try !$0.decode(Bool.self, "withdrawn") }
        guard inForce.count == registrations.count else {
            throw TrainingError.tryAgain(
                "\(registrations.count - inForce.count) of the trainees \(invoice.number ?? "") bills have no certificat de réalisation in force yet: it goes with them."
            )
        }
        let certificates = try inForce.map { row in
            try Certificates(store).stored(
                registration: try row.decode(Int.self, "registration_id"), version: try row.decode(Int.self, "version"),
                on: connection)
        }
        return zip(Certificate.fileNames(certificates), certificates).map { ($0, $1.pdf) }
    }
}
