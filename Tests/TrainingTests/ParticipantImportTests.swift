import Foundation
import Postgres
import Testing
import TestSupport
@testable import Training

@Suite struct ParticipantImportTests {
    let connection: Connection
    let importer: ParticipantImport

    init() throws {
        connection = try TestDatabase.migrated().connect()
        importer = ParticipantImport(connection)
    }

    func count(_ table: String) throws -> Int {
        try connection.execute("SELECT count(*) FROM \(unescaped: table)")[0].decode(Int.self, at: 0)
    }

    func run(_ text: String, dryRun: Bool = false) throws -> ParticipantImport.Report {
        try importer.run(Data(text.utf8), fileName: "inscrits.csv", dryRun: dryRun)
    }

    let good = """
        Prénom;Nom;Email;Structure;SIRET;Statut\r
        Émilie;Lœuvre;emilie@mda-caen.fr;Maison des associations de Caen;73282932000074;salariée\r
        Paul;Hébert;paul@mda-caen.fr;MDA Caen;732 829 320 00074;Salarié\r
        "Anne-Marie";"D'Aubigné";am@velo-bayeux.fr;"Les Amis du Vélo; Bayeux";;Dirigeant bénévole\r
        Jo;Martin;jo@exemple.fr;;;demandeur d'emploi\r

        """

    @Test func importsEveryRowWithTheirOrganisationsOnce() throws {
        let report = try run(good)
        #expect(report.participants == 4)
        #expect(report.newOrganisations == 2)
        let people = try People(connection).participants()
        #expect(people.map(\.email.text).sorted() == ["am@velo-bayeux.fr", "emilie@mda-caen.fr", "jo@exemple.fr", "paul@mda-caen.fr"])
        let anneMarie = try #require(people.first { $0.firstName == "Anne-Marie" })
        #expect(anneMarie.lastName == "D'Aubigné" && anneMarie.status == .dirigeantBenevole)
        #expect(anneMarie.employer?.name == "Les Amis du Vélo; Bayeux")
        #expect(people.first { $0.firstName == "Jo" }?.employer == nil)
        #expect(try connection.execute("SELECT count(*) FROM event WHERE name = 'participant.imported'")[0].decode(Int.self, at: 0) == 1)
    }

    @Test func commasAndAByteOrderMarkWork() throws {
        let text = "\u{FEFF}email,nom,prenom,structure,siret,statut\nx@y.fr,Durand,Léa,,,bénévole\n"
        #expect(try run(text).participants == 1)
        #expect(try People(connection).participant(EmailAddress("x@y.fr")).status == .benevole)
    }

    @Test func everyBadRowIsReportedAndNothingWritten() throws {
        var lines = ["prenom;nom;email;structure;siret;statut"]
        for index in 1...9 { lines.append("P\(index);N\(index);p\(index)@asso.fr;Asso \(index);;salarié") }
        lines[6] = "P6;N6;pas-un-email;Asso 6;;salarié"
        lines[8] = "P8;N8;p1@asso.fr;Asso 8;73282932000075;retraité"
        let error = #expect(throws: TrainingError.self) { try run(lines.joined(separator: "\n")) }
        #expect(error?.sentence == """
            The file inscrits.csv has 3 bad rows; nothing was imported:
              line 7, column email: the email “pas-un-email” is not an email address
              line 9, column statut: the status “retraité” is not one of: salarié, bénévole, dirigeant bénévole, demandeur d'emploi, autre
              line 9, column siret: the SIRET “73282932000075” is not valid: its check digit is wrong
            """)
        #expect(try count("participant") == 0)
        #expect(try count("employer") == 0)
    }

    @Test func duplicatesInTheFileOrTheDatabaseAreBadRows() throws {
        _ = try People(connection).addParticipant(Participant(firstName: "A", lastName: "B", email: try EmailAddress("deja@asso.fr")))
        let text = """
            prenom;nom;email;structure;siret;statut
            A;A;a@asso.fr;;;
            B;B;A@ASSO.FR;;;
            C;C;Deja@Asso.fr;;;
            """
        let error = #expect(throws: TrainingError.self) { try run(text) }
        #expect(error?.sentence == """
            The file inscrits.csv has 2 bad rows; nothing was imported:
              line 3, column email: A@ASSO.FR is already on line 2
              line 4, column email: a participant already has the email Deja@Asso.fr
            """)
        #expect(try count("participant") == 1)
    }

    @Test func structuralProblemsAreNamed() throws {
        #expect(throws: TrainingError.invalid("The file inscrits.csv is empty: its first line names the columns.")) { try run("") }
        #expect(throws: TrainingError.invalid("The file inscrits.csv has no participant: only its first line.")) {
            try run("prenom;nom;email;structure;siret;statut\n")
        }
        #expect(throws: TrainingError.invalid("The file inscrits.csv lacks the columns siret, statut: its first line names prenom;nom;email;structure;siret;statut.")) {
            try run("prenom;nom;email;structure\nA;B;c@d.fr;E\n")
        }
        let error = #expect(throws: TrainingError.self) { try run("prenom;nom;email;structure;siret;statut\nA;B;c@d.fr\n") }
        #expect(error?.sentence.hasSuffix("line 2: 3 fields where the first line names 6") == true)
        #expect(throws: TrainingError.invalid("The file inscrits.csv has a quote opened on line 2 and never closed.")) {
            try run("prenom;nom;email;structure;siret;statut\n\"A;B;c@d.fr;E;;\n")
        }
    }

    @Test func latin1IsNamedWithItsLine() throws {
        var bytes = Array("prenom;nom;email;structure;siret;statut\nA;B;a@b.fr;;;\n".utf8)
        bytes += [0x45, 0x6D, 0x69, 0x6C, 0x69, 0x65, 0x3B, 0x4C, 0xE9, 0x61] + Array(";e@b.fr;;;\n".utf8)  // "Léa" in Latin-1
        #expect(throws: TrainingError.invalid("The file inscrits.csv is not UTF-8: line 3 has a character in another encoding; save it as « CSV UTF-8 » from your spreadsheet.")) {
            try importer.run(Data(bytes), fileName: "inscrits.csv")
        }
    }

    @Test func aDryRunChecksEverythingAndWritesNothing() throws {
        let report = try run(good, dryRun: true)
        #expect(report == .init(participants: 4, newOrganisations: 2, dryRun: true))
        #expect(try count("participant") == 0)
        #expect(try count("employer") == 0)
    }

    @Test func tenThousandRows() throws {
        var lines = ["prenom;nom;email;structure;siret;statut"]
        for index in 1...10_000 { lines.append("Prénom\(index);Nom\(index);p\(index)@asso\(index % 97).fr;Association \(index % 500);;bénévole") }
        let start = ContinuousClock.now
        let report = try run(lines.joined(separator: "\n"))
        print("Imported 10 000 rows in \(ContinuousClock.now - start)")
        #expect(report.participants == 10_000 && report.newOrganisations == 500)
        #expect(try count("participant") == 10_000)
    }
}
