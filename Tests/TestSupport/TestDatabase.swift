import Foundation
import Postgres

/// The test cluster that `scripts/test` starts, and a fresh database in it per suite.
///
/// A test that needs the database fails when the cluster is missing: it never skips itself.
public struct TestDatabase: Sendable {
    public let configuration: ConnectionConfiguration
    public let name: String

    /// The URL of the database itself, for the `atelier` binary.
    public var url: String { TestDatabase.url(of: configuration) }

    /// The clusters `scripts/test` starts: the one every suite shares, and one of its own for
    /// the test that restarts PostgreSQL under running workers.
    public enum Cluster: String, Sendable {
        case shared = "ATELIER_TEST_DATABASE_URL"
        case restartable = "ATELIER_TEST_RESTARTABLE_DATABASE_URL"
    }

    /// Creates an empty database named after the suite, in the test cluster.
    public static func create(_ suite: String = #fileID, in cluster: Cluster = .shared) throws -> TestDatabase {
        let cluster = try clusterConfiguration(cluster)
        let name =
            "t_" + suite.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "_" }.prefix(40)
            + "_" + String(UInt32.random(in: 0...UInt32.max), radix: 36)
        let admin = try Connection(cluster)
        try admin.execute("CREATE DATABASE \(unescaped: admin.quoteIdentifier(name))")
        return TestDatabase(configuration: cluster.with("dbname", name), name: name)
    }

    /// A new database with every migration of `Migrations/` applied: the schema Atelier runs on.
    public static func migrated(_ suite: String = #fileID, in cluster: Cluster = .shared) throws -> TestDatabase {
        let database = try create(suite, in: cluster)
        let migrations = try Migration.load(from: AtelierProcess.packageRoot.appendingPathComponent("Migrations"))
        try Migrator(migrations: migrations).migrate(on: database.connect())
        return database
    }

    public func connect() throws -> Connection { try Connection(configuration) }

    /// A digest of every row of every table: equal before and after means nothing changed.
    public func fingerprint() throws -> [String: String] {
        let connection = try connect()
        let tables = try connection.execute("SELECT tablename::text FROM pg_tables WHERE schemaname = 'public'")
            .map { try $0.decode(String.self, at: 0) }
        var digest: [String: String] = [:]
        for table in tables {
            let name = connection.quoteIdentifier(table)
            digest[table] = try connection.execute(
                """
                SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM \(unescaped: name) t
                """)[0].decode(String.self, at: 0)
        }
        return digest
    }

    /// The cluster's URL, from `ATELIER_TEST_DATABASE_URL` (or its restartable sibling).
    public static func clusterConfiguration(_ cluster: Cluster = .shared) throws -> ConnectionConfiguration {
        guard let url = ProcessInfo.processInfo.environment[cluster.rawValue], !url.isEmpty else {
            throw TestEnvironmentError.missing(
                "\(cluster.rawValue) is not set: run the tests with `make test`, which starts the test clusters")
        }
        return try ConnectionConfiguration(url)
    }

    static func url(of configuration: ConnectionConfiguration) -> String {
        let p = configuration.parameters
        return
            "postgresql://\(p["user"] ?? "")\(p["password"].map { ":\($0)" } ?? "")@\(p["host"] ?? "127.0.0.1"):\(p["port"] ?? "5432")/\(p["dbname"] ?? "")"
    }
}

public enum TestEnvironmentError: Error, CustomStringConvertible {
    case missing(String)
    public var description: String {
        switch self {
        case .missing(let what): what
        }
    }
}
