import Foundation
import Postgres
import TestSupport
import Testing

@Suite struct MigratorTests {
    let connection: Connection

    init() throws { connection = try TestDatabase.create().connect() }

    let first = Migration(name: "0001_people.sql", sql: "CREATE TABLE people (name text NOT NULL);")
    let second = Migration(
        name: "0002_places.sql",
        sql: """
            CREATE TABLE places (city text);
            INSERT INTO places VALUES ('Caen');
            """)

    func tables() throws -> [String] {
        try connection.execute(
            """
            SELECT coalesce(array_agg(tablename::text ORDER BY tablename), '{}') FROM pg_tables WHERE schemaname = 'public'
            """)[0].decode([String].self, at: 0)
    }

    @Test func appliesInOrderThenNothing() throws {
        let migrator = Migrator(migrations: [first, second])
        #expect(
            try migrator.status(on: connection) == [
                .init(name: first.name, state: .pending), .init(name: second.name, state: .pending),
            ])
        #expect(try migrator.migrate(on: connection) == [first.name, second.name])
        #expect(try tables() == ["people", "places", "schema_migrations"])
        #expect(try migrator.migrate(on: connection) == [])
        #expect(try migrator.status(on: connection).allSatisfy { if case .applied = $0.state { true } else { false } })
    }

    @Test func appliesOnlyWhatIsNew() throws {
        try Migrator(migrations: [first]).migrate(on: connection)
        #expect(try Migrator(migrations: [first, second]).migrate(on: connection) == [second.name])
    }

    @Test func editedLandedFileIsRefusedByName() throws {
        try Migrator(migrations: [first]).migrate(on: connection)
        let edited = Migration(name: first.name, sql: first.sql + "\n-- a comment is an edit too\n")
        let error = #expect(throws: MigrationError.self) {
            try Migrator(migrations: [edited, second]).migrate(on: connection)
        }
        #expect(
            error?.description
                == "The migration 0001_people.sql was changed after it was applied: restore it and put the change in a new migration."
        )
        #expect(try tables() == ["people", "schema_migrations"])
        #expect(throws: MigrationError.self) { try Migrator(migrations: [edited]).status(on: connection) }
    }

    @Test func failingMigrationLeavesNothingAndNamesThePlace() throws {
        let broken = Migration(
            name: "0002_broken.sql",
            sql: """
                CREATE TABLE half (n int);
                INSERT INTO half VALUES (1);
                SELECT * FROM no_such_table;
                """)
        let error = #expect(throws: MigrationError.self) {
            try Migrator(migrations: [first, broken]).migrate(on: connection)
        }
        guard case .failed(let name, let line, let column, let underlying) = error else {
            Issue.record("expected a failed migration, got \(String(describing: error))")
            return
        }
        #expect(name == "0002_broken.sql")
        #expect(line == 3 && column == 15)
        #expect(underlying.sqlState == .undefinedTable)
        #expect(
            error?.description
                == "The migration 0002_broken.sql failed at line 3, column 15: relation \"no_such_table\" does not exist. Nothing of it was applied."
        )
        // The first one stays applied; nothing of the second is left.
        #expect(try tables() == ["people", "schema_migrations"])
        #expect(try connection.execute("SELECT count(*) FROM schema_migrations")[0].decode(Int.self, at: 0) == 1)
    }

    @Test func migrationUnknownToTheProgramIsRefused() throws {
        try Migrator(migrations: [first, second]).migrate(on: connection)
        let error = #expect(throws: MigrationError.self) { try Migrator(migrations: [first]).migrate(on: connection) }
        #expect(error?.description.hasPrefix("The database has the migration 0002_places.sql") == true)
    }

    @Test func loadsNumberedFilesInOrderAndRefusesOthers() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("migrations-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "SELECT 2;".write(to: folder.appendingPathComponent("0002_b.sql"), atomically: true, encoding: .utf8)
        try "SELECT 1;".write(to: folder.appendingPathComponent("0001_a.sql"), atomically: true, encoding: .utf8)
        try "notes".write(to: folder.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        #expect(try Migration.load(from: folder).map(\.name) == ["0001_a.sql", "0002_b.sql"])

        try "SELECT 3;".write(to: folder.appendingPathComponent("0002_c.sql"), atomically: true, encoding: .utf8)
        #expect(throws: MigrationError.self) { try Migration.load(from: folder) }
        try FileManager.default.removeItem(at: folder.appendingPathComponent("0002_c.sql"))
        try "SELECT 3;".write(to: folder.appendingPathComponent("3_c.sql"), atomically: true, encoding: .utf8)
        let error = #expect(throws: MigrationError.self) { try Migration.load(from: folder) }
        #expect(
            error?.description
                == "The migration 3_c.sql is misnamed: migrations are named NNNN_description.sql, with four digits.")
    }
}
