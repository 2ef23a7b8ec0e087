import Documents
import Foundation

/// What the accountant sends a funder to be paid (DOMAIN.md, "Funding export"): one row per
/// participant and session for the funder's agreements of the sessions that ended in a period,
/// and a totals row. The amounts are `Funding`'s claims, printed, never computed again.
public struct FundingExport {
    let store: Store

    public init(_ store: Store) { self.store = store }

    public static let columns = [
        Column("Structure", width: 34, repeats: true), Column("SIRET", width: 16, repeats: true),
        Column("Nom", width: 18, repeats: true),
        Column("Prénom", width: 16, repeats: true), Column("Statut", width: 18, repeats: true),
        Column("Module", width: 40, repeats: true),
        Column("Nature de l’action", width: 22, repeats: true), Column("Session", width: 12, repeats: true),
        Column("Début", width: 11), Column("Fin", width: 11), Column("Dispositif", width: 24, repeats: true),
        Column("N° d’accord", width: 16, repeats: true), Column("Heures prévues", width: 10),
        Column("Heures réalisées", width: 10),
        Column("Montant accordé (€)", width: 14), Column("Montant demandé (€)", width: 14),
    ]

    /// What was written, for the command to say and the tests to check.
    public struct Summary: Sendable, Hashable {
        public var rows = 0
        public var plannedHundredths = 0
        public var attendedHundredths = 0
        public var agreed = Money.zero
        public var claimed = Money.zero
    }

    /// Checks the request, then writes every row and the totals into `writer` and finishes it.
    /// A refusal comes before the first row: the writer is dropped unfinished and leaves no file.
    /// `nil` when no session of the funder ended in the period: there is nothing to export, and
    /// the writer is left unfinished too (`nothingToExport` says so to a coordinator).
    public func write(funder code: String, from: LocalDate, to: LocalDate, into writer: some TableWriter) throws
        -> Summary?
    {
        let funder = try Catalogue(store).funder(code)
        guard from <= to else {
            throw TrainingError.invalid("The period runs backwards: \(from) is after \(to).")
        }
        var summary = Summary()
        try Funding(store).claims(.ending(from: from, to: to, funder: funder.code)) { claim in
            for line in claim.lines {
                try writer.write(Self.row(claim: claim, line: line, in: store.timeZone))
                summary.rows += 1
                summary.plannedHundredths += Self.hundredthsOfHours(line.plannedMinutes)
                summary.attendedHundredths += Self.hundredthsOfHours(line.attendedMinutes)
                summary.agreed = summary.agreed + line.agreed
                summary.claimed = summary.claimed + line.claimed
            }
        }
        guard summary.rows > 0 else { return nil }
        try writer.writeTotals(
            [.text("Total")] + Array(repeating: Cell.empty, count: Self.columns.count - 5) + [
                .number(summary.plannedHundredths, places: 2), .number(summary.attendedHundredths, places: 2),
                .number(summary.agreed.cents, places: 2), .number(summary.claimed.cents, places: 2),
            ])
        try writer.finish()
        return summary
    }

    /// The row of `line` under `columns`: the export's, and the Qualiopi pack's funding file's.
    static func row(claim: AgreementClaim, line: ClaimLine, in zone: TimeZone) -> [Cell] {
        func day(_ date: Date?) -> Cell {
            guard let date else { return .empty }
            let local = LocalDate(date, in: zone)
            return .date(CalendarDay(year: local.year, month: local.month, day: local.day))
        }
        let (agreement, participant) = (claim.agreement, line.participant)
        return [
            participant.employer.map { .text($0.name) } ?? .empty,
            participant.employer?.siret.map(Cell.text) ?? .empty,
            .text(participant.lastName), .text(participant.firstName), .text(participant.status.label),
            .text(claim.moduleTitle), .text(claim.nature.label), .text(agreement.session),
            day(claim.firstStart), day(claim.lastEnd), .text(agreement.scheme),
            agreement.agreementNumber.map(Cell.text) ?? .empty,
            .number(Self.hundredthsOfHours(line.plannedMinutes), places: 2),
            .number(Self.hundredthsOfHours(line.attendedMinutes), places: 2),
            .number(line.agreed.cents, places: 2), .number(line.claimed.cents, places: 2),
        ]
    }

    /// The refusal of an export with no row.
    public static func nothingToExport(funder code: String, from: LocalDate, to: LocalDate) -> TrainingError {
        .notFound(
            "No session funded by \(code.typedCode) ended between \(from) and \(to): there is nothing to export.")
    }

    /// Hours with two decimals, half-up: 630 minutes are 10,50 h; 20 minutes 0,33 h. The totals
    /// row adds the rows as shown, so that a spreadsheet's sum and ours agree.
    static func hundredthsOfHours(_ minutes: Int) -> Int { Claim.halfUp(minutes * 100, 60) }
}
