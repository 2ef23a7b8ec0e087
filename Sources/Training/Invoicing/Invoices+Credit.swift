import Postgres

extension Invoices {
    /// Issues a credit note for an issued invoice: every line no credit note took back yet, or
    /// those at `positions`; it cites the invoice's number and date, and says why.
    public func credit(_ id: Int, positions: [Int]?, reason: String, on day: LocalDate? = nil) throws -> Invoice {
        let reason = try Field.required(reason, "reason", limit: 300)
        return try connection.write { connection in
            let original = try invoice(id, on: connection, locking: true)
            guard let number = original.number, original.kind == .invoice else {
                throw TrainingError.refused(
                    original.isDraft
                        ? "The invoice \(id) is a draft: change it or drop it (`atelier invoice drop \(id)`); credit notes are for issued invoices."
                        : "\(original.number ?? "") is a credit note itself: credit notes credit invoices.")
            }
            let open = try uncredited(original, on: connection)
            guard !open.isEmpty else { throw TrainingError.refused("\(number) is wholly credited already.") }
            var lines = open
            if let positions {
                lines = try positions.map { position in
                    guard let line = open.first(where: { $0.position == position }) else {
                        throw TrainingError.invalid(
                            original.lines.contains { $0.position == position }
                                ? "Line \(position) of \(number) is credited already."
                                : "\(number) has no line \(position): it has lines 1 to \(original.lines.count).")
                    }
                    return line
                }
            }
            let (sessionId, payerId) = try connection.execute(
                "SELECT session_id, coalesce(employer_id, funder_id, participant_id) FROM invoice WHERE id = \(id)"
            )[0].decode((Int, Int).self)
            let payer = BillingPlan.Payer(kind: original.buyerKind, id: payerId)
            let draft = try insertDraft(
                .creditNote, session: sessionId, payer: payer, lines: lines, credits: id, reason: reason, on: connection
            )
            return try issue(draft, day: day, on: connection)
        }
    }
}
