import Foundation
import Postgres

/// What an invoice says of the training it bills, read when it is issued: the session, its
/// programme's title, its dates and venue, the agreements its lines cite, and for a credit note
/// the invoice it credits.
struct InvoiceFacts {
    var session: String
    var title: String
    var firstStart: Date?
    var lastEnd: Date?
    var venue: String?
    /// The agreement (dossier) numbers of the lines, and their funders' names.
    var dossiers: String?
    var funders: String?
    var credits: (number: String, issuedOn: LocalDate)?

    /// When the training took place, in `zone`: `du 5 mars 2026 au 20 mars 2026`.
    func dates(in zone: TimeZone) -> String? {
        guard let firstStart, let lastEnd else { return nil }
        return French.period(firstStart, lastEnd, in: zone)
    }

    init(invoice: Int, on connection: Connection) throws {
        let row = try connection.execute(
            """
            SELECT s.code, mp.title,
                   (SELECT v.name || ', ' || v.city FROM slot x JOIN venue v ON v.id = x.venue_id
                    WHERE x.session_id = s.id ORDER BY x.starts_at LIMIT 1) AS venue,
                   (SELECT min(starts_at) FROM slot WHERE session_id = s.id) AS first_start,
                   (SELECT max(ends_at) FROM slot WHERE session_id = s.id) AS last_end,
                   (SELECT string_agg(DISTINCT f.agreement_number, ', ') FROM invoice_line l
                    JOIN funding_agreement f ON f.id = l.funding_agreement_id WHERE l.invoice_id = i.id) AS dossiers,
                   (SELECT string_agg(DISTINCT fu.name, ', ') FROM invoice_line l
                    JOIN funding_agreement f ON f.id = l.funding_agreement_id JOIN funder fu ON fu.id = f.funder_id
                    WHERE l.invoice_id = i.id) AS funders,
                   c.number AS credits, c.issued_on AS credits_on
            FROM invoice i JOIN session s ON s.id = i.session_id JOIN module_programme mp ON mp.id = s.programme_id
            LEFT JOIN invoice c ON c.id = i.credited_invoice_id
            WHERE i.id = \(invoice)
            """)[0]
        session = try row.decode(String.self, "code")
        title = try row.decode(String.self, "title")
        venue = try row.decode(String?.self, "venue")
        firstStart = try row.decode(Date?.self, "first_start")
        lastEnd = try row.decode(Date?.self, "last_end")
        dossiers = try row.decode(String?.self, "dossiers")
        funders = try row.decode(String?.self, "funders")
        if let number = try row.decode(String?.self, "credits"), let day = try row.decode(LocalDate?.self, "credits_on")
        {
            credits = (number, day)
        }
    }
}

extension InvoiceParty {
    /// The organisation as its invoices print it.
    init(_ organisation: Organisation) {
        self.init(
            name: organisation.name, siret: organisation.siret, street: organisation.street,
            postalCode: organisation.postalCode, city: organisation.city, email: organisation.email,
            activityNumber: organisation.activityNumber)
    }
}

/// Everything an issued invoice says, gathered once for its two forms: the PDF people read
/// (`InvoiceDocument`) and the Factur-X XML their software reads (`FacturX`).
struct InvoiceContent {
    let invoice: Invoice
    let seller: InvoiceParty
    let buyer: InvoiceParty
    let organisation: Organisation
    let facts: InvoiceFacts
    let timeZone: TimeZone

    var terms: InvoiceTerms {
        InvoiceTerms(invoice: invoice, organisation: organisation, credits: facts.credits?.number)
    }
}
