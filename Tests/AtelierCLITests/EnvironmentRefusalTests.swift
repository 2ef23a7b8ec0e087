import Foundation
import Postgres
import TestSupport
import Testing
import Training

/// What goes wrong around a command rather than in its input: a database not migrated, an empty
/// option, a row held by another client, an output that cannot be written.
extension BadInputTests {
    @Test func aDatabaseNotMigratedSaysWhatToRun() throws {
        let outcome = try AtelierProcess.run(["session", "list"], environment: ["ATELIER_DATABASE_URL": database.url])
        expectOneSentence(
            outcome, status: 78,
            "The database \(database.configuration) has no Atelier tables yet: run `atelier db migrate`.")
    }

    @Test func anEmptyDatabaseURLIsNotTheDefault() throws {
        let outcome = try AtelierProcess.run(
            ["db", "status", "--database-url", ""], environment: ["ATELIER_DATABASE_URL": database.url])
        expectOneSentence(
            outcome, status: 78,
            "The option --database-url is empty: give a PostgreSQL URL, or leave the option out to use the configured database."
        )
    }

    /// Another client holds the session's row: the command waits the configured time, then says
    /// so in one sentence and changes nothing.
    @Test func aRowHeldTooLongIsOneSentence() throws {
        let migrated = try TestDatabase.migrated()
        let store = try Store.repository(migrated.connect())
        _ = try Catalogue(store).addModule(Module(code: "PMAE", title: "Fonction employeur", durationMinutes: 420))
        _ = try People(store).addParticipant(
            Participant(firstName: "A", lastName: "B", email: try EmailAddress("a@asso.fr")))
        var plan = SessionPlan(module: "PMAE", slots: [try SlotSpec(parsing: "2030-04-04T09:00-12:30")])
        plan.capacity = 3
        let code = try Sessions(store).schedule(plan).code
        let before = try migrated.fingerprint()
        let holder = try migrated.connect()
        try holder.execute("BEGIN")
        try holder.execute("SELECT 1 FROM session WHERE code = \(code) FOR UPDATE")
        let started = ContinuousClock.now
        let outcome = try AtelierProcess.run(
            ["register", code, "a@asso.fr"],
            environment: [
                "ATELIER_DATABASE_URL": migrated.url, "ATELIER_DATABASE_LOCK_TIMEOUT_SECONDS": "1",
            ])
        let waited = ContinuousClock.now - started
        try holder.execute("ROLLBACK")
        expectOneSentence(
            outcome, status: 75,
            "Another client is changing the same records and held them longer than database.lock-timeout-seconds allows; nothing was changed: try again in a moment."
        )
        #expect(waited >= .seconds(1))
        #expect(try migrated.fingerprint() == before)
    }

    /// Runs `atelier config show` with its standard output on `output`.
    func configShow(writingTo output: FileHandle) throws -> (status: Int32, error: String) {
        guard let binary = ProcessInfo.processInfo.environment["ATELIER_BINARY"] else {
            throw TestEnvironmentError.missing("ATELIER_BINARY is not set: run the tests with `make test`")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["config", "show"]
        process.currentDirectoryURL = AtelierProcess.packageRoot
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let said = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: said, as: UTF8.self))
    }

    @Test func aFullDiskIsAnError() throws {
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let (status, error) = try configShow(writingTo: full)
        #expect(status == 74)
        #expect(error == "Cannot write to standard output: No space left on device.\n")
    }

    /// A reader that went away: nothing to say on standard error, but not a success either.
    @Test func aClosedPipeIsNotASuccess() throws {
        let pipe = Pipe()
        try pipe.fileHandleForReading.close()
        let (status, error) = try configShow(writingTo: pipe.fileHandleForWriting)
        #expect(status == 74)
        #expect(error == "")
    }
}
