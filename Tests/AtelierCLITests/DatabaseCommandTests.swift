import App
import Foundation
import Postgres
import TestSupport
import Testing

/// `atelier db migrate` and `atelier db status`, run as processes against the test cluster.
@Suite struct DatabaseCommandTests {
    let database: TestDatabase
    var environment: [String: String] { ["ATELIER_DATABASE_URL": database.url] }

    init() throws { database = try TestDatabase.create() }

    var migrationFiles: [String] {
        get throws {
            try FileManager.default.contentsOfDirectory(
                atPath: AtelierProcess.packageRoot.appendingPathComponent("Migrations").path
            )
            .filter { $0.hasSuffix(".sql") }.sorted()
        }
    }

    /// Every connection waits at most `database.lock-timeout-seconds` for a row: set when it
    /// opens, beside the options the URL or `PGOPTIONS` give.
    @Test func aConnectionWaitsAtMostTheLockTimeout() throws {
        let show = { (environment: [String: String]) throws -> [String] in
            let connection = try AppContext(environment: environment).connect()
            return try ["lock_timeout", "statement_timeout"].map { setting in
                try connection.execute(PostgresQuery(unsafeSQL: "SHOW \(setting)"))[0].decode(String.self, at: 0)
            }
        }
        #expect(try show(environment) == ["10s", "0"])
        #expect(try show(environment.merging(["ATELIER_DATABASE_LOCK_TIMEOUT_SECONDS": "3"]) { $1 }) == ["3s", "0"])
        let withOptions =
            database.url + (database.url.contains("?") ? "&" : "?") + "options=-c%20statement_timeout%3D7s"
        #expect(try show(["ATELIER_DATABASE_URL": withOptions]) == ["10s", "7s"])
    }

    @Test func migrateAppliesEveryFileThenNothing() throws {
        let first = try AtelierProcess.run(["db", "migrate"], environment: environment)
        #expect(first.status == 0)
        #expect(first.standardError == "")
        for file in try migrationFiles { #expect(first.standardOutput.contains("Applied \(file)\n")) }

        let second = try AtelierProcess.run(["db", "migrate"], environment: environment)
        #expect(second.status == 0)
        #expect(second.standardOutput == "Nothing to apply: the database \(database.configuration) is up to date.\n")

        let status = try AtelierProcess.run(["db", "status"], environment: environment)
        #expect(status.status == 0)
        #expect(status.standardOutput.hasSuffix("\(try migrationFiles.count) applied, 0 pending.\n"))
        #expect(try database.connect().execute("SELECT count(*) FROM organisation")[0].decode(Int.self, at: 0) == 0)
    }

    @Test func statusListsPendingFilesAsJSON() throws {
        let status = try AtelierProcess.run(["db", "status", "--json"], environment: environment)
        #expect(status.status == 0)
        struct Entry: Decodable {
            let name: String
            let state: String
        }
        let entries = try JSONDecoder().decode([Entry].self, from: Data(status.standardOutput.utf8))
        #expect(entries.map(\.name) == (try migrationFiles))
        #expect(entries.allSatisfy { $0.state == "pending" })
    }

    @Test func twoConcurrentRunsApplyEachFileOnce() throws {
        let running = try [0, 1].map { _ in try AtelierProcess.start(["db", "migrate"], environment: environment) }
        let outcomes = running.map { $0.finish() }
        #expect(outcomes.allSatisfy { $0.status == 0 })
        let applyLines = outcomes.flatMap {
            $0.standardOutput.split(separator: "\n").filter { $0.hasPrefix("Applied 0") }
        }
        #expect(applyLines.count == (try migrationFiles.count))
        let recorded = try database.connect().execute("SELECT count(*) FROM schema_migrations")[0].decode(
            Int.self, at: 0)
        #expect(recorded == (try migrationFiles.count))
    }

    @Test func serverNoticesStayOffTheTerminal() throws {
        // libpq prints NOTICEs on standard error unless told otherwise; the connection logs them.
        let root = try TemporaryRoot(migrations: [
            "0001_quiet.sql": "DROP TABLE IF EXISTS never_there; CREATE TABLE t (n int);"
        ])
        let outcome = try AtelierProcess.run(
            ["db", "migrate"], environment: ["ATELIER_ROOT": root.url.path, "ATELIER_DATABASE_URL": database.url])
        #expect(outcome.status == 0)
        #expect(outcome.standardError == "")
    }
}
