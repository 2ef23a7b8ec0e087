import Foundation
import Postgres
import TestSupport
import Testing

/// Whatever goes wrong, `atelier` says it in one sentence, exits non-zero, and changes nothing.
@Suite struct BadInputTests {
    let database: TestDatabase

    init() throws { database = try TestDatabase.create() }

    func expectOneSentence(_ outcome: AtelierProcess.Outcome, status: Int32, _ sentence: String) {
        #expect(outcome.status == status)
        #expect(outcome.standardError == sentence + "\n")
        #expect(outcome.standardOutput == "")
    }

    func tableCount() throws -> Int {
        try database.connect().execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")[0].decode(
            Int.self, at: 0)
    }

    @Test func unreachableDatabase() throws {
        let outcome = try AtelierProcess.run(
            ["db", "migrate"], environment: ["ATELIER_DATABASE_URL": "postgresql://atelier@127.0.0.1:1/atelier"])
        expectOneSentence(
            outcome, status: 69, "Cannot connect to the database atelier@127.0.0.1:1/atelier: connection refused.")
    }

    @Test func malformedURL() throws {
        let outcome = try AtelierProcess.run(["db", "status", "--database-url", "postgresql://db:port/atelier"])
        expectOneSentence(outcome, status: 78, "The database URL is malformed: invalid port number: \"port\".")
    }

    @Test func wrongPassword() throws {
        let wrong = database.url.replacingOccurrences(
            of: ":\(database.configuration.parameters["password"]!)@", with: ":not-it@")
        let outcome = try AtelierProcess.run(["db", "migrate"], environment: ["ATELIER_DATABASE_URL": wrong])
        expectOneSentence(
            outcome, status: 69,
            "Cannot connect to the database \(database.configuration): password authentication failed for user \"atelier\"."
        )
        #expect(try tableCount() == 0)
    }

    @Test func verboseAddsTheDetailAfterTheSentence() throws {
        let outcome = try AtelierProcess.run(
            ["db", "migrate", "--verbose"], environment: ["ATELIER_DATABASE_URL": "postgresql://atelier@127.0.0.1:1/x"])
        let lines = outcome.standardError.split(separator: "\n")
        #expect(outcome.status == 69)
        #expect(lines.first == "Cannot connect to the database atelier@127.0.0.1:1/x: connection refused.")
        #expect(lines.dropFirst().first == "PostgreSQL connection failed: Connection refused")
    }

    @Test func invalidSettingNamesKeyAndSource() throws {
        let outcome = try AtelierProcess.run(["config", "show"], environment: ["ATELIER_WORKER_LANES": "lots"])
        expectOneSentence(
            outcome, status: 78,
            "The setting worker.lanes (from environment ATELIER_WORKER_LANES) must be a whole number from 1 to 64, not “lots”."
        )
    }

    @Test func unknownTimeZone() throws {
        let outcome = try AtelierProcess.run(["config", "show"], environment: ["ATELIER_TIMEZONE": "Europe/Caen"])
        expectOneSentence(
            outcome, status: 78,
            "The setting timezone (from environment ATELIER_TIMEZONE) names no time zone: “Europe/Caen”.")
    }

    @Test func noDatabaseConfiguredAndNoPrivateCluster() throws {
        let root = try TemporaryRoot(migrations: [:])
        let outcome = try AtelierProcess.run(["db", "status"], environment: ["ATELIER_ROOT": root.url.path])
        expectOneSentence(
            outcome, status: 78,
            "No database is configured: set ATELIER_DATABASE_URL, or start the private one with `scripts/pg start` (it writes \(root.url.path)/.atelier/postgres/url)."
        )
    }

    @Test func failingMigrationNamesFileAndLineAndLeavesNothing() throws {
        let root = try TemporaryRoot(migrations: [
            "0001_ok.sql": "CREATE TABLE kept (n int);",
            "0002_broken.sql": "CREATE TABLE lost (n int);\nINSERT INTO lost VALUES ('deux');\n",
        ])
        let outcome = try AtelierProcess.run(
            ["db", "migrate"], environment: ["ATELIER_ROOT": root.url.path, "ATELIER_DATABASE_URL": database.url])
        #expect(outcome.status == 65)
        #expect(outcome.standardOutput == "Applied 0001_ok.sql\n")
        #expect(
            outcome.standardError
                == "The migration 0002_broken.sql failed at line 2, column 26: invalid input syntax for type integer: \"deux\". Nothing of it was applied.\n"
        )
        #expect(try tableCount() == 2)  // kept and schema_migrations
    }

    @Test func editedLandedMigrationIsRefused() throws {
        let root = try TemporaryRoot(migrations: ["0001_ok.sql": "CREATE TABLE kept (n int);"])
        let environment = ["ATELIER_ROOT": root.url.path, "ATELIER_DATABASE_URL": database.url]
        #expect(try AtelierProcess.run(["db", "migrate"], environment: environment).status == 0)
        try root.write("0001_ok.sql", "CREATE TABLE kept (n bigint);")
        try root.write("0002_new.sql", "CREATE TABLE never (n int);")
        let outcome = try AtelierProcess.run(["db", "migrate"], environment: environment)
        expectOneSentence(
            outcome, status: 65,
            "The migration 0001_ok.sql was changed after it was applied: restore it and put the change in a new migration."
        )
        #expect(try tableCount() == 2)
    }

    @Test func unknownCommandIsAUsageError() throws {
        let outcome = try AtelierProcess.run(["db", "explode"])
        #expect(outcome.status == 64)
        #expect(outcome.standardError.hasPrefix("Error: Unexpected argument 'explode'"))
    }
}

/// A throwaway Atelier folder with its own Migrations/, for `ATELIER_ROOT`.
struct TemporaryRoot {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-root-\(UUID())")

    init(migrations: [String: String]) throws {
        try FileManager.default.createDirectory(
            at: url.appendingPathComponent("Migrations"), withIntermediateDirectories: true)
        for (name, sql) in migrations { try write(name, sql) }
    }

    func write(_ migration: String, _ sql: String) throws {
        try sql.write(to: url.appendingPathComponent("Migrations/\(migration)"), atomically: true, encoding: .utf8)
    }

    /// A root whose `Jobs/` is a copy of the repository's, for a test to edit.
    static func withRepositoryJobs() throws -> TemporaryRoot {
        let root = try TemporaryRoot(migrations: [:])
        try FileManager.default.copyItem(
            at: AtelierProcess.packageRoot.appendingPathComponent("Jobs"), to: root.url.appendingPathComponent("Jobs"))
        return root
    }

    /// Writes `Jobs/<kind>/job.yaml`.
    func writePolicy(_ kind: String, _ yaml: String) throws {
        let folder = url.appendingPathComponent("Jobs/\(kind)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try yaml.write(to: folder.appendingPathComponent("job.yaml"), atomically: true, encoding: .utf8)
    }
}
