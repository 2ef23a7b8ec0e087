import Postgres
import TestSupport
import Testing

@testable import Training

@Suite struct OrganisationTests {
    let record: OrganisationRecord

    init() throws { record = OrganisationRecord(try .testing(TestDatabase.migrated().connect())) }

    @Test func theIdentityIsSetWholeThenEditedField() throws {
        #expect(try record.current() == nil)
        #expect(throws: TrainingError.invalid("The organisation's name is empty.")) {
            try record.edit { $0.siret = "73282932000074" }
        }
        let saved = try record.edit { o in
            o.name = "Réseau des maisons des associations"
            o.siret = "73282932000074"
            o.activityNumber = "28 14 01234 14"
            o.street = "8 rue Daniel Huet"
            o.postalCode = "14000"
            o.city = "Caen"
            o.email = "formation@rnma.fr"
            o.signatoryName = "Claire Martin"
            o.signatoryRole = "Directrice"
        }
        #expect(saved.activityNumber == "28140123414")
        let edited = try record.edit { $0.disabilityReferentName = "Luc Petit" }
        #expect(edited.name == saved.name && edited.disabilityReferentName == "Luc Petit")
        #expect(try record.current() == edited)
        #expect(
            throws: TrainingError.invalid("The numéro de déclaration d'activité “123” is not valid: it is 11 digits.")
        ) {
            try record.edit { $0.activityNumber = "123" }
        }
        #expect(try record.current() == edited)
    }
}
