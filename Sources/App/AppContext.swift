import Foundation
import Postgres
import Training

/// What the CLI, the worker and the pages run with: Atelier's folder, the effective settings,
/// and the way to the database and the domain.
public struct AppContext: Sendable {
    public let root: AtelierRoot
    public let settings: Settings

    /// Reads the settings. `databaseURL` is a command-line override (the option's name and its
    /// text), which wins over the environment and the file.
    public init(
        databaseURL: (option: String, text: String)? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws {
        root = try AtelierRoot.locate(
            environment: environment, currentDirectory: FileManager.default.currentDirectoryPath,
            executable: CommandLine.arguments[0])
        let configFile =
            environment["ATELIER_CONFIG"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (FileManager.default.fileExists(atPath: root.defaultConfigFile.path) ? root.defaultConfigFile.path : nil)
        settings = try Settings(
            environment: environment, configFile: configFile,
            privateClusterURLFile: root.privateClusterURLFile.path,
            overrides: databaseURL.map { [.databaseURL: $0] } ?? [:])
    }

    public var usesPrivateCluster: Bool {
        if case .privateCluster = settings.databaseURL.source { true } else { false }
    }

    /// The database as errors name it: `user@host:port/dbname`, never the password.
    public var databaseLabel: String? {
        (try? ConnectionConfiguration(settings.databaseURL.text))?.description
    }

    public var timeZone: TimeZone { settings.timeZone }

    /// The configured database, or the sentence that says how to configure one.
    public func databaseConfiguration() throws -> ConnectionConfiguration {
        let url = settings.databaseURL
        guard !url.text.isEmpty else {
            throw SettingsError.noDatabase(privateClusterURLFile: root.privateClusterURLFile.path)
        }
        return try ConnectionConfiguration(url.text)
    }

    /// A new connection, which waits at most `database.lock-timeout-seconds` for a row another
    /// client holds: set in the connection's startup message (libpq's `options`, after any the
    /// URL or `PGOPTIONS` gives), which costs no round trip.
    public func connect() throws -> Connection {
        let configuration = try databaseConfiguration()
        let given = configuration.parameters["options"] ?? ProcessInfo.processInfo.environment["PGOPTIONS"]
        let lockTimeout = "-c lock_timeout=\(settings.lockTimeoutSeconds)s"
        return try Connection(configuration.with("options", given.map { $0 + " " + lockTimeout } ?? lockTimeout))
    }

    /// The job catalogue of `Jobs/`, checked against the kinds this build runs.
    public func jobCatalogue() throws -> JobCatalogue {
        try JobCatalogueFiles.load(root.jobs, kinds: JobRegistry.kinds)
    }

    /// The domain over a new connection, with the job catalogue its changes queue by (read when
    /// a change first queues a job).
    public func store() throws -> Store {
        Store(try connect(), timeZone: timeZone) { try jobCatalogue() }
    }

    public func migrator() throws -> Migrator {
        Migrator(migrations: try Migration.load(from: root.migrations))
    }
}
