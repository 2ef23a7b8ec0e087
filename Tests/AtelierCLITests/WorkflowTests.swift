import Foundation
import Postgres
import Testing
import TestSupport

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
        let outcome = try AtelierProcess.run(arguments + ["--json"], environment: ["ATELIER_DATABASE_URL": database.url])
        return try JSONDecoder().decode(T.self, from: Data(outcome.standardOutput.utf8))
    }

    @Test func fromCatalogueToWaitlist() throws {
        let hostile = "Robert'); DROP TABLE module; --"
        #expect(try atelier("module", "add", "pmae", "--title", hostile, "--duration", "10,5h", "--price-per-group", "3 600",
                            "--competence", "veille-1") == "Added the module PMAE: \(hostile), 10,5\u{00A0}h.\n")
        struct Module: Decodable { let code: String; let title: String; let durationMinutes: Int; let pricePerGroupCents: Int?; let competences: [String] }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let module = try decoder.decode(Module.self, from: Data(try atelier("module", "show", "PMAE", "--json").utf8))
        #expect(module.title == hostile && module.durationMinutes == 630 && module.pricePerGroupCents == 360_000 && module.competences == ["VEILLE-1"])

        try atelier("trainer", "add", "SCOP", "--name", "Scop L'Atelier Coopératif", "--organisation")
        try atelier("venue", "add", "MDA", "--name", "Maison des associations", "--street", "8 rue Daniel Huet", "--postal-code", "14000", "--city", "Caen")
        for index in 1...3 {
            try atelier("participant", "add", "p\(index)@asso.fr", "--first-name", "Prénom\(index)", "--last-name", "Nom\(index)",
                        "--organisation", "Asso \(index)")
        }
        #expect(try atelier("session", "schedule", "--module", "PMAE", "--venue", "MDA", "--trainer", "SCOP", "--capacity", "2",
                            "--slot", "2031-04-03T09:00-12:30", "--slot", "2031-04-03T14:00-17:30", "--slot", "2031-04-04T09:00-12:30")
                == "Scheduled the session S-2031-001: \(hostile), jeudi 3 avril 2031 → vendredi 4 avril 2031, 10,5\u{00A0}h in 1 part.\n")
        #expect(try atelier("register", "S-2031-001", "p1@asso.fr") == "Registered Prénom1 NOM1 for the session S-2031-001: confirmed.\n")
        try atelier("register", "S-2031-001", "p2@asso.fr")
        #expect(try atelier("register", "S-2031-001", "p3@asso.fr") == "The session S-2031-001 is full: Prénom3 NOM3 is on the waitlist.\n")
        #expect(try atelier("registration", "cancel", "S-2031-001", "p1@asso.fr")
                == "Cancelled the registration of p1@asso.fr for the session S-2031-001. Prénom3 NOM3 moves up from the waitlist.\n")

        struct Session: Decodable { let code: String; let status: String; let confirmed: Int; let waitlisted: Int; let capacity: Int }
        let sessions = try json([Session].self, "session", "list")
        #expect(sessions.map(\.code) == ["S-2031-001"] && sessions[0].confirmed == 2 && sessions[0].waitlisted == 0)
        let roster = try atelier("session", "roster", "S-2031-001")
        #expect(roster.contains("Prénom3 NOM3") && !roster.contains("Prénom1 NOM1"))
    }

    @Test func importThenList() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("inscrits-\(UUID()).csv")
        try "prenom;nom;email;structure;siret;statut\nÉmilie;Lœuvre;e@mda.fr;MDA Caen;;salariée\nPaul;Hébert;p@ce.fr;Chantier École;;bénévole\n"
            .write(to: file, atomically: true, encoding: .utf8)
        #expect(try atelier("participant", "import", file.path, "--dry-run")
                == "The file is good: it would import 2 participants and 2 new organisations. Nothing was imported (--dry-run).\n")
        struct Participant: Decodable { let email: String; let status: String }
        #expect(try json([Participant].self, "participant", "list").isEmpty)
        #expect(try atelier("participant", "import", file.path) == "Imported 2 participants and 2 new organisations.\n")
        // Sorted by last name, French-style: Hébert before Lœuvre.
        #expect(try json([Participant].self, "participant", "list").map(\.status) == ["benevole", "salarie"])
    }
}
