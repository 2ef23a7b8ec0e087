import Foundation
import Postgres
import TestSupport

@testable import Training

/// A migrated database with the Caen case of the seeds: the PMAE module, a Scop trainer, the
/// Maison des associations, Uniformation, and participants from different associations.
struct Fixture {
    let store: Store
    var connection: Connection { store.connection }
    var paris: TimeZone { store.timeZone }

    init(participants: Int = 4) throws {
        store = try Store.testing(TestDatabase.migrated().connect())
        let catalogue = Catalogue(store)
        var module = Module(code: "PMAE-EMPLOI", title: "Accompagner la fonction employeur", durationMinutes: 1260)
        module.defaultCapacity = 12
        _ = try catalogue.addModule(module)
        var scop = Trainer(code: "TRIANGLE", name: "Scop Le Triangle")
        scop.kind = .organisation
        _ = try catalogue.addTrainer(scop)
        _ = try catalogue.addTrainer(Trainer(code: "MARIE", name: "Marie Durand"))
        _ = try catalogue.addVenue(
            Venue(
                code: "MDA-CAEN", name: "Maison des associations", street: "8 rue Daniel Huet",
                postalCode: "14000", city: "Caen"))
        _ = try catalogue.addFunder(Funder(code: "UNIFORMATION", name: "Uniformation", kind: .opco))
        _ = try catalogue.addFunder(Funder(code: "AGEFOS", name: "AGEFOS PME", kind: .opco))
        for index in 1...max(participants, 1) where participants > 0 {
            var participant = Participant(firstName: "Prénom\(index)", lastName: "Nom\(index)", email: try email(index))
            participant.employer = Employer(name: "Association \(index)", city: "Caen")
            _ = try People(store).addParticipant(participant)
        }
    }

    func email(_ index: Int) throws -> EmailAddress { try EmailAddress("p\(index)@asso.fr") }

    var sessions: Sessions { Sessions(store) }
    var registrations: Registrations { Registrations(store) }
    var attendances: Attendances { Attendances(store) }

    /// Three days as two parts of a day and a half, fifteen days apart (the seeds' Caen module).
    func caenPlan(year: Int = 2030, past: Bool = false) throws -> SessionPlan {
        let slots = try [
            "\(year)-04-04T09:00-12:30", "\(year)-04-04T14:00-17:30", "\(year)-04-05T09:00-12:30",
            "\(year)-04-18T09:00-12:30", "\(year)-04-18T14:00-17:30", "\(year)-04-19T09:00-12:30",
        ]
        .map(SlotSpec.init(parsing:))
        var plan = SessionPlan(module: "PMAE-EMPLOI", slots: slots)
        plan.venue = "MDA-CAEN"
        plan.trainers = ["TRIANGLE"]
        plan.partTitles = ["Partie 1 : le cadre", "Partie 2 : la pratique"]
        plan.recordsPast = past
        return plan
    }

    /// The Maison des associations de Caen, as letters and documents name it.
    func describeOrganisation() throws {
        _ = try OrganisationRecord(store).edit { organisation in
            organisation.name = "Maison des associations de Caen"
            organisation.siret = "73282932000074"
            organisation.activityNumber = "28 14 01234 14"
            organisation.street = "8 rue Daniel Huet"
            organisation.postalCode = "14000"
            organisation.city = "Caen"
            organisation.email = "formation@mda-caen.fr"
            organisation.signatoryName = "Claire Martin"
            organisation.signatoryRole = "Directrice"
            organisation.disabilityReferentName = "Marie Durand"
        }
    }

    func count(_ sql: String) throws -> Int {
        try connection.execute(PostgresQuery(unsafeSQL: sql))[0].decode(Int.self, at: 0)
    }

    func events(_ name: String) throws -> [String] {
        try connection.execute("SELECT payload::text FROM event WHERE name = \(name) ORDER BY id").map {
            try $0.decode(String.self, at: 0)
        }
    }
}

extension Store {
    /// Paris time and a catalogue where each kind has its own priority and attempts, so that a
    /// test sees which policy a job was queued with.
    static func testing(_ connection: Connection, timeZone: TimeZone = TimeZone(identifier: "Europe/Paris")!) throws
        -> Store
    {
        Store(connection, jobs: try .testing, timeZone: timeZone)
    }
}

extension JobCatalogue {
    static var testing: JobCatalogue {
        get throws {
            try JobCatalogue(
                Dictionary(
                    uniqueKeysWithValues: JobKind.allCases.enumerated().map { index, kind in
                        (kind.rawValue, Policy(queue: "default", priority: index % 10, maxAttempts: 10 + index))
                    }), kinds: JobKind.allCases)
        }
    }
}
