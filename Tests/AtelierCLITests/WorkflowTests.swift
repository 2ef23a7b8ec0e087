import Foundation
import Postgres
import TestSupport
import Testing

/// A coordinator's week through the binary: what it prints, in text and in JSON.
@Suite struct WorkflowTests {
    let database: TestDatabase

    init() throws { database = try TestDatabase.migrated() }

    @discardableResult
    func atelier(_ arguments: String...) throws -> String {
        let outcome = try AtelierProcess.run(arguments, environment: ["ATELIER_DATABASE_URL": database.url])
        #expect(outcome.status == 0, "atelier \(arguments.joined(separator: " ")): \(outcome.standardError)")
        return outcome.standardOutput
    }

    func json<T: Decodable>(_ type: T.Type, _ arguments: String...) throws -> T {
        let outcome = try AtelierProcess.run(
            arguments + ["--json"], environment: ["ATELIER_DATABASE_URL": database.url])
        return try JSONDecoder().decode(T.self, from: Data(outcome.standardOutput.utf8))
    }

    @Test func fromCatalogueToWaitlist() throws {
        let hostile = "Robert'); DROP TABLE module; --"
        #expect(
            try atelier(
                "module", "add", "pmae", "--title", hostile, "--duration", "10,5h", "--price-per-group", "3 600",
                "--competence", "veille-1") == "Added the module PMAE: \(hostile), 10,5\u{00A0}h.\n")
        struct Module: Decodable {
            let code: String
            let title: String
            let durationMinutes: Int
            let pricePerGroupCents: Int?
            let competences: [String]
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let module = try decoder.decode(Module.self, from: Data(try atelier("module", "show", "PMAE", "--json").utf8))
        #expect(
            module.title == hostile && module.durationMinutes == 630 && module.pricePerGroupCents == 360_000
                && module.competences == ["VEILLE-1"])

        try atelier("trainer", "add", "SCOP", "--name", "Scop L'Atelier Coopératif", "--organisation")
        try atelier(
            "venue", "add", "MDA", "--name", "Maison des associations", "--street", "8 rue Daniel Huet",
            "--postal-code", "14000", "--city", "Caen")
        for index in 1...3 {
            try atelier(
                "participant", "add", "p\(index)@asso.fr", "--first-name", "Prénom\(index)", "--last-name",
                "Nom\(index)",
                "--organisation", "Asso \(index)")
        }
        #expect(
            try atelier(
                "session", "schedule", "--module", "PMAE", "--venue", "MDA", "--trainer", "SCOP", "--capacity", "2",
                "--slot", "2031-04-03T09:00-12:30", "--slot", "2031-04-03T14:00-17:30", "--slot",
                "2031-04-04T09:00-12:30")
                == "Scheduled the session S-2031-001: \(hostile), jeudi 3 avril 2031 → vendredi 4 avril 2031, 10,5\u{00A0}h in 1 part.\n"
        )
        #expect(
            try atelier("register", "S-2031-001", "p1@asso.fr")
                == "Registered Prénom1 NOM1 for the session S-2031-001: confirmed.\n")
        try atelier("register", "S-2031-001", "p2@asso.fr")
        #expect(
            try atelier("register", "S-2031-001", "p3@asso.fr")
                == "The session S-2031-001 is full: Prénom3 NOM3 is on the waitlist.\n")
        #expect(
            try atelier("registration", "cancel", "S-2031-001", "p1@asso.fr")
                == "Cancelled the registration of p1@asso.fr for the session S-2031-001. Prénom3 NOM3 moves up from the waitlist.\n"
        )

        struct Session: Decodable {
            let code: String
            let status: String
            let confirmed: Int
            let waitlisted: Int
            let capacity: Int
        }
        let sessions = try json([Session].self, "session", "list")
        #expect(sessions.map(\.code) == ["S-2031-001"] && sessions[0].confirmed == 2 && sessions[0].waitlisted == 0)
        let roster = try atelier("session", "roster", "S-2031-001")
        #expect(roster.contains("Prénom3 NOM3") && !roster.contains("Prénom1 NOM1"))
    }

    @Test func importThenList() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("inscrits-\(UUID()).csv")
        try
            "prenom;nom;email;structure;siret;statut\nÉmilie;Lœuvre;e@mda.fr;MDA Caen;;salariée\nPaul;Hébert;p@ce.fr;Chantier École;;bénévole\n"
            .write(to: file, atomically: true, encoding: .utf8)
        #expect(
            try atelier("participant", "import", file.path, "--dry-run")
                == "The file is good: it would import 2 participants and 2 new organisations. Nothing was imported (--dry-run).\n"
        )
        struct Participant: Decodable {
            let email: String
            let status: String
        }
        #expect(try json([Participant].self, "participant", "list").isEmpty)
        #expect(try atelier("participant", "import", file.path) == "Imported 2 participants and 2 new organisations.\n")
        // Sorted by last name, French-style: Hébert before Lœuvre.
        #expect(try json([Participant].self, "participant", "list").map(\.status) == ["benevole", "salarie"])
    }
}

/// Issue 7 through the binary: one identity whatever the Unicode form, a time zone whose day
/// skips midnight, values shown escaped, and a refused import's full report.
@Suite struct TrustedInputWorkflowTests {
    let database: TestDatabase

    init() throws { database = try TestDatabase.migrated() }

    func atelier(_ arguments: [String], environment: [String: String] = [:]) throws -> AtelierProcess.Outcome {
        try AtelierProcess.run(
            arguments, environment: ["ATELIER_DATABASE_URL": database.url].merging(environment) { $1 })
    }

    @Test func oneParticipantWhateverTheUnicodeForm() throws {
        #expect(
            try atelier(["module", "add", "PMAE", "--title", "Fonction employeur", "--duration", "3h30"]).status == 0)
        #expect(
            try atelier([
                "participant", "add", "\u{C9}milie@Asso.fr", "--first-name", "E\u{301}milie", "--last-name", "L",
            ]).status == 0)
        let session = try atelier([
            "session", "schedule", "--module", "PMAE", "--slot", "2025-04-05T09:00-12:30", "--past",
        ])
        #expect(session.status == 0)
        let registered = try atelier(["register", "S-2025-001", "E\u{301}MILIE@asso.fr"])
        #expect(registered.standardOutput == "Registered \u{C9}milie L for the session S-2025-001: confirmed.\n")
        #expect(
            try atelier([
                "attendance", "record", "S-2025-001", "--slot", "2025-04-05T09:00", "--absent", "e\u{301}milie@asso.fr",
            ]).status == 0)
        let roster = try atelier(["session", "roster", "S-2025-001"])
        #expect(roster.status == 0 && roster.standardOutput.contains("\u{C9}milie"))
        let grid = try atelier(["attendance", "record", "S-2025-001", "--slot", "2025-04-05T09:00", "--present", "all"])
        #expect(
            grid.standardOutput
                == "Nothing new for the slot 2025-04-05T09:00 of the session S-2025-001: every mark given was already recorded.\n"
        )
        let count = try database.connect().execute("SELECT count(*) FROM participant")[0].decode(Int.self, at: 0)
        #expect(count == 1)
    }

    @Test func aZoneWhoseDaySkipsMidnight() throws {
        let beirut = ["ATELIER_TIMEZONE": "Asia/Beirut"]
        #expect(
            try atelier(["module", "add", "PMAE", "--title", "Fonction employeur", "--duration", "3h"]).status == 0)
        #expect(
            try atelier(
                ["session", "schedule", "--module", "PMAE", "--slot", "2028-03-26T09:00-12:00"], environment: beirut
            ).status == 0)
        let listed = try atelier(
            ["session", "list", "--from", "2028-03-26", "--to", "2028-03-26"], environment: beirut)
        #expect(listed.status == 0 && listed.standardOutput.contains("S-2028-001"))
        let before = try atelier(["session", "list", "--to", "2028-03-25"], environment: beirut)
        #expect(before.status == 0 && !before.standardOutput.contains("S-2028-001"))
    }

    /// A stored value that holds an escape sequence (here a référentiel title, which no one types)
    /// reaches the terminal escaped.
    @Test func storedControlCharactersAreShownEscaped() throws {
        try database.connect().execute("UPDATE competence SET title = E'\\x1b[2J' || title WHERE code = 'VEILLE-1'")
        let shown = try atelier(["module", "competences"])
        #expect(shown.status == 0)
        #expect(!shown.standardOutput.contains("\u{1B}"))
        #expect(shown.standardOutput.contains("\\u{1B}[2J"))
    }

    @Test func aRefusedImportWritesItsFullReport() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-report-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let csv = folder.appendingPathComponent("inscrits.csv")
        let report = folder.appendingPathComponent("problems.txt")
        let rows = ["prenom;nom;email;structure;siret;statut"] + (1...30).map { "A;B;sans-arobase-\($0);;;" }
        try rows.joined(separator: "\n").write(to: csv, atomically: true, encoding: .utf8)
        let outcome = try atelier(["participant", "import", csv.path, "--report", report.path])
        #expect(outcome.status == 65)
        #expect(outcome.standardError.split(separator: "\n").count == 22)
        #expect(outcome.standardError.hasSuffix("  … and 10 more: `--report FILE` writes them all.\n"))
        let written = try String(contentsOf: report, encoding: .utf8).split(separator: "\n")
        #expect(written.count == 30)
        #expect(
            written.last == "line 31, column email: the email “sans-arobase-30” is not an email address: it has no @")
    }
}
