import BenchmarkSupport
import Foundation
import Postgres
import Training

// Invoices drawn and issued for SESSIONS completed sessions of the seeds' Caen case — eleven
// participants from eleven structures at 420 € each, an action collective of 3 600 € — built
// through the domain: twelve invoices a session (the OPCO's and each structure's remainder).
// Times drafting them all, then issuing them all in one process, each in its own transaction as
// `atelier invoice issue` does: the number taken from the locked counter, the PDF drawn, archived
// as Factur-X and stored with its SHA-256. Prints one JSON line per figure; `scripts/bench`
// prints them beside pgbench running the issuing transaction's SQL alone.
//
//   InvoiceBenchmark URL SESSIONS

let arguments = CommandLine.arguments
guard arguments.count == 3, let count = Int(arguments[2]), count > 0 else {
    fatalError("usage: InvoiceBenchmark URL SESSIONS")
}
let zone = BenchmarkStore.zone
let store = try BenchmarkStore.open(arguments[1])
_ = try OrganisationRecord(store).edit { organisation in
    BenchmarkStore.describeCaen(&organisation)
    organisation.terms.latePenaltyBasisPoints = 1215
    organisation.terms.iban = "FR7630006000011234567890189"
}
let catalogue = Catalogue(store)
var module = Module(code: "PMAE", title: "Accompagner la fonction employeur", durationMinutes: 1260)
module.pricePerParticipant = Money(cents: 42_000)
module.defaultCapacity = 11
_ = try catalogue.addModule(module)
_ = try catalogue.addTrainer(Trainer(code: "SCOP", name: "Scop L’Atelier coopératif"))
_ = try catalogue.addVenue(
    Venue(code: "MDA", name: "Maison des associations", street: "8 rue Daniel Huet", postalCode: "14000", city: "Caen"))
_ = try catalogue.addFunder(Funder(code: "OPCO-CS", name: "OPCO Cohésion sociale", kind: .opco))
_ = try catalogue.editFunder("OPCO-CS") {
    ($0.billing.street, $0.billing.postalCode, $0.billing.city) = ("43 boulevard Diderot", "75012", "Paris")
    $0.billing.email = "factures@opco.example"
}
let people = try (1...count * 11).map { index in
    var participant = Participant(
        firstName: "Prénom\(index)", lastName: "Nom\(index)", email: try EmailAddress("p\(index)@asso.example"))
    participant.employer = Employer(name: "Association \(index % 11)", city: "Caen")
    return try People(store).addParticipant(participant).email
}
for index in 0..<11 {
    _ = try Structures(store).edit("Association \(index)") {
        ($0.street, $0.postalCode, $0.city) = ("\(index + 1) rue de Bras", "14000", "Caen")
        $0.email = "compta@asso\(index).example"
    }
}
var calendar = Calendar(identifier: .gregorian)
calendar.timeZone = zone
let monday = calendar.date(from: DateComponents(year: 2024, month: 12, day: 30))!
var sessions: [String] = []
for index in 0..<count {
    let first = calendar.date(byAdding: .day, value: index * 7, to: monday)!
    let day = LocalDate(first, in: zone).description
    let slots = ["\(day)T09:00-12:30", "\(day)T14:00-17:30"]
    var plan = SessionPlan(module: "PMAE", slots: try slots.map(SlotSpec.init(parsing:)))
    (plan.venue, plan.trainers, plan.recordsPast) = ("MDA", ["SCOP"], true)
    let session = try Sessions(store).schedule(plan)
    _ = try Funding(store).add(
        FundingAgreement(
            session: session.code, funder: "OPCO-CS", basis: .perGroup, amount: Money(cents: 360_000),
            scheme: "action collective", agreementNumber: "AC-2025-\(index)"))
    for email in people[index * 11..<index * 11 + 11] {
        _ = try Registrations(store).register(email, in: session.code, funding: .existing("F1"))
    }
    for slot in slots {
        _ = try Attendances(store).record(
            session: session.code, slot: try SlotStart(parsing: String(slot.prefix(16))), marks: [:],
            everyoneElse: .present, by: "Claire Martin")
    }
    _ = try Sessions(store).complete(session.code)
    sessions.append(session.code)
}
try store.connection.execute("ANALYZE")

let invoices = Invoices(store)
let drafting = ContinuousClock().measure {
    for code in sessions { _ = try? invoices.draft(session: code) }
}
let drafts = try invoices.list(
    {
        var filter = Invoices.Filter()
        filter.drafts = true
        return filter
    }())
var bytes = 0
let issuing = try ContinuousClock().measure {
    for draft in drafts {
        _ = try invoices.issue(draft.id)
        bytes += try invoices.pdf(draft.id).pdf.count
    }
}
func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}
print(#"{"figure": "drafted", "invoices": \#(drafts.count), "seconds": \#(seconds(drafting))}"#)
print(
    #"{"figure": "issued", "invoices": \#(drafts.count), "seconds": \#(seconds(issuing)), "pdf_bytes": \#(bytes / max(1, drafts.count))}"#
)
