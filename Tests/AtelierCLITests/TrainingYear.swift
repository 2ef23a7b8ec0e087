import Foundation
import Postgres
import TestSupport
import Testing
import Training

/// A year's worth of one organisation, built through the domain as coordinators would: the
/// session of 2 March 2026 (two half-days, 7 h, completed) funded by two funders — OPCO Cohésion
/// sociale as an action collective of 3 600 € for four participants, the Région at 450 € each for
/// two —, with an absence, an excused absence and a cancelled registration; and a session of
/// April 2026 given by an internal trainer, not completed, funded by the hour.
///
/// Attended minutes on 2 March: Alice 420, Bruno 210 (absent in the afternoon), Chloé 210
/// (excused in the morning), Damien 420 — OPCO; Émile 420, Fanny 0 (absent all day) — Région.
/// Gaspard (OPCO) cancelled before the session.
struct TrainingYear: Sendable {
    let database: TestDatabase
    static let march = "S-2026-001"
    static let april = "S-2026-002"

    init() throws {
        database = try TestDatabase.migrated()
        let store = try self.store()
        _ = try OrganisationRecord(store).edit(Self.describeCaen)
        let catalogue = Catalogue(store)
        _ = try catalogue.addModule(
            Module(code: "PMAE", title: "Accompagner la fonction employeur", durationMinutes: 420))
        var trainer = Trainer(code: "SCOP", name: "Scop L’Atelier coopératif")
        trainer.kind = .organisation
        _ = try catalogue.addTrainer(trainer)
        var employee = Trainer(code: "MARIE", name: "Marie Durand")
        employee.isInternal = true
        _ = try catalogue.addTrainer(employee)
        _ = try catalogue.addVenue(
            Venue(
                code: "MDA", name: "Maison des associations", street: "8 rue Daniel Huet", postalCode: "14000",
                city: "Caen"))
        _ = try catalogue.addFunder(Funder(code: "OPCO-CS", name: "OPCO Cohésion sociale", kind: .opco))
        _ = try catalogue.addFunder(Funder(code: "REGION", name: "Région Normandie", kind: .region))
        let employers = [
            Employer(name: "Association Familles Rurales du Calvados", siret: "44201234000018", city: "Caen"),
            Employer(name: "Comité des fêtes d’Hérouville", siret: "50512345000015", city: "Hérouville-Saint-Clair"),
        ]
        let people: [(String, String, Participant.Status, Int)] = [
            ("Alice", "Aubert", .salarie, 0), ("Bruno", "Bénard", .salarie, 0), ("Chloé", "Caron", .salarie, 1),
            ("Damien", "Dupré", .salarie, 1), ("Émile", "Étienne", .benevole, 0),
            ("Fanny", "Fournier", .demandeurEmploi, 1),
            ("Gaspard", "Guérin", .salarie, 0),
        ]
        for (first, last, status, employer) in people {
            var participant = Participant(firstName: first, lastName: last, email: try Self.email(first))
            participant.status = status
            participant.employer = employers[employer]
            _ = try People(store).addParticipant(participant)
        }
        let sessions = Sessions(store)
        var march = SessionPlan(
            module: "PMAE",
            slots: try ["2026-03-02T09:00-12:30", "2026-03-02T14:00-17:30"].map(SlotSpec.init(parsing:)))
        march.venue = "MDA"
        march.trainers = ["SCOP"]
        march.recordsPast = true
        _ = try sessions.schedule(march)
        let funding = Funding(store)
        _ = try funding.add(
            FundingAgreement(
                session: Self.march, funder: "OPCO-CS", basis: .perGroup, amount: Money(cents: 360_000),
                scheme: "action collective", agreementNumber: "AC-2026-118"))
        _ = try funding.add(
            FundingAgreement(
                session: Self.march, funder: "REGION", basis: .perParticipant, amount: Money(cents: 45_000),
                scheme: "programme régional", agreementNumber: "R-77"))
        let registrations = Registrations(store)
        for name in ["Alice", "Bruno", "Chloé", "Damien", "Gaspard"] {
            _ = try registrations.register(Self.email(name), in: Self.march, funding: .existing("F1"))
        }
        for name in ["Émile", "Fanny"] {
            _ = try registrations.register(Self.email(name), in: Self.march, funding: .existing("F2"))
        }
        _ = try registrations.cancel(Self.email("Gaspard"), in: Self.march)
        let attendance = Attendances(store)
        _ = try attendance.record(
            session: Self.march, slot: SlotStart(parsing: "2026-03-02T09:00"),
            marks: [Self.email("Chloé"): .excused, Self.email("Fanny"): .absent], everyoneElse: .present,
            by: "Claire Martin")
        _ = try attendance.record(
            session: Self.march, slot: SlotStart(parsing: "2026-03-02T14:00"),
            marks: [Self.email("Bruno"): .absent, Self.email("Fanny"): .absent], everyoneElse: .present,
            by: "Claire Martin")
        _ = try sessions.complete(Self.march)

        var april = SessionPlan(module: "PMAE", slots: [try SlotSpec(parsing: "2026-04-13T09:00-12:30")])
        april.recordsPast = true
        april.trainers = ["MARIE"]
        _ = try sessions.schedule(april)
        _ = try funding.add(
            FundingAgreement(
                session: Self.april, funder: "OPCO-CS", basis: .perHour, amount: Money(cents: 1_550),
                scheme: "plan de développement des compétences", agreementNumber: nil))
        _ = try registrations.register(Self.email("Alice"), in: Self.april, funding: .existing("F1"))
        _ = try attendance.record(
            session: Self.april, slot: SlotStart(parsing: "2026-04-13T09:00"), marks: [:], everyoneElse: .present,
            by: "Claire Martin")
    }

    /// The organisation of the seeds: the Maison des associations de Caen.
    static func describeCaen(_ organisation: inout Organisation) {
        organisation.name = "Maison des associations de Caen"
        organisation.siret = "77935012000019"
        organisation.activityNumber = "28140123414"
        organisation.street = "8 rue Daniel Huet"
        organisation.postalCode = "14000"
        organisation.city = "Caen"
        organisation.email = "formation@mda-caen.example"
        organisation.signatoryName = "Claire Martin"
        organisation.signatoryRole = "Directrice"
    }

    /// `alice@asso.fr`, `chloe@asso.fr`, `emile@asso.fr`.
    static func email(_ firstName: String) throws -> EmailAddress {
        let plain = firstName.folding(options: .diacriticInsensitive, locale: nil).lowercased()
        return try EmailAddress("\(plain)@asso.fr")
    }

    func atelier(_ arguments: [String], environment: [String: String] = [:]) throws -> AtelierProcess.Outcome {
        try AtelierProcess.run(
            arguments, environment: ["ATELIER_DATABASE_URL": database.url].merging(environment) { $1 })
    }

    /// The domain on a connection of its own.
    func store() throws -> Store { try Store.repository(database.connect()) }
}

extension TrainingYear {
    /// The path of a new link to `name`'s `questionnaire` of the March session: `/q/<token>`.
    func questionnairePath(_ name: String, _ questionnaire: QuestionnaireCode = .hot) throws -> String {
        let store = try self.store()
        let registration = try store.connection.execute(
            """
            SELECT r.id FROM registration r JOIN participant p ON p.id = r.participant_id
            JOIN session s ON s.id = r.session_id WHERE p.email = \(try Self.email(name).text)
            AND s.code = \(Self.march)
            """)[0].decode(Int.self, at: 0)
        return "/q/" + (try QuestionnaireLinks(store).issue(registration: registration, questionnaire))
    }
}

extension TrainingYear {
    /// A session of PMAE given by Scop L’Atelier coopératif whose half-days were yesterday, are
    /// now and are tomorrow: its code and its slots' ids, in order.
    func scheduleAroundNow() throws -> (code: String, slots: [Int]) { try schedule(try Self.slotsAroundNow()) }

    /// Yesterday 9 h–12 h, a half-day that began ten minutes ago (within today), tomorrow 9 h–12 h.
    static func slotsAroundNow() throws -> [String] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "Europe/Paris"))
        let now = Date()
        let day = { (offset: Int) in try Self.day(offset) }
        let minute = { (date: Date) in
            let parts = calendar.dateComponents([.hour, .minute], from: date)
            return (parts.hour ?? 0) * 60 + (parts.minute ?? 0)
        }
        let start = max(0, minute(now) - 10)
        let end = min(23 * 60 + 59, minute(now) + 120)
        let time = { (minutes: Int) in String(format: "%02d:%02d", minutes / 60, minutes % 60) }
        return [
            "\(try day(-1))T09:00-12:00", "\(try day(0))T\(time(start))-\(time(end))", "\(try day(1))T09:00-12:00",
        ]
    }

    /// The day `offset` days from today in Paris: `2026-11-24`.
    static func day(_ offset: Int) throws -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "Europe/Paris"))
        let date = calendar.date(byAdding: .day, value: offset, to: Date()) ?? Date()
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    /// A session of the Scop on `slots` (`2026-11-22T09:00-12:30`), in the past or not.
    func schedule(_ slots: [String]) throws -> (code: String, slots: [Int]) {
        let store = try self.store()
        var plan = SessionPlan(module: "PMAE", slots: try slots.map(SlotSpec.init(parsing:)))
        plan.recordsPast = true
        plan.capacity = 40
        plan.trainers = ["SCOP"]
        let code = try Sessions(store).schedule(plan).code
        let ids = try store.connection.execute(
            "SELECT sl.id FROM slot sl JOIN session s ON s.id = sl.session_id WHERE s.code = \(code) ORDER BY sl.starts_at"
        ).map { try $0.decode(Int.self, at: 0) }
        return (code, ids)
    }

    /// `2026-11-24T09:00`: the slot `id`'s start as the CLI names it.
    func start(of slot: Int) throws -> String {
        try database.connect().execute(
            """
            SELECT to_char(starts_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD"T"HH24:MI') FROM slot WHERE id = \(slot)
            """)[0].decode(String.self, at: 0)
    }

    /// The path of a new signing link of `email` to the session `code`, registered first if
    /// need be: `/s/<token>`.
    func signingPath(_ email: EmailAddress, in code: String) throws -> String {
        "/s/" + (try signingLink(email, in: code)).token
    }

    /// A new signing link of the participant `email` to the session `code`, registering them if
    /// need be: its token and its personal code.
    func signingLink(_ email: EmailAddress, in code: String) throws -> Signatures.IssuedLink {
        let store = try self.store()
        let find = {
            try store.connection.execute(
                """
                SELECT r.id FROM registration r JOIN participant p ON p.id = r.participant_id
                JOIN session s ON s.id = r.session_id WHERE p.email = \(email.text) AND s.code = \(code)
                """
            ).first.map { try $0.decode(Int.self, at: 0) }
        }
        if try find() == nil { _ = try Registrations(store).register(email, in: code) }
        return try Signatures(store).issueLink(registration: try #require(try find()))
    }

    /// The path of a new trainer link of `trainer` (a code) to the session `code`: `/t/<token>`.
    func trainerPath(_ trainer: String = "SCOP", in code: String) throws -> String {
        let store = try self.store()
        let row = try #require(
            try store.connection.execute(
                "SELECT s.id, t.id FROM session s, trainer t WHERE s.code = \(code) AND t.code = \(trainer)"
            ).first)
        let (session, trainerId) = try row.decode((Int, Int).self)
        return "/t/" + (try TrainerCertification(store).issueLink(session: session, trainer: trainerId))
    }
}

extension TrainingYear {
    /// The page server on this year's database, as the page tests run it: links from
    /// `https://formation.asso.example`, a fixed secret, and a rate limit no test reaches (every
    /// request comes from 127.0.0.1; the limit has tests of its own, in `ServeTests`).
    func pageServer() throws -> PageServerProcess {
        try PageServerProcess(environment: [
            "ATELIER_DATABASE_URL": database.url, "ATELIER_WEB_BASE_URL": "https://formation.asso.example",
            "ATELIER_WEB_SECRET": "a-secret-for-the-tests-only-0123456789", "ATELIER_WEB_RATE_LIMIT": "100000",
        ])
    }
}
