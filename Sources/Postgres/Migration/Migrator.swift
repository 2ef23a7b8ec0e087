import Foundation

/// Applies migrations in order, each in its own transaction, recording name and checksum in a
/// table; concurrent runs take turns on an advisory lock, so each file is applied exactly once.
public struct Migrator: Sendable {
    public let migrations: [Migration]
    /// The table that records applied migrations; its name also keys the advisory lock.
    public let table: String

    public init(migrations: [Migration], table: String = "schema_migrations") {
        self.migrations = migrations
        self.table = table
    }

    public enum State: Sendable, Equatable {
        case applied(at: Date)
        case pending
    }

    public struct Entry: Sendable, Equatable {
        public let name: String
        public let state: State

        public init(name: String, state: State) {
            self.name = name
            self.state = state
        }
    }

    /// Where each migration stands. Fails as `migrate` would on an edited or unknown file.
    public func status(on connection: Connection) throws -> [Entry] {
        let applied = try verifiedApplied(on: connection)
        return migrations.map { Entry(name: $0.name, state: applied[$0.name].map { .applied(at: $0) } ?? .pending) }
    }

    /// Applies the pending migrations and returns their names, in order. `applied` hears of each
    /// as soon as it is committed, so that a later failure does not hide what was done.
    @discardableResult
    public func migrate(on connection: Connection, applied onApplied: (String) -> Void = { _ in }) throws -> [String] {
        try connection.execute("SELECT pg_advisory_lock(hashtext(\(table)))")
        defer { _ = try? connection.execute("SELECT pg_advisory_unlock(hashtext(\(table)))") }
        try createTable(on: connection)
        let applied = try verifiedApplied(on: connection)
        var done: [String] = []
        for migration in migrations where applied[migration.name] == nil {
            try apply(migration, on: connection)
            done.append(migration.name)
            onApplied(migration.name)
        }
        return done
    }

    private func apply(_ migration: Migration, on connection: Connection) throws {
        do {
            try connection.transaction { connection in
                try connection.executeScript(migration.sql)
                try connection.execute(
                    """
                    INSERT INTO \(unescaped: quotedTable(connection)) (name, checksum)
                    VALUES (\(migration.name), encode(sha256(convert_to(\(migration.sql), 'UTF8')), 'hex'))
                    """)
            }
        } catch let error as PostgresError where !error.isConnectionProblem {
            let place = error.position.map { migration.lineAndColumn(ofCharacter: $0) }
            throw MigrationError.failed(migration.name, line: place?.line, column: place?.column, error: error)
        }
    }

    /// The applied migrations and when, after checking that each is still the same file. The
    /// checksum is PostgreSQL's `sha256()` of the file's UTF-8 text, in the query that writes it
    /// and in the one that checks it.
    private func verifiedApplied(on connection: Connection) throws -> [String: Date] {
        let exists = try connection.execute("SELECT to_regclass(\(table)) IS NOT NULL")[0].decode(Bool.self, at: 0)
        guard exists else { return [:] }
        let rows = try connection.execute(
            """
            SELECT m.name, m.applied_at, f.name IS NOT NULL AS known,
                   coalesce(m.checksum = encode(sha256(convert_to(f.sql, 'UTF8')), 'hex'), false) AS unchanged
            FROM \(unescaped: quotedTable(connection)) m
            LEFT JOIN unnest(\(migrations.map(\.name)), \(migrations.map(\.sql))) AS f(name, sql) USING (name)
            ORDER BY m.name
            """)
        var applied: [String: Date] = [:]
        for row in rows {
            let (name, at, known, unchanged) = try row.decode((String, Date, Bool, Bool).self)
            guard known else { throw MigrationError.unknownApplied(name) }
            guard unchanged else { throw MigrationError.checksumMismatch(name) }
            applied[name] = at
        }
        return applied
    }

    private func createTable(on connection: Connection) throws {
        try connection.execute(
            """
            CREATE TABLE IF NOT EXISTS \(unescaped: quotedTable(connection)) (
                name text PRIMARY KEY,
                checksum text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """)
    }

    private func quotedTable(_ connection: Connection) -> String { connection.quoteIdentifier(table) }
}
