import Postgres

/// What `invoice draft` did for a session.
public struct InvoiceDraftReport: Sendable {
    /// The drafts drawn: invoices, and the credit notes an attendance correction implies.
    public var drafts: [Invoice]
    /// Issued invoices that still say what the attendance says.
    public var standing: [Invoice]
    /// Participants whose funder pays more than the price of their hours: nothing is left to
    /// their structure. One sentence each.
    public var overfunded: [String]
}

extension Invoices {
    /// Draws the session's invoices anew, once it is completed: one per payer (as a funder groups
    /// them), without number; earlier drafts of the session go. A payer whose issued invoices no
    /// longer say what the attendance says gets a draft credit note for each and a new draft
    /// invoice: nothing issued changes by itself.
    public func draft(session code: String) throws -> InvoiceDraftReport {
        try connection.write { connection in
            let session = try SessionRow(code, on: connection)
            guard session.status == .completed else {
                throw TrainingError.refused(
                    "The session \(session.code) is \(session.status.rawValue): invoices are drawn from its attendance once it is completed (`atelier session complete \(session.code)`)."
                )
            }
            let percent = try OrganisationRecord(store).current()?.terms.noShowChargePercent ?? 0
            let plan = try BillingPlan(session: session.code, noShowChargePercent: percent, on: connection)
            try connection.execute("DELETE FROM invoice WHERE session_id = \(session.id) AND number IS NULL")
            let issued = try standing(session: session.id, on: connection)
            var drafts: [Int] = []
            var standing: [Int] = []
            let billed = plan.bills.map(\.payer).uniqued()
            let payers =
                billed
                + issued.keys.filter { !billed.contains($0) }.sorted {
                    ($0.kind.rawValue, $0.id) < ($1.kind.rawValue, $1.id)
                }
            for payer in payers {
                let bills = plan.bills.filter { $0.payer == payer }
                let held = issued[payer] ?? []
                if !held.isEmpty, Self.same(held.flatMap(\.lines), bills.flatMap(\.lines)) {
                    standing += held.map(\.id)
                    continue
                }
                for invoice in held {
                    drafts.append(
                        try insertDraft(
                            .creditNote, session: session.id, payer: payer, lines: invoice.lines,
                            credits: invoice.id, reason: "Correction des présences après facturation", on: connection))
                }
                for bill in bills {
                    drafts.append(
                        try insertDraft(.invoice, session: session.id, payer: payer, lines: bill.lines, on: connection))
                }
            }
            return InvoiceDraftReport(
                drafts: try drafts.map { try invoice($0, on: connection) },
                standing: try standing.map { try invoice($0, on: connection) },
                overfunded: plan.overfunded.map { seat in
                    "\(seat.name): \(seat.agreement?.funderName ?? "the funder") pays \(seat.funded) for \(seat.delivered) of hours done; nothing is left to pay."
                })
        }
    }

    /// Each payer's issued invoices of the session, with the lines no credit note took back.
    private func standing(session: Int, on connection: Connection) throws -> [BillingPlan.Payer: [Invoice]] {
        var held: [BillingPlan.Payer: [Invoice]] = [:]
        let rows = try connection.execute(
            """
            SELECT i.id, i.buyer_kind, coalesce(i.employer_id, i.funder_id, i.participant_id) AS payer
            FROM invoice i
            WHERE i.session_id = \(session) AND i.kind = 'invoice' AND i.number IS NOT NULL
            ORDER BY i.sequence
            """)
        for row in rows {
            var invoice = try invoice(try row.decode(Int.self, "id"), on: connection)
            invoice.lines = try uncredited(invoice, on: connection)
            guard !invoice.lines.isEmpty else { continue }
            let payer = BillingPlan.Payer(
                kind: try row.decode(Invoice.BuyerKind.self, "buyer_kind"), id: try row.decode(Int.self, "payer"))
            held[payer, default: []].append(invoice)
        }
        return held
    }

    /// The lines of an issued invoice that no issued credit note took back: a credit note's line
    /// takes back the original's line of the same kind, participant and amount.
    func uncredited(_ invoice: Invoice, on connection: Connection) throws -> [InvoiceLine] {
        var lines = invoice.lines
        let taken = try connection.execute(
            """
            SELECT l.kind, l.registration_id, l.amount_cents
            FROM invoice k JOIN invoice_line l ON l.invoice_id = k.id
            WHERE k.credited_invoice_id = \(invoice.id) AND k.number IS NOT NULL
            """)
        for row in taken {
            let (kind, registration, cents) = try row.decode((InvoiceLine.Kind, Int?, Int).self)
            if let index = lines.firstIndex(where: {
                $0.kind == kind && $0.registrationId == registration && $0.amount.cents == cents
            }) {
                lines.remove(at: index)
            }
        }
        return lines
    }

    /// Whether two sets of lines bill the same: each kind, participant and amount as often.
    private static func same(_ a: [InvoiceLine], _ b: [InvoiceLine]) -> Bool {
        func key(_ line: InvoiceLine) -> String {
            "\(line.kind.rawValue)/\(line.registrationId ?? 0)/\(line.amount.cents)"
        }
        return a.map(key).sorted() == b.map(key).sorted()
    }

    /// Inserts a draft and its lines, numbered from 1; returns its id.
    func insertDraft(
        _ kind: Invoice.Kind, session: Int, payer: BillingPlan.Payer, lines: [InvoiceLine], credits: Int? = nil,
        reason: String? = nil, on connection: Connection
    ) throws -> Int {
        let id = try connection.execute(
            """
            INSERT INTO invoice (kind, session_id, buyer_kind, employer_id, funder_id, participant_id,
                                 credited_invoice_id, reason, total_cents)
            VALUES (\(kind), \(session), \(payer.kind),
                    \(payer.kind == .structure ? payer.id : nil), \(payer.kind == .funder ? payer.id : nil),
                    \(payer.kind == .participant ? payer.id : nil), \(credits), \(reason),
                    \(lines.reduce(0) { $0 + $1.amount.cents }))
            RETURNING id
            """)[0].decode(Int.self, at: 0)
        for (index, line) in lines.enumerated() {
            try connection.execute(
                """
                INSERT INTO invoice_line (invoice_id, buyer_kind, position, kind, label, registration_id,
                                          funding_agreement_id, attended_minutes, planned_minutes, amount_cents)
                VALUES (\(id), \(payer.kind), \(index + 1), \(line.kind), \(line.label), \(line.registrationId),
                        \(line.agreementId), \(line.attendedMinutes), \(line.plannedMinutes), \(line.amount.cents))
                """)
        }
        return id
    }
}

extension Array where Element: Hashable {
    /// The elements in order, each once.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
