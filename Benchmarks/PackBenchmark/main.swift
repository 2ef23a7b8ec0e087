import BenchmarkSupport
import Foundation
import Postgres
import Training

// A year of the seeds' Caen session for `qualiopi pack` to be timed on: SESSIONS sessions ending
// in 2025, each three days in two parts fifteen days apart, eleven participants of eleven seats, an
// action collective, built through the domain as coordinators and workers build them — the
// convocation recorded as sent, eight positionings, every half-day signed by those present and
// closed by its trainer, seven answers à chaud, the trainer's evaluation, the session completed
// and its certificates issued. `scripts/bench` times the packs with the atelier binary.
//
//   PackBenchmark URL SESSIONS

let arguments = CommandLine.arguments
guard arguments.count == 3, let count = Int(arguments[2]), count > 0 else {
    fatalError("usage: PackBenchmark URL SESSIONS")
}
let zone = BenchmarkStore.zone
let store = try BenchmarkStore.open(arguments[1])
_ = try OrganisationRecord(store).edit { organisation in
    BenchmarkStore.describeCaen(&organisation)
}
let catalogue = Catalogue(store)
var module = Module(code: "PMAE", title: "Accompagner la fonction employeur", durationMinutes: 1260)
module.objectives = ["Situer la fonction employeur.", "Recruter un salarié.", "Accueillir et intégrer."]
module.defaultCapacity = 11
_ = try catalogue.addModule(module)
let trainers = ["SCOP-A", "SCOP-B", "SCOP-C"]
for code in trainers { _ = try catalogue.addTrainer(Trainer(code: code, name: "Scop \(code)")) }
_ = try catalogue.addVenue(
    Venue(code: "MDA", name: "Maison des associations", street: "8 rue Daniel Huet", postalCode: "14000", city: "Caen"))
_ = try catalogue.addFunder(Funder(code: "OPCO-CS", name: "OPCO Cohésion sociale", kind: .opco))
let people = try (1...count * 11).map { index in
    var participant = Participant(
        firstName: "Prénom\(index)", lastName: "Nom\(index)", email: try EmailAddress("p\(index)@asso.example"))
    participant.employer = Employer(name: "Association \(index % 40)", city: "Caen")
    return try People(store).addParticipant(participant).email
}

let window = Signatures.Window(opensMinutesBefore: 15, graceMinutesAfter: 120)
let client = Signatures.Client(address: "192.0.2.7", userAgent: "Mozilla/5.0 (Linux; Android 14)")
let questionnaires = Questionnaires(store)
let positioning = QuestionnaireCode(rawValue: "positioning")
let hot = QuestionnaireCode.hot
let (before, after) = (try questionnaires.questions(positioning), try questionnaires.questions(hot))
var calendar = Calendar(identifier: .gregorian)
calendar.timeZone = zone
// From the last Monday of 2024: a hundred sessions all end in 2025.
let monday = calendar.date(from: DateComponents(year: 2024, month: 12, day: 30))!

for index in 0..<count {
    // Mondays and Wednesdays, each trainer's sessions never on the same days.
    let first = calendar.date(byAdding: .day, value: index / 2 * 7 + index % 2 * 2, to: monday)!
    let day = { (offset: Int) in
        LocalDate(calendar.date(byAdding: .day, value: offset, to: first)!, in: zone).description
    }
    let slots = [
        "\(day(0))T09:00-12:30", "\(day(0))T14:00-17:30", "\(day(1))T09:00-12:30", "\(day(14))T09:00-12:30",
        "\(day(14))T14:00-17:30", "\(day(15))T09:00-12:30",
    ]
    var plan = SessionPlan(module: "PMAE", slots: try slots.map(SlotSpec.init(parsing:)))
    plan.venue = "MDA"
    plan.trainers = [trainers[index % 3]]
    plan.partTitles = ["Partie 1 : le cadre", "Partie 2 : la pratique"]
    plan.recordsPast = true
    let session = try Sessions(store).schedule(plan)
    _ = try Funding(store).add(
        FundingAgreement(
            session: session.code, funder: "OPCO-CS", basis: .perGroup, amount: Money(cents: 360_000),
            scheme: "action collective", agreementNumber: "AC-2025-\(index)"))
    let group = Array(people[index * 11..<index * 11 + 11])
    var links: [Signatures.Link] = []
    for (position, email) in group.enumerated() {
        _ = try Registrations(store).register(email, in: session.code, funding: .existing("F1"))
        let registration = try Registrations(store).id(of: email, in: session.code)
        try Deliveries(store).record(
            job: index * 11 + position, kind: .convocation, channel: .mail, registration: registration,
            recipient: email.text, messageID: "<convocation-\(registration)@bench.example>", .accepted,
            reply: "250 2.0.0 Ok: queued",
            content: Deliveries.Content(
                subject: "Convocation : \(session.moduleTitle), \(day(0))",
                text: String(
                    repeating: "Votre inscription à la formation « \(session.moduleTitle) » est confirmée.\n", count: 20
                ),
                attachments: []))
        if position < 8 {
            try Assessments(store).record(
                session: session.code, by: .participant(email), kind: positioning,
                answers: try ["1=2,3,1", "3=non"].map { try Answer.parse($0, questions: before, objectives: 3) })
        }
        let signatures = Signatures(store)
        links.append(try signatures.link(token: try signatures.issueLink(registration: registration).token)!)
    }
    let certification = TrainerCertification(store)
    let sessionId = try store.connection.execute("SELECT id FROM session WHERE code = \(session.code)")[0].decode(
        Int.self, at: 0)
    let trainerId = try store.connection.execute(
        "SELECT id FROM trainer WHERE code = \(trainers[index % 3])")[0].decode(Int.self, at: 0)
    let trainer = try certification.link(token: try certification.issueLink(session: sessionId, trainer: trainerId))!
    for (slot, halfDay) in session.slots.enumerated() {
        let at = halfDay.startsAt + 600
        let id = try Signatures(store).halfDays(links[0], at: at, window: window)[slot].slot
        // The last never comes; the tenth stops after the first part.
        for (position, link) in links.enumerated() where position < 9 || (position == 9 && slot < 3) {
            _ = try Signatures(store).sign(
                link, slot: id, mark: .typed("Prénom\(index * 11 + position + 1) Nom"), client: client, at: at,
                window: window)
        }
        try certification.close(
            trainer, slot: id, marks: [:], signature: .typed("Scop"), client: client, at: halfDay.endsAt - 300,
            window: window)
    }
    for email in group.prefix(7) {
        try Assessments(store).record(
            session: session.code, by: .participant(email), kind: hot,
            answers: try ["1=5", "2=4", "3=4"].map { try Answer.parse($0, questions: after) })
    }
    try LearningEvaluations(store).record(
        Dictionary(
            uniqueKeysWithValues: try group.prefix(8).map {
                (
                    try Registrations(store).id(of: $0, in: session.code),
                    [1: LearningLevel.acquis, 2: .enCours, 3: .acquis]
                )
            }), session: session.code, trainer: trainerId)
    _ = try Sessions(store).complete(session.code)
    for email in group.prefix(10) {
        _ = try Certificates(store).issue(registration: try Registrations(store).id(of: email, in: session.code))
    }
}
try store.connection.execute("ANALYZE")
print(#"{"figure": "sessions", "value": \#(count)}"#)
