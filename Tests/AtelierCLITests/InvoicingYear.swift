import Foundation
import Postgres
import TestSupport
import Testing
import Training

/// The seeds' Caen session as it is invoiced: six half-days in two parts (21 h), eleven
/// trainees from eleven structures, a price of 420 € per participant; Uniformation funds nine of
/// them as an action collective of 3 600 € (dossier AC-2026-0118), AKTO the other two at 420 €
/// each (one dossier each). The eighth trainee missed the afternoon of 19 March (17,5 h of 21 h).
/// Every buyer has its billing address; the funders want their invoices within 90 days of the
/// session's end; the organisation has its late-penalty rate and bank account.
struct InvoicingYear: Sendable {
    let year: TrainingYear
    let caen: String
    let trainees: [EmailAddress]
    static let slots = [
        "2026-03-05T09:00-12:30", "2026-03-05T14:00-17:30", "2026-03-06T09:00-12:30", "2026-03-19T09:00-12:30",
        "2026-03-19T14:00-17:30", "2026-03-20T09:00-12:30",
    ]
    /// The trainee absent on the afternoon of 19 March, funded by Uniformation.
    var absent: EmailAddress { trainees[7] }

    init(noShowChargePercent: Int = 0) throws {
        year = try TrainingYear()
        let store = try year.store()
        _ = try OrganisationRecord(store).edit {
            $0.terms.latePenaltyBasisPoints = 1215
            $0.terms.iban = "FR7630006000011234567890189"
            $0.terms.bic = "AGRIFRPP"
            $0.terms.noShowChargePercent = noShowChargePercent
        }
        let catalogue = Catalogue(store)
        _ = try catalogue.editModule("PMAE") { $0.pricePerParticipant = Money(cents: 42_000) }
        for (code, name, street, postalCode, city) in [
            ("UNIFORMATION", "Uniformation (OPCO Cohésion sociale)", "43 boulevard Diderot", "75012", "Paris"),
            ("AKTO", "AKTO", "14 rue Riquet", "75019", "Paris"),
        ] {
            _ = try catalogue.addFunder(Funder(code: code, name: name, kind: .opco))
            _ = try catalogue.editFunder(code) {
                ($0.billing.street, $0.billing.postalCode, $0.billing.city) = (street, postalCode, city)
                $0.billing.email = "factures@\(code.lowercased()).example"
                $0.invoicingDelayDays = 90
            }
        }
        trainees = try (1...11).map { index in
            var participant = Participant(
                firstName: "Stagiaire\(index)", lastName: "Caennais",
                email: try EmailAddress("stagiaire\(index)@asso.fr"))
            participant.employer = Employer(name: "Association \(index)", city: "Caen")
            let email = try People(store).addParticipant(participant).email
            _ = try Structures(store).edit("Association \(index)") {
                ($0.street, $0.postalCode, $0.city) = ("\(index) rue de Bras", "14000", "Caen")
                $0.email = "compta@asso\(index).example"
            }
            return email
        }
        var plan = SessionPlan(module: "PMAE", slots: try Self.slots.map(SlotSpec.init(parsing:)))
        plan.venue = "MDA"
        plan.trainers = ["SCOP"]
        plan.capacity = 11
        plan.recordsPast = true
        caen = try Sessions(store).schedule(plan).code
        let funding = Funding(store)
        _ = try funding.add(
            FundingAgreement(
                session: caen, funder: "UNIFORMATION", basis: .perGroup, amount: Money(cents: 360_000),
                scheme: "action collective", agreementNumber: "AC-2026-0118"))
        for email in trainees.prefix(9) {
            _ = try Registrations(store).register(email, in: caen, funding: .existing("F1"))
        }
        for (email, number) in zip(trainees.suffix(2), ["AKTO-2026-5531", "AKTO-2026-5532"]) {
            _ = try Registrations(store).register(
                email, in: caen,
                funding: .new(
                    FundingAgreement(
                        session: caen, funder: "AKTO", basis: .perParticipant, amount: Money(cents: 42_000),
                        scheme: "plan de développement des compétences", agreementNumber: number)))
        }
        for slot in Self.slots {
            let start = String(slot.prefix(16))
            _ = try Attendances(store).record(
                session: caen, slot: try SlotStart(parsing: start),
                marks: start == "2026-03-19T14:00" ? [absent: .absent] : [:], everyoneElse: .present,
                by: "Claire Martin")
        }
        _ = try Sessions(store).complete(caen)
    }

    func atelier(_ arguments: [String]) throws -> AtelierProcess.Outcome { try year.atelier(arguments) }

    /// The year of today in Caen: what an invoice issued without a date is numbered in.
    static var thisYear: Int { LocalDate(Date(), in: TimeZone(identifier: "Europe/Paris") ?? .gmt).year }

    /// `FA-2027-00003`: the number `rank` of `prefix`'s series of this year.
    static func number(_ prefix: String, _ rank: Int) -> String {
        "\(prefix)-\(thisYear)-" + String(repeating: "0", count: max(0, 5 - String(rank).count)) + String(rank)
    }

    /// `atelier …` that must succeed, decoded from its `--json` output.
    func json<T: Decodable>(_ type: T.Type, _ arguments: [String]) throws -> T {
        let outcome = try atelier(arguments + ["--json"])
        try #require(outcome.status == 0, "\(arguments): \(outcome.standardError)")
        return try JSONDecoder.snakeCase.decode(T.self, from: Data(outcome.standardOutput.utf8))
    }

    /// The session's drafts, drawn through the CLI.
    func draft() throws -> [Invoice] { try json([Invoice].self, ["invoice", "draft", caen]) }

    /// Issues each draft through the CLI, in order, today or on `day`, and returns them issued.
    func issue(_ drafts: [Invoice], on day: String? = nil) throws -> [Invoice] {
        try drafts.map { draft in
            let outcome = try atelier(["invoice", "issue", String(draft.id)] + (day.map { ["--date", $0] } ?? []))
            try #require(outcome.status == 0, "\(outcome.standardError)")
            return try json(Invoice.self, ["invoice", "show", String(draft.id)])
        }
    }
}
