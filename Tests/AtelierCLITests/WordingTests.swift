import Foundation
import Postgres
import TestSupport
import Testing
import Training

/// What a coordinator reads after a command that worked, or that the server cut short.
@Suite struct WordingTests {
    let database: TestDatabase
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-wording-\(UUID())")

    init() throws {
        database = try TestDatabase.migrated()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func atelier(_ arguments: String...) throws -> AtelierProcess.Outcome {
        try AtelierProcess.run(arguments, environment: ["ATELIER_DATABASE_URL": database.url])
    }

    func csv(_ rows: Int) throws -> String {
        let file = folder.appendingPathComponent("\(rows).csv")
        let lines = ["prenom;nom;email;structure;siret;statut"] + (1...rows).map { "P\($0);N\($0);p\($0)@asso.fr;;;" }
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    @Test func oneIsSingular() throws {
        let outcome = try atelier("participant", "import", try csv(1))
        #expect(outcome.standardOutput == "Imported 1 participant and 0 new organisations.\n")
    }

    @Test func aCodeIsFoundAsTypedWithSpacesAround() throws {
        #expect(try atelier("module", "add", "PMAE", "--title", "Fonction employeur", "--duration", "7h").status == 0)
        let shown = try atelier("module", "show", " pmae ")
        #expect(shown.status == 0, "\(shown.standardError)")
        #expect(shown.standardOutput.hasPrefix("PMAE — Fonction employeur"))
    }

    /// The server ends the import's session while it waits on a lock: one sentence, no log line,
    /// nothing imported.
    @Test func aSessionCutShortIsOneSentence() throws {
        let file = try csv(3)
        let holder = try database.connect()
        try holder.execute("BEGIN")
        try holder.execute("LOCK TABLE participant IN ACCESS EXCLUSIVE MODE")
        let running = try AtelierProcess.start(
            ["participant", "import", file], environment: ["ATELIER_DATABASE_URL": database.url])
        let watcher = try database.connect()
        var terminated = false
        let deadline = Date().addingTimeInterval(20)
        while !terminated && Date() < deadline {
            terminated =
                try watcher.execute(
                    """
                    SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                    WHERE datname = current_database() AND application_name = 'atelier' AND wait_event_type = 'Lock'
                    """
                ).count == 1
            if !terminated { Thread.sleep(forTimeInterval: 0.05) }
        }
        try holder.execute("ROLLBACK")
        let outcome = running.finish()
        #expect(terminated)
        #expect(outcome.status == 69)
        let lines = outcome.standardError.split(separator: "\n")
        #expect(lines.count == 1, "\(outcome.standardError)")
        #expect(lines.first?.hasPrefix("The connection to the database ") == true)
        // libpq's first line only ("server closed the connection unexpectedly", or the server's own
        // word when it arrived first), not the lines of guesses that follow it.
        #expect(lines.first?.contains(" was lost: ") == true && lines.first?.hasSuffix(".") == true)
        #expect(try watcher.execute("SELECT count(*) FROM participant")[0].decode(Int.self, at: 0) == 0)
    }
}
