import Documents

/// The sales journal (journal des ventes) the accountant books: every invoice and credit note
/// issued in a period, by issue date and number, with its net, VAT, total, what was paid and
/// what is left; credit notes count negative, and a totals row adds them to the cent.
public struct SalesJournal {
    let store: Store

    public init(_ store: Store) { self.store = store }

    public static let columns = [
        Column("Numéro", width: 16), Column("Date", width: 11), Column("Type", width: 9),
        Column("Avoir sur", width: 16), Column("Session", width: 12), Column("Client", width: 36),
        Column("Montant HT (€)", width: 14), Column("TVA (€)", width: 10), Column("Montant TTC (€)", width: 14),
        Column("Payé (€)", width: 12), Column("Reste à payer (€)", width: 14),
    ]

    public struct Summary: Sendable, Hashable {
        public var rows = 0
        /// Invoices less credit notes.
        public var net = 0
        public var paid = 0
        public var left = 0
    }

    /// Writes the journal of the invoices issued from `from` to `to`, both included, and finishes
    /// the writer; `nil` when none was issued, the writer left unfinished (no file).
    public func write(from: LocalDate, to: LocalDate, into writer: some TableWriter) throws -> Summary? {
        guard from <= to else { throw TrainingError.invalid("The period runs backwards: \(from) is after \(to).") }
        var filter = Invoices.Filter()
        filter.issued = from...to
        var summary = Summary()
        for invoice in try Invoices(store).list(filter) {
            let sign = invoice.kind == .invoice ? 1 : -1
            let total = sign * invoice.total.cents
            try writer.write([
                .text(invoice.number ?? ""),
                invoice.issuedOn.map { .date(CalendarDay(year: $0.year, month: $0.month, day: $0.day)) } ?? .empty,
                .text(invoice.kind.french), invoice.credits.map(Cell.text) ?? .empty, .text(invoice.session),
                .text(invoice.buyer), .number(total, places: 2), .number(0, places: 2), .number(total, places: 2),
                .number(invoice.paid.cents, places: 2), .number(sign * invoice.leftToPay.cents, places: 2),
            ])
            summary.rows += 1
            summary.net += total
            summary.paid += invoice.paid.cents
            summary.left += sign * invoice.leftToPay.cents
        }
        guard summary.rows > 0 else { return nil }
        try writer.writeTotals(
            [.text("Total")] + Array(repeating: Cell.empty, count: 5) + [
                .number(summary.net, places: 2), .number(0, places: 2), .number(summary.net, places: 2),
                .number(summary.paid, places: 2), .number(summary.left, places: 2),
            ])
        try writer.finish()
        return summary
    }
}
