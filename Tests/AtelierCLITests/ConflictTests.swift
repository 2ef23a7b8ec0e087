import Foundation
import Postgres
import TestSupport
import Testing

/// A change that keeps meeting another one at the same time (PostgreSQL's serialization
/// failure, SQLSTATE 40001) is run again a few times, then exits 75 — "try again" — with one
/// sentence and nothing changed. The conflict is raised by a trigger of this test's database,
/// on every attempt.
@Suite struct ConflictTests {
    @Test func aWriteThatConflictsEveryTimeExits75() throws {
        let database = try TestDatabase.migrated()
        let connection = try database.connect()
        try connection.execute(
            """
            CREATE FUNCTION always_conflicts() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'concurrent update' USING ERRCODE = 'serialization_failure'; END $$
            """)
        try connection.execute(
            "CREATE TRIGGER always_conflicts BEFORE INSERT ON module FOR EACH ROW EXECUTE FUNCTION always_conflicts()")
        let before = try database.fingerprint()
        let outcome = try AtelierProcess.run(
            ["module", "add", "PMAE", "--title", "Fonction employeur", "--duration", "21h"],
            environment: ["ATELIER_DATABASE_URL": database.url])
        #expect(outcome.status == 75)
        #expect(
            outcome.standardError
                == "Another change to the same records ran at the same time, 4 times in a row, and nothing was changed: try again in a moment.\n"
        )
        #expect(try database.fingerprint() == before)
    }
}
