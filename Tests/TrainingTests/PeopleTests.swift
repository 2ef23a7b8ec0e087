import Postgres
import TestSupport
import Testing

@testable import Training

@Suite struct PeopleTests {
    let connection: Connection
    let people: People

    init() throws {
        connection = try TestDatabase.migrated().connect()
        people = People(try .testing(connection))
    }

    func emilie() throws -> Participant {
        var participant = Participant(
            firstName: "Émilie", lastName: "Lœuvre", email: try EmailAddress("emilie.loeuvre@mda-caen.fr"))
        participant.employer = Employer(name: "Maison des associations de Caen", siret: "73282932000074", city: "Caen")
        participant.status = .salarie
        return participant
    }

    func count(_ table: String) throws -> Int {
        try connection.execute("SELECT count(*) FROM \(unescaped: table)")[0].decode(Int.self, at: 0)
    }

    @Test func addsAParticipantAndTheirEmployerOnce() throws {
        _ = try people.addParticipant(emilie())
        var colleague = Participant(firstName: "Paul", lastName: "Hébert", email: try EmailAddress("paul@mda-caen.fr"))
        colleague.employer = Employer(name: "MDA Caen (autre graphie)", siret: "732 829 320 00074")
        _ = try people.addParticipant(colleague)
        #expect(try count("employer") == 1)
        #expect(
            try people.participant(EmailAddress("PAUL@mda-caen.fr")).employer?.name == "Maison des associations de Caen"
        )
    }

    @Test func anEmailDifferingOnlyInCaseIsADuplicate() throws {
        _ = try people.addParticipant(emilie())
        var twin = try emilie()
        twin.email = try EmailAddress("Emilie.Loeuvre@MDA-Caen.fr")
        #expect(throws: TrainingError.refused("A participant already has the email emilie.loeuvre@mda-caen.fr.")) {
            try people.addParticipant(twin)
        }
        #expect(try count("participant") == 1)
    }

    @Test func anInvalidSiretChangesNothing() throws {
        var participant = try emilie()
        participant.employer?.siret = "73282932000075"
        #expect(throws: TrainingError.self) { try people.addParticipant(participant) }
        #expect(try count("participant") == 0)
        #expect(try count("employer") == 0)
    }

    @Test func employersWithoutSiretAreOnePerNameAndCity() throws {
        var a = Participant(firstName: "A", lastName: "A", email: try EmailAddress("a@asso.fr"))
        a.employer = Employer(name: "Les Amis du Vélo", city: "Bayeux")
        var b = Participant(firstName: "B", lastName: "B", email: try EmailAddress("b@asso.fr"))
        b.employer = Employer(name: "les amis du vélo", city: "BAYEUX")
        _ = try people.addParticipant(a)
        _ = try people.addParticipant(b)
        #expect(try count("employer") == 1)
    }

    @Test func editChangesFieldsAndChecksANewEmail() throws {
        _ = try people.addParticipant(emilie())
        var other = Participant(firstName: "Paul", lastName: "Hébert", email: try EmailAddress("paul@mda-caen.fr"))
        other.status = .benevole
        _ = try people.addParticipant(other)
        let edited = try people.editParticipant(EmailAddress("emilie.loeuvre@mda-caen.fr")) {
            $0.status = .dirigeantBenevole
        }
        #expect(edited.status == .dirigeantBenevole)
        #expect(throws: TrainingError.refused("A participant already has the email paul@mda-caen.fr.")) {
            try people.editParticipant(EmailAddress("emilie.loeuvre@mda-caen.fr")) {
                $0.email = try EmailAddress("Paul@mda-caen.fr")
            }
        }
        #expect(throws: TrainingError.notFound("No participant has the email nobody@nowhere.fr.")) {
            try people.participant(EmailAddress("nobody@nowhere.fr"))
        }
    }

    @Test func statusesAreReadAsPeopleWriteThem() throws {
        #expect(try Participant.Status(parsing: "Salarié") == .salarie)
        #expect(try Participant.Status(parsing: "dirigeant bénévole") == .dirigeantBenevole)
        #expect(try Participant.Status(parsing: "Demandeur d'emploi") == .demandeurEmploi)
        #expect(throws: TrainingError.self) { try Participant.Status(parsing: "retraité") }
    }
}
