import Foundation
import Postgres

/// One line of an agreement's claim: who, how long, and how much.
public struct ClaimLine: Sendable, Hashable, Codable {
    public var participant: Participant
    public var attendedMinutes: Int
    public var plannedMinutes: Int
    /// The participant's share of the agreement as planned (see `Claim.agreed`).
    public var agreed: Money
    public var claimed: Money

    enum CodingKeys: String, CodingKey {
        case participant, attendedMinutes, plannedMinutes
        case agreed = "agreedCents"
        case claimed = "claimedCents"
    }
}

/// An agreement, the session it funds, and a line per confirmed registration it covers.
public struct AgreementClaim: Sendable {
    public var agreement: FundingAgreement
    public var funderKind: Funder.Kind
    public var moduleTitle: String
    public var nature: Module.Nature
    public var firstStart: Date?
    public var lastEnd: Date?
    public var sessionCompleted: Bool
    public var lines: [ClaimLine]
}

extension Funding {
    /// Which agreements to claim: one of a session, or those (of one funder, or all) of the
    /// sessions that ended (their last slot) between two dates, both included, in the store's
    /// time zone.
    public enum ClaimSelection: Sendable {
        case agreement(session: String, reference: String)
        case ending(from: LocalDate, to: LocalDate, funder: String?)
    }

    /// The agreement's claim per registration it covers, from attendance.
    public func claim(session code: String, reference: String) throws -> (
        agreement: FundingAgreement, lines: [ClaimLine]
    ) {
        var found: AgreementClaim?
        try claims(.agreement(session: code, reference: reference)) { found = $0 }
        guard let found else {
            _ = try SessionRow(code, on: connection, locking: false)
            throw TrainingError.notFound(
                "The session \(code.typedCode) has no funding agreement \(reference.typedCode).")
        }
        return (found.agreement, found.lines)
    }

    /// Each selected agreement's claim, in the order of the sessions' first slots, handed over
    /// one at a time: the rows come through a cursor, so a year of claims takes the memory of one
    /// agreement. The amounts are `Claim`'s, the one place they are computed.
    public func claims(_ selection: ClaimSelection, _ body: (AgreementClaim) throws -> Void) throws {
        var session: String?
        var reference: String?
        var funder: String?
        var from: String?
        var to: String?
        switch selection {
        case .agreement(let code, let ref): (session, reference) = (code.typedCode, ref.typedCode)
        case .ending(let first, let last, let code):
            (funder, from, to) = (code?.typedCode, first.description, last.description)
        }
        var current: (id: Int, claim: AgreementClaim, rows: [Claim.Row])?
        func close() throws {
            guard let done = current else { return }
            var claim = done.claim
            let claimed = Claim.amounts(
                claim.agreement.basis, amount: claim.agreement.amount, rows: done.rows,
                sessionCompleted: claim.sessionCompleted)
            let agreed = Claim.agreed(claim.agreement.basis, amount: claim.agreement.amount, rows: done.rows)
            for index in claim.lines.indices {
                claim.lines[index].claimed = claimed[index]
                claim.lines[index].agreed = agreed[index]
            }
            try body(claim)
            current = nil
        }
        func read(_ row: Row) throws {
            let id = try row.decode(Int.self, "agreement_id")
            if current?.id != id {
                try close()
                var agreement = FundingAgreement(
                    session: try row.decode(String.self, "session"), funder: try row.decode(String.self, "funder"),
                    basis: try row.decode(FundingAgreement.Basis.self, "basis"),
                    amount: Money(cents: try row.decode(Int.self, "amount_cents")),
                    scheme: try row.decode(String.self, "scheme"),
                    agreementNumber: try row.decode(String?.self, "agreement_number"))
                agreement.reference = try row.decode(String.self, "reference")
                current = (
                    id,
                    AgreementClaim(
                        agreement: agreement, funderKind: try row.decode(Funder.Kind.self, "funder_kind"),
                        moduleTitle: try row.decode(String.self, "title"),
                        nature: try row.decode(Module.Nature.self, "nature"),
                        firstStart: try row.decode(Date?.self, "first_start"),
                        lastEnd: try row.decode(Date?.self, "last_end"),
                        sessionCompleted: try row.decode(Bool.self, "completed"), lines: []), []
                )
            }
            guard try row.decode(Int?.self, "registration_id") != nil else { return }
            let claimRow = Claim.Row(
                attendedMinutes: try row.decode(Int.self, "attended"),
                plannedMinutes: try row.decode(Int.self, "planned"))
            current?.rows.append(claimRow)
            current?.claim.lines.append(
                ClaimLine(
                    participant: try Participant(row: row), attendedMinutes: claimRow.attendedMinutes,
                    plannedMinutes: claimRow.plannedMinutes, agreed: .zero, claimed: .zero))
        }
        // A reporting query: JIT compilation would cost more than it saves (a third of a second),
        // and its sort fits in memory.
        try connection.transaction { connection in
            try connection.execute("SET LOCAL jit = off")
            try connection.execute("SET LOCAL work_mem = '64MB'")
            try connection.forEachBatch(
                claimsQuery(session: session, reference: reference, funder: funder, from: from, to: to)
            ) { batch in
                for row in batch { try read(row) }
            }
        }
        try close()
    }

    /// The selected agreements with their sessions, one row per confirmed registration they cover
    /// (one with no registration for an agreement that covers none), in order. Attendance is
    /// summed in one pass over the selected sessions.
    private func claimsQuery(session: String?, reference: String?, funder: String?, from: String?, to: String?)
        -> PostgresQuery
    {
        """
        WITH agreement AS MATERIALIZED (
            SELECT f.id AS agreement_id, f.session_id, f.reference, fu.code AS funder, fu.kind AS funder_kind, f.basis,
                   f.amount_cents, f.scheme, f.agreement_number, s.code AS session, s.status = 'completed' AS completed,
                   m.title, m.nature, sl.first_start, sl.last_end, sl.planned
            FROM funding_agreement f
            JOIN funder fu ON fu.id = f.funder_id
            JOIN session s ON s.id = f.session_id
            JOIN module m ON m.id = s.module_id
            CROSS JOIN LATERAL (SELECT min(starts_at) AS first_start, max(ends_at) AS last_end,
                                       coalesce(sum(minutes), 0)::bigint AS planned
                                FROM slot WHERE session_id = s.id) AS sl
            WHERE (\(session)::text IS NULL OR (s.code = \(session) AND f.reference = \(reference)))
              AND (\(from)::date IS NULL OR (sl.last_end AT TIME ZONE \(store.timeZone.identifier))::date BETWEEN \(from)::date AND \(to)::date)
              AND (\(funder)::text IS NULL OR fu.code = \(funder))),
        attended AS (
            SELECT a.registration_id, sum(x.minutes)::bigint AS minutes
            FROM attendance a JOIN slot x ON x.id = a.slot_id
            WHERE a.status = 'present' AND a.session_id IN (SELECT session_id FROM agreement)
            GROUP BY a.registration_id)
        SELECT ag.*, r.id AS registration_id, \(unescaped: Participant.columns), coalesce(att.minutes, 0) AS attended
        FROM agreement ag
        LEFT JOIN registration r ON r.funding_agreement_id = ag.agreement_id AND r.status = 'confirmed'
        LEFT JOIN participant p ON p.id = r.participant_id
        LEFT JOIN employer e ON e.id = p.employer_id
        LEFT JOIN attended att ON att.registration_id = r.id
        ORDER BY ag.first_start, ag.session, ag.agreement_id, p.last_name, p.first_name, p.email
        """
    }
}
