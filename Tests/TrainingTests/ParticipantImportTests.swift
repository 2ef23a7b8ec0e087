import Foundation
import Postgres
import TestSupport
import Testing

@testable import Training

@Suite struct ParticipantImportTests {
    let connection: Connection
    let importer: ParticipantImport

    init() throws {
        connection = try TestDatabase.migrated().connect()
        importer = ParticipantImport(try .testing(connection))
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
        let people = try People(try .testing(connection)).participants()
        #expect(
            people.map(\.email.text).sorted() == [
                "am@velo-bayeux.fr", "emilie@mda-caen.fr", "jo@exemple.fr", "paul@mda-caen.fr",
            ])
        let anneMarie = try #require(people.first { $0.firstName == "Anne-Marie" })
        #expect(anneMarie.lastName == "D'Aubigné" && anneMarie.status == .dirigeantBenevole)
        #expect(anneMarie.employer?.name == "Les Amis du Vélo; Bayeux")
        #expect(people.first { $0.firstName == "Jo" }?.employer == nil)
        #expect(
            try connection.execute("SELECT count(*) FROM event WHERE name = 'participant.imported'")[0].decode(
                Int.self, at: 0) == 1)
    }

    @Test func commasAndAByteOrderMarkWork() throws {
        let text = "\u{FEFF}email,nom,prenom,structure,siret,statut\nx@y.fr,Durand,Léa,,,bénévole\n"
        #expect(try run(text).participants == 1)
        #expect(try People(try .testing(connection)).participant(EmailAddress("x@y.fr")).status == .benevole)
    }

    @Test func everyBadRowIsReportedAndNothingWritten() throws {
        var lines = ["prenom;nom;email;structure;siret;statut"]
        for index in 1...9 { lines.append("P\(index);N\(index);p\(index)@asso.fr;Asso \(index);;salarié") }
        lines[6] = "P6;N6;pas-un-email;Asso 6;;salarié"
        lines[8] = "P8;N8;p1@asso.fr;Asso 8;73282932000075;retraité"
        let error = #expect(throws: ImportRejection.self) { try run(lines.joined(separator: "\n")) }
        #expect(error?.kind == .invalidInput)
        #expect(
            error?.sentence == """
                The file inscrits.csv has 2 bad rows; nothing was imported:
                  line 7, column email: the email “pas-un-email” is not an email address: it has no @
                  line 9, column statut: the status “retraité” is not one of: salarié, bénévole, dirigeant bénévole, demandeur d'emploi, autre
                  line 9, column siret: the SIRET “73282932000075” is not valid: its check digit is wrong
                """)
        #expect(try count("participant") == 0)
        #expect(try count("employer") == 0)
    }

    @Test func duplicatesInTheFileOrTheDatabaseAreBadRows() throws {
        _ = try People(try .testing(connection)).addParticipant(
            Participant(firstName: "A", lastName: "B", email: try EmailAddress("deja@asso.fr")))
        let text = """
            prenom;nom;email;structure;siret;statut
            A;A;a@asso.fr;;;
            B;B;A@ASSO.FR;;;
            C;C;Deja@Asso.fr;;;
            """
        let error = #expect(throws: ImportRejection.self) { try run(text) }
        #expect(error?.kind == .refused)
        #expect(
            error?.sentence == """
                The file inscrits.csv has 2 bad rows; nothing was imported:
                  line 3, column email: a@asso.fr is already on line 2
                  line 4, column email: a participant already has the email deja@asso.fr
                """)
        #expect(try count("participant") == 1)
    }

    @Test func structuralProblemsAreNamed() throws {
        #expect(throws: TrainingError.invalid("The file inscrits.csv is empty: its first line names the columns.")) {
            try run("")
        }
        #expect(throws: TrainingError.invalid("The file inscrits.csv has no participant: only its first line.")) {
            try run("prenom;nom;email;structure;siret;statut\n")
        }
        #expect(
            throws: TrainingError.invalid(
                "The file inscrits.csv lacks the columns siret, statut: its first line names prenom;nom;email;structure;siret;statut."
            )
        ) {
            try run("prenom;nom;email;structure\nA;B;c@d.fr;E\n")
        }
        let error = #expect(throws: ImportRejection.self) {
            try run("prenom;nom;email;structure;siret;statut\nA;B;c@d.fr\n")
        }
        #expect(error?.sentence.hasSuffix("line 2: 3 fields where the first line names 6") == true)
        #expect(throws: TrainingError.invalid("The file inscrits.csv has a quote opened on line 2 and never closed.")) {
            try run("prenom;nom;email;structure;siret;statut\n\"A;B;c@d.fr;E;;\n")
        }
    }

    @Test func latin1IsNamedWithItsLine() throws {
        var bytes = Array("prenom;nom;email;structure;siret;statut\nA;B;a@b.fr;;;\n".utf8)
        // "Léa" in Latin-1.
        bytes += [0x45, 0x6D, 0x69, 0x6C, 0x69, 0x65, 0x3B, 0x4C, 0xE9, 0x61] + Array(";e@b.fr;;;\n".utf8)
        #expect(
            throws: TrainingError.invalid(
                "The file inscrits.csv is not UTF-8: line 3 has a character in another encoding; save it as « CSV UTF-8 » from your spreadsheet."
            )
        ) {
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
        for index in 1...10_000 {
            lines.append(
                "Prénom\(index);Nom\(index);p\(index)@asso\(index % 97).fr;Association \(index % 500);;bénévole")
        }
        let start = ContinuousClock.now
        let report = try run(lines.joined(separator: "\n"))
        print("Imported 10 000 rows in \(ContinuousClock.now - start)")
        #expect(report.participants == 10_000 && report.newOrganisations == 500)
        #expect(try count("participant") == 10_000)
    }
}

@Suite struct ParticipantImportRefusalTests {
    let connection: Connection
    init() throws { connection = try TestDatabase.migrated().connect() }

    func run(_ lines: [String]) throws -> ParticipantImport.Report {
        try ParticipantImport(try .testing(connection)).run(Data(lines.joined(separator: "\n").utf8), fileName: "f.csv")
    }

    @Test func aColumnNamedTwiceIsRefused() throws {
        #expect(
            throws: TrainingError.invalid(
                "The file f.csv names the column email twice on its first line, in fields 3 and 7.")
        ) {
            try run(["prenom;nom;email;structure;siret;statut;Email", "A;B;a@b.fr;;;;x@y.fr"])
        }
    }

    @Test func aLineBreakInAOneLineFieldIsRefusedWithItsLine() throws {
        let error = #expect(throws: ImportRejection.self) {
            try run(["prenom;nom;email;structure;siret;statut", "\"Jean\nPierre\";B;a@b.fr;;;"])
        }
        #expect(
            error?.problems.map(\.text) == [
                "line 2, column prenom: the first name holds the character U+000A (LINE FEED): it is one line of text"
            ])
    }

    /// Organisation names that lowercase differently in Swift and PostgreSQL (a dotted capital I,
    /// a final sigma) are told apart by the database alone.
    @Test func namesThatLowercaseDifferentlyImport() throws {
        let report = try run([
            "prenom;nom;email;structure;siret;statut",
            "A;B;a@b.fr;İstanbul Derneği;;", "C;D;c@d.fr;ΣΥΛΛΟΓΟΣ;;", "E;F;e@f.fr;Σύλλογος;;",
            "G;H;g@h.fr;ΣΥΛΛΟΓΟΣ;;",
        ])
        #expect(report.participants == 4)
        let linked = try connection.execute("SELECT count(*) FROM participant WHERE employer_id IS NOT NULL")[0].decode(
            Int.self, at: 0)
        #expect(linked == 4)
        let organisations = try connection.execute("SELECT count(*) FROM employer")[0].decode(Int.self, at: 0)
        #expect(report.newOrganisations == organisations)
        #expect((2...3).contains(organisations))
    }

    /// The report shows 20 problems and counts the rest; the rejection holds them all.
    @Test func aLongReportIsCapped() throws {
        let rows = (1...50).map { "A;B;pas-un-email-\($0);;;" }
        let error = #expect(throws: ImportRejection.self) {
            try run(["prenom;nom;email;structure;siret;statut"] + rows)
        }
        #expect(error?.problems.count == 50)
        #expect(error?.sentence.split(separator: "\n").count == 22)
        #expect(error?.sentence.hasSuffix("  … and 30 more: `--report FILE` writes them all.") == true)
        #expect(error?.report.split(separator: "\n").count == 50)
    }
}
