import Foundation
import Postgres

extension Invoices {
    /// The invoice `text` names: its number (`FA-2026-00042`), or its id.
    public func resolve(_ text: String) throws -> Int {
        let trimmed = text.trimmingWhiteSpace
        if let id = Int(trimmed), id > 0 { return id }
        guard
            let id = try connection.execute("SELECT id FROM invoice WHERE number = \(trimmed.uppercased())").first?
                .decode(Int.self, at: 0)
        else {
            throw TrainingError.notFound(
                "No invoice has the number or id “\(Printable.escaped(text))”: `atelier invoice list` lists them.")
        }
        return id
    }

    /// Records a payment of an issued invoice, never more than is left to pay.
    public func recordPayment(_ id: Int, amount: Money, on day: LocalDate, method: Payment.Method) throws -> Payment {
        let today = LocalDate(Date(), in: store.timeZone)
        guard day <= today else {
            throw TrainingError.invalid("The payment date \(day) is after today: record a payment once it is received.")
        }
        guard amount > .zero else { throw TrainingError.invalid("A payment is more than 0,00 €.") }
        return try connection.write { connection in
            let invoice = try invoice(id, on: connection, locking: true)
            guard let number = invoice.number, invoice.kind == .invoice else {
                throw TrainingError.refused(
                    invoice.isDraft
                        ? "The invoice \(id) is a draft: a payment settles an issued invoice (`atelier invoice issue \(id)`)."
                        : "\(invoice.number ?? "") is a credit note: payments settle invoices.")
            }
            guard amount <= invoice.leftToPay else {
                throw TrainingError.refused(
                    "\(amount) is more than the \(invoice.leftToPay) left to pay on \(number): record what was received, at most what is due."
                )
            }
            if invoice.buyerKind == .participant {
                let (session, participant, paid) = try connection.execute(
                    """
                    SELECT i.session_id, i.participant_id,
                           (SELECT coalesce(sum(p.amount_cents), 0) FROM payment p JOIN invoice k ON k.id = p.invoice_id
                            WHERE k.session_id = i.session_id AND k.participant_id = i.participant_id)::bigint
                    FROM invoice i WHERE i.id = \(id)
                    """)[0].decode((Int, Int, Int).self)
                try IndividualBilling.check(
                    session: session, participant: participant, day: day, total: paid + amount.cents, act: .paid,
                    on: connection)
            }
            let paymentId = try connection.execute(
                """
                INSERT INTO payment (invoice_id, amount_cents, paid_on, method)
                VALUES (\(id), \(amount.cents), \(day), \(method)) RETURNING id
                """)[0].decode(Int.self, at: 0)
            return Payment(
                id: paymentId, invoice: number, amount: amount, paidOn: day, method: method,
                leftToPay: Money(cents: invoice.leftToPay.cents - amount.cents))
        }
    }
}
