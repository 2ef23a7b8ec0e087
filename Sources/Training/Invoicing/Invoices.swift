import Foundation
import Postgres

/// Invoices and credit notes: drawn from a completed session, issued with the next number of
/// their series, credited, paid, and listed for the sales journal.
public struct Invoices {
    let store: Store
    var connection: Connection { store.connection }

    public init(_ store: Store) { self.store = store }

    /// Which invoices `list` shows.
    public struct Filter: Sendable, Hashable {
        public var drafts = false
        public var unpaid = false
        public var overdue = false
        /// Issued on these days, both included.
        public var issued: ClosedRange<LocalDate>?

        public init() {}
    }

    /// Drafts first by id, then issued ones by number, credit notes among them.
    public func list(_ filter: Filter = Filter(), today: LocalDate? = nil) throws -> [Invoice] {
        let today = today ?? LocalDate(Date(), in: store.timeZone)
        let invoices = try connection.execute(
            """
            SELECT * FROM (\(unescaped: Self.select)) AS listed
            WHERE \(filter.drafts) = (number IS NULL)
              AND (NOT \(filter.unpaid || filter.overdue) OR (kind = 'invoice' AND total_cents > credited + paid))
              AND (NOT \(filter.overdue) OR due_on < \(today))
              AND (\(filter.issued?.lowerBound)::date IS NULL
                   OR issued_on BETWEEN \(filter.issued?.lowerBound) AND \(filter.issued?.upperBound))
            ORDER BY issued_on, kind DESC, sequence, id
            """
        ).map(Self.invoice)
        let lines = try lines(of: invoices.map(\.id), on: connection)
        return invoices.map { invoice in
            var invoice = invoice
            invoice.lines = lines[invoice.id] ?? []
            return invoice
        }
    }

    /// One invoice with its lines.
    public func invoice(_ id: Int) throws -> Invoice {
        try invoice(id, on: connection)
    }

    /// The PDF sent, exactly as issued; a draft has none yet.
    public func pdf(_ id: Int) throws -> (fileName: String, pdf: [UInt8]) {
        let invoice = try invoice(id)
        guard let number = invoice.number,
            let row = try connection.execute("SELECT pdf FROM invoice WHERE id = \(id)").first
        else {
            throw TrainingError.refused(
                "The invoice \(id) is a draft: it has a PDF once issued (`atelier invoice issue \(id)`).")
        }
        return ("\(number).pdf", Array(try row.decode(Data.self, at: 0)))
    }

    /// What `edit` changes in a draft's line.
    public enum LineEdit: Sendable {
        case label(String)
        case remove
    }

    /// Rewords or removes a line of a draft; its total follows. An issued invoice never changes:
    /// the database refuses it too.
    public func edit(_ id: Int, line position: Int, _ change: LineEdit) throws -> Invoice {
        try connection.write { connection in
            let invoice = try invoice(id, on: connection, locking: true)
            if let number = invoice.number {
                throw TrainingError.refused(
                    "The invoice \(number) is issued: it never changes; credit it with `atelier invoice credit \(id) …`."
                )
            }
            guard invoice.lines.contains(where: { $0.position == position }) else {
                throw TrainingError.invalid(
                    "The draft \(id) has no line \(position): it has lines 1 to \(invoice.lines.count).")
            }
            switch change {
            case .label(let text):
                let label = try Field.required(text, "line's label", limit: 500)
                try connection.execute(
                    "UPDATE invoice_line SET label = \(label) WHERE invoice_id = \(id) AND position = \(position)")
            case .remove:
                guard invoice.lines.count > 1 else {
                    throw TrainingError.refused(
                        "Line \(position) is the draft's only one: drop the draft instead (`atelier invoice drop \(id)`)."
                    )
                }
                try connection.execute("DELETE FROM invoice_line WHERE invoice_id = \(id) AND position = \(position)")
                try connection.execute(
                    "UPDATE invoice_line SET position = position - 1 WHERE invoice_id = \(id) AND position > \(position)"
                )
                try connection.execute(
                    """
                    UPDATE invoice SET total_cents = (SELECT sum(amount_cents) FROM invoice_line WHERE invoice_id = \(id))
                    WHERE id = \(id)
                    """)
            }
            return try self.invoice(id, on: connection)
        }
    }

    /// Drops a draft; an issued invoice is never deleted.
    public func drop(_ id: Int) throws -> Invoice {
        try connection.write { connection in
            let invoice = try invoice(id, on: connection, locking: true)
            if let number = invoice.number {
                throw TrainingError.refused(
                    "The invoice \(number) is issued: it is never deleted; credit it with `atelier invoice credit \(id) --all --reason …`."
                )
            }
            try connection.execute("DELETE FROM invoice WHERE id = \(id)")
            return invoice
        }
    }

    func invoice(_ id: Int, on connection: Connection, locking: Bool = false) throws -> Invoice {
        guard
            var invoice = try connection.execute(
                "\(unescaped: Self.select) WHERE i.id = \(id) \(unescaped: locking ? "FOR UPDATE OF i" : "")"
            ).first.map(Self.invoice)
        else { throw TrainingError.notFound("No invoice has the id \(id): `atelier invoice list` lists them.") }
        invoice.lines = try lines(of: [id], on: connection)[id] ?? []
        return invoice
    }

    /// The lines of the invoices `ids`, in order, by invoice.
    private func lines(of ids: [Int], on connection: Connection) throws -> [Int: [InvoiceLine]] {
        var lines: [Int: [InvoiceLine]] = [:]
        for row in try connection.execute(
            """
            SELECT invoice_id, position, kind, label, registration_id, funding_agreement_id, attended_minutes,
                   planned_minutes, amount_cents
            FROM invoice_line WHERE invoice_id = ANY(\(ids)) ORDER BY invoice_id, position
            """)
        {
            lines[try row.decode(Int.self, "invoice_id"), default: []].append(
                InvoiceLine(
                    position: try row.decode(Int.self, "position"), kind: try row.decode(InvoiceLine.Kind.self, "kind"),
                    label: try row.decode(String.self, "label"),
                    registrationId: try row.decode(Int?.self, "registration_id"),
                    agreementId: try row.decode(Int?.self, "funding_agreement_id"),
                    attendedMinutes: try row.decode(Int?.self, "attended_minutes"),
                    plannedMinutes: try row.decode(Int?.self, "planned_minutes"),
                    amount: Money(cents: try row.decode(Int.self, "amount_cents"))))
        }
        return lines
    }

    /// An invoice's head; the buyer named as issued, or as it is named today for a draft.
    static let select = """
        SELECT i.id, i.kind, s.code AS session, i.buyer_kind, i.number, i.series, i.sequence, i.issued_on, i.due_on, i.total_cents,
               i.reason, i.pdf_sha256, c.number AS credits,
               coalesce(i.buyer ->> 'name', e.name, fu.name, p.first_name || ' ' || upper(p.last_name)) AS buyer_name,
               coalesce((SELECT sum(amount_cents) FROM payment WHERE invoice_id = i.id), 0)::bigint AS paid,
               coalesce((SELECT sum(total_cents) FROM invoice k WHERE k.credited_invoice_id = i.id AND k.number IS NOT NULL),
                        0)::bigint AS credited
        FROM invoice i
        JOIN session s ON s.id = i.session_id
        LEFT JOIN employer e ON e.id = i.employer_id
        LEFT JOIN funder fu ON fu.id = i.funder_id
        LEFT JOIN participant p ON p.id = i.participant_id
        LEFT JOIN invoice c ON c.id = i.credited_invoice_id
        """

    static func invoice(_ row: Row) throws -> Invoice {
        Invoice(
            id: try row.decode(Int.self, "id"), kind: try row.decode(Invoice.Kind.self, "kind"),
            session: try row.decode(String.self, "session"),
            buyerKind: try row.decode(Invoice.BuyerKind.self, "buyer_kind"),
            buyer: try row.decode(String.self, "buyer_name"), number: try row.decode(String?.self, "number"),
            series: try row.decode(String?.self, "series"), issuedOn: try row.decode(LocalDate?.self, "issued_on"),
            dueOn: try row.decode(LocalDate?.self, "due_on"),
            total: Money(cents: try row.decode(Int.self, "total_cents")),
            paid: Money(cents: try row.decode(Int.self, "paid")),
            credited: Money(cents: try row.decode(Int.self, "credited")),
            credits: try row.decode(String?.self, "credits"), reason: try row.decode(String?.self, "reason"),
            pdfSHA256: try row.decode(String?.self, "pdf_sha256"), lines: [])
    }
}
