import Foundation
import Postgres

extension Invoices {
    /// Issues a draft on `day` (today by default): the next number of its series, taken from the
    /// series' counter row locked in this transaction, so that a failure anywhere before the
    /// commit gives the number back and no gap is ever left; the seller's and buyer's identities
    /// copied; the PDF built and stored with its SHA-256. From then on the database refuses to
    /// change it.
    public func issue(_ id: Int, on day: LocalDate? = nil) throws -> Invoice {
        try connection.write { connection in try issue(id, day: day, on: connection) }
    }

    func issue(_ id: Int, day: LocalDate?, on connection: Connection) throws -> Invoice {
        let invoice = try invoice(id, on: connection, locking: true)
        if let number = invoice.number {
            throw TrainingError.refused("The invoice \(id) is issued already, as \(number).")
        }
        guard let organisation = try OrganisationRecord(store).current() else {
            throw TrainingError.refused(
                "The organisation's identity is not set yet: set it with `atelier org edit` before issuing an invoice.")
        }
        guard organisation.terms.latePenaltyBasisPoints != nil else {
            throw TrainingError.refused(
                "The late-penalty rate every invoice states is not set: set it with `atelier org edit --late-penalty-rate 12,15`."
            )
        }
        let buyer = try party(of: invoice, on: connection)
        let today = LocalDate(Date(), in: store.timeZone)
        let day = day ?? today
        guard day <= today else {
            throw TrainingError.invalid(
                "The issue date \(day) is after today: an invoice is issued today or on an earlier day.")
        }
        if invoice.buyerKind == .participant, invoice.kind == .invoice {
            let (session, participant, billed) = try connection.execute(
                """
                SELECT i.session_id, i.participant_id,
                       (SELECT coalesce(sum(CASE k.kind WHEN 'invoice' THEN k.total_cents ELSE -k.total_cents END), 0)
                        FROM invoice k WHERE k.session_id = i.session_id AND k.participant_id = i.participant_id
                          AND k.number IS NOT NULL)::bigint
                FROM invoice i WHERE i.id = \(id)
                """)[0].decode((Int, Int, Int).self)
            try IndividualBilling.check(
                session: session, participant: participant, day: day, total: billed + invoice.total.cents,
                act: .invoiced,
                on: connection)
        }
        let (series, sequence) = try nextNumber(of: invoice.kind, on: day, connection)
        let number = "\(series)-\(String(repeating: "0", count: max(0, 5 - String(sequence).count)))\(sequence)"
        let due = invoice.kind == .invoice ? day.adding(days: organisation.terms.paymentDays) : day
        let seller = InvoiceParty(organisation)
        var issued = invoice
        (issued.number, issued.series, issued.issuedOn, issued.dueOn) = (number, series, day, due)
        let pdf = try InvoiceContent(
            invoice: issued, seller: seller, buyer: buyer, organisation: organisation,
            facts: try InvoiceFacts(invoice: id, on: connection), timeZone: store.timeZone
        ).document()
        try connection.execute(
            """
            UPDATE invoice SET series = \(series), sequence = \(sequence), number = \(number), issued_on = \(day),
                due_on = \(due), seller = \(JSON(seller)), buyer = \(JSON(buyer)), pdf = \(Data(pdf)),
                pdf_sha256 = \(PackFile.sha256(pdf))
            WHERE id = \(id)
            """)
        // An invoice unpaid some days after it is due is recalled to its buyer, at 09:00.
        let remindAt =
            invoice.kind == .invoice
            ? due.adding(days: organisation.terms.reminderDays).at(hour: 9, minute: 0, in: store.timeZone).date
            : nil
        try EventLog.append(
            InvoiceIssued(invoiceId: id, number: number, session: invoice.session, remindAt: remindAt), on: connection,
            jobs: store.jobs)
        return try self.invoice(id, on: connection)
    }

    /// Takes the next number of the kind's series of `day`'s year: the counter row is created
    /// the first time, then locked until the transaction ends, so that issuers queue on it.
    private func nextNumber(of kind: Invoice.Kind, on day: LocalDate, _ connection: Connection) throws -> (
        series: String, sequence: Int
    ) {
        let series = "\(kind.prefix)-\(day.year)"
        try connection.execute(
            """
            INSERT INTO invoice_counter (series, last_number, last_issued_on)
            VALUES (\(series), 0, make_date(\(day.year)::int, 1, 1)) ON CONFLICT (series) DO NOTHING
            """)
        let (last, lastDay) = try connection.execute(
            "SELECT last_number, last_issued_on FROM invoice_counter WHERE series = \(series) FOR UPDATE"
        )[0].decode((Int, LocalDate).self)
        guard day >= lastDay else {
            throw TrainingError.refused(
                "The issue date \(day) is before \(lastDay), when the last number of \(series) was issued: numbers follow the dates, so issue it on \(lastDay) or later."
            )
        }
        try connection.execute(
            "UPDATE invoice_counter SET last_number = \(last + 1), last_issued_on = \(day) WHERE series = \(series)")
        return (series, last + 1)
    }

    /// The buyer as the invoice prints it, from its row today; a structure or a funder needs its
    /// billing address and email (its electronic address in Factur-X, and where the worker
    /// mails it).
    private func party(of invoice: Invoice, on connection: Connection) throws -> InvoiceParty {
        let table: String =
            switch invoice.buyerKind {
            case .structure: "employer"
            case .funder: "funder"
            case .participant: "participant"
            }
        let row = try connection.execute(
            invoice.buyerKind == .participant
                ? """
                SELECT p.first_name || ' ' || upper(p.last_name) AS name, p.email
                FROM invoice i JOIN participant p ON p.id = i.participant_id WHERE i.id = \(invoice.id)
                """
                : """
                SELECT coalesce(b.legal_name, b.name) AS name, b.siret, \(unescaped: BillingIdentity.columns)
                FROM invoice i JOIN \(unescaped: table) b ON b.id = coalesce(i.employer_id, i.funder_id)
                WHERE i.id = \(invoice.id)
                """)[0]
        let name = try row.decode(String.self, "name")
        guard invoice.buyerKind != .participant else {
            return InvoiceParty(name: name, email: try row.decode(String.self, "email"))
        }
        let billing = try BillingIdentity(row: row)
        let command = invoice.buyerKind == .funder ? "funder edit" : "structure edit"
        guard billing.street != nil else {
            throw TrainingError.refused(
                "\(invoice.buyer) has no billing address, which an invoice states: set it with `atelier \(command) … --billing-street … --billing-postal-code … --billing-city …`."
            )
        }
        guard billing.email != nil else {
            throw TrainingError.refused(
                "\(invoice.buyer) has no billing email, where its invoices are sent: set it with `atelier \(command) … --billing-email …`."
            )
        }
        return InvoiceParty(
            name: name, siret: try row.decode(String?.self, "siret"), street: billing.street,
            postalCode: billing.postalCode, city: billing.city, email: billing.email, vatNumber: billing.vatNumber)
    }
}

/// An invoice or a credit note was issued: the worker mails it to its buyer, and recalls an
/// invoice still unpaid after its due date.
struct InvoiceIssued: DomainEvent {
    let invoiceId: Int
    let number: String
    let session: String
    /// When to recall an unpaid invoice to its buyer; `nil` for a credit note.
    let remindAt: Date?

    var name: String { "invoice.issued" }
}
