import Foundation
import Postgres

/// What each payer owes for a completed session, from its attendance, its funding agreements and
/// the price of the programme version it keeps (DOMAIN.md, "Only delivered training is billed").
///
/// Per participant: the price agreed (the programme's price per participant, or its price per
/// group shared between the confirmed participants), of which the hours done are due; the
/// funder's part is what `Claim` says the funder is claimed; the rest is the structure's, or
/// the person's when they come from none; and, when the organisation charges one, a dédit on the
/// price of the hours not attended, never to a funder. Every amount comes from `Claim`.
struct BillingPlan {
    struct Seat {
        var registrationId: Int
        var name: String
        var employerId: Int?
        var participantId: Int
        var agreement: Agreement?
        var row: Claim.Row
        /// The days the participant was present, in the slots' own time zones.
        var attendedDays: [LocalDate]
        /// The price agreed for the whole training, what is due for the hours done, and what the
        /// funder pays of it.
        var price = Money.zero
        /// What the funder agreed to pay of the price, as planned (`Claim.agreed`).
        var agreed = Money.zero
        var delivered = Money.zero
        var funded = Money.zero
    }

    struct Agreement {
        var id: Int
        var funderId: Int
        var funderName: String
        var funderKind: Funder.Kind
        var grouping: Funder.InvoiceGrouping
        var basis: FundingAgreement.Basis
        var amount: Money
        var number: String?
    }

    /// Who pays: a structure, a funder or a person, by its row id.
    struct Payer: Hashable {
        var kind: Invoice.BuyerKind
        var id: Int
    }

    /// A draft to be: a payer and its lines, and for a funder that groups by agreement or
    /// participant, which of its invoices this is.
    struct Bill {
        var payer: Payer
        var lines: [InvoiceLine]
    }

    let session: (id: Int, code: String)
    let seats: [Seat]
    let bills: [Bill]
    /// Participants whose funder pays more than the price of the hours done: nothing is left to
    /// their structure, and the coordinator is told.
    let overfunded: [Seat]

    /// The plan of a completed session.
    init(session code: String, noShowChargePercent: Int, on connection: Connection) throws {
        let pricing = try SessionPricing(session: code, on: connection)
        session = (pricing.id, pricing.code)
        var seats = pricing.seats
        for index in seats.indices {
            seats[index].delivered =
                Claim.amounts(
                    .perParticipant, amount: seats[index].price, rows: [seats[index].row], sessionCompleted: true)[0]
        }
        // Each agreement's claim, over its participants in the claims' order.
        for (agreement, covered) in Self.byAgreement(seats) {
            let claimed = Claim.amounts(
                agreement.basis, amount: agreement.amount, rows: covered.map { seats[$0].row }, sessionCompleted: true)
            for (index, amount) in zip(covered, claimed) { seats[index].funded = amount }
        }
        self.seats = seats
        overfunded = seats.filter { $0.funded > $0.delivered }
        bills = Self.bills(seats, noShowChargePercent: noShowChargePercent)
    }

    /// The seats' indices by the agreement that covers them, in the seats' order.
    static func byAgreement(_ seats: [Seat]) -> [(Agreement, [Int])] {
        var order: [Int] = []
        var covered: [Int: (Agreement, [Int])] = [:]
        for (index, seat) in seats.enumerated() {
            guard let agreement = seat.agreement else { continue }
            if covered[agreement.id] == nil { order.append(agreement.id) }
            covered[agreement.id, default: (agreement, [])].1.append(index)
        }
        return order.compactMap { covered[$0] }
    }

    /// The confirmed registrations in the order claims list them, with their hours.
    static func seats(session: Int, on connection: Connection) throws -> [Seat] {
        try connection.execute(
            """
            SELECT r.id, r.participant_id, p.first_name, p.last_name, p.employer_id,
                   f.id AS agreement_id, f.funder_id, fu.name AS funder_name, fu.kind AS funder_kind,
                   fu.invoice_grouping, f.basis,
                   f.amount_cents, f.agreement_number,
                   coalesce((SELECT sum(x.minutes) FROM attendance a JOIN slot x ON x.id = a.slot_id
                             WHERE a.registration_id = r.id AND a.status = 'present'), 0)::bigint AS attended,
                   coalesce((SELECT sum(minutes) FROM slot WHERE session_id = r.session_id), 0)::bigint AS planned,
                   (SELECT string_agg(DISTINCT ((x.starts_at AT TIME ZONE x.time_zone)::date)::text, ',')
                    FROM attendance a JOIN slot x ON x.id = a.slot_id
                    WHERE a.registration_id = r.id AND a.status = 'present') AS attended_days
            FROM registration r
            JOIN participant p ON p.id = r.participant_id
            LEFT JOIN funding_agreement f ON f.id = r.funding_agreement_id
            LEFT JOIN funder fu ON fu.id = f.funder_id
            WHERE r.session_id = \(session) AND r.status = 'confirmed'
            ORDER BY p.last_name, p.first_name, p.email
            """
        ).map { row in
            let agreement = try row.decode(Int?.self, "agreement_id").map { id in
                Agreement(
                    id: id, funderId: try row.decode(Int.self, "funder_id"),
                    funderName: try row.decode(String.self, "funder_name"),
                    funderKind: try row.decode(Funder.Kind.self, "funder_kind"),
                    grouping: try row.decode(Funder.InvoiceGrouping.self, "invoice_grouping"),
                    basis: try row.decode(FundingAgreement.Basis.self, "basis"),
                    amount: Money(cents: try row.decode(Int.self, "amount_cents")),
                    number: try row.decode(String?.self, "agreement_number"))
            }
            let first = try row.decode(String.self, "first_name")
            let last = try row.decode(String.self, "last_name")
            return Seat(
                registrationId: try row.decode(Int.self, "id"), name: "\(first) \(last.uppercased())",
                employerId: try row.decode(Int?.self, "employer_id"),
                participantId: try row.decode(Int.self, "participant_id"), agreement: agreement,
                row: Claim.Row(
                    attendedMinutes: try row.decode(Int.self, "attended"),
                    plannedMinutes: try row.decode(Int.self, "planned")),
                attendedDays: try (try row.decode(String?.self, "attended_days") ?? "").split(separator: ",").map {
                    try LocalDate(parsing: String($0))
                })
        }
    }

    /// The lines of each payer, in the order of the seats: a funder's as it groups them; a
    /// structure's in one bill; a person's in their own.
    private static func bills(_ seats: [Seat], noShowChargePercent: Int) -> [Bill] {
        var order: [BillKey] = []
        var lines: [BillKey: [InvoiceLine]] = [:]
        func add(_ key: BillKey, _ kind: InvoiceLine.Kind, _ label: String, _ seat: Seat, _ amount: Money) {
            guard amount > .zero else { return }
            if lines[key] == nil { order.append(key) }
            lines[key, default: []].append(
                InvoiceLine(
                    position: (lines[key]?.count ?? 0) + 1, kind: kind, label: label,
                    registrationId: seat.registrationId,
                    agreementId: kind == .training ? seat.agreement?.id : nil,
                    attendedMinutes: seat.row.attendedMinutes, plannedMinutes: seat.row.plannedMinutes,
                    amount: amount))
        }
        for seat in seats {
            let days = seat.attendedDays.isEmpty ? "" : " (\(French.days(seat.attendedDays)))"
            let hours =
                "\(French.hours(minutes: seat.row.attendedMinutes)) réalisées sur \(French.hours(minutes: seat.row.plannedMinutes))\(days)"
            if let agreement = seat.agreement {
                let group: Int =
                    switch agreement.grouping {
                    case .agreement: agreement.id
                    case .participant: seat.registrationId
                    case .session: 0
                    }
                add(
                    BillKey(payer: Payer(kind: .funder, id: agreement.funderId), group: group), .training,
                    "\(seat.name) — \(hours)\(agreement.number.map { ", dossier \($0)" } ?? "")", seat, seat.funded)
            }
            let payer =
                seat.employerId.map { Payer(kind: .structure, id: $0) }
                ?? Payer(kind: .participant, id: seat.participantId)
            let remainder = Money(cents: max(0, seat.delivered.cents - seat.funded.cents))
            let funding = seat.agreement.map { agreement in
                " : \(seat.delivered) dont \(seat.funded) pris en charge par \(agreement.funderName)"
            }
            add(BillKey(payer: payer, group: 0), .training, "\(seat.name) — \(hours)\(funding ?? "")", seat, remainder)
            let missed = seat.row.plannedMinutes - seat.row.attendedMinutes
            let unattended = seat.price.cents - seat.delivered.cents
            add(
                BillKey(payer: payer, group: 0), .dedit,
                "Dédit — \(seat.name), \(French.hours(minutes: missed)) non suivies : \(noShowChargePercent) % de \(Money(cents: unattended)), non imputable sur les fonds de la formation professionnelle",
                seat, Money(cents: Claim.halfUp(unattended * noShowChargePercent, 100)))
        }
        return order.map { Bill(payer: $0.payer, lines: lines[$0] ?? []) }
    }

    private struct BillKey: Hashable {
        var payer: Payer
        var group: Int
    }
}

/// The price a session's participants were agreed, from the programme version it keeps — its
/// price per participant, or its price per group shared between the confirmed participants — and
/// what their funders agreed to pay of it: what conventions state before the action, and
/// invoices start from after it.
struct SessionPricing {
    let id: Int
    let code: String
    let seats: [BillingPlan.Seat]

    init(session code: String, on connection: Connection) throws {
        let head = try connection.execute(
            """
            SELECT s.id, s.code, mp.price_per_participant_cents, mp.price_per_group_cents
            FROM session s JOIN module_programme mp ON mp.id = s.programme_id
            WHERE s.code = \(code.typedCode)
            """
        ).first
        guard let head else { throw TrainingError.notFound("No session has the code \(code.typedCode).") }
        (id, self.code) = try head.decode((Int, String).self)
        let perParticipant = try head.decode(Int?.self, "price_per_participant_cents")
        let perGroup = try head.decode(Int?.self, "price_per_group_cents")
        guard perParticipant != nil || perGroup != nil else {
            throw TrainingError.refused(
                "The programme of the session \(self.code) has no price: set one with `atelier module edit … --price-per-participant` before a session, as conventions state it."
            )
        }
        var seats = try BillingPlan.seats(session: id, on: connection)
        let prices =
            perParticipant.map { price in seats.map { _ in Money(cents: price) } }
            ?? Claim.agreed(.perGroup, amount: Money(cents: perGroup ?? 0), rows: seats.map { $0.row })
        for index in seats.indices { seats[index].price = prices[index] }
        for (agreement, covered) in BillingPlan.byAgreement(seats) {
            let agreed = Claim.agreed(agreement.basis, amount: agreement.amount, rows: covered.map { seats[$0].row })
            for (index, amount) in zip(covered, agreed) { seats[index].agreed = min(amount, seats[index].price) }
        }
        self.seats = seats
    }
}
