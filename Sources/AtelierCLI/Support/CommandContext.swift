import Foundation
import Postgres
import Training

/// What a command runs with: Atelier's folder, the effective settings, and a way to the database.
struct CommandContext {
    let root: AtelierRoot
    let settings: Settings

    init(options: GlobalOptions, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        root = try AtelierRoot.locate(
            environment: environment,
            currentDirectory: FileManager.default.currentDirectoryPath,
            executable: CommandLine.arguments[0])
        let configFile =
            environment["ATELIER_CONFIG"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (FileManager.default.fileExists(atPath: root.defaultConfigFile.path) ? root.defaultConfigFile.path : nil)
        settings = try Settings(
            environment: environment, configFile: configFile,
            privateClusterURLFile: root.privateClusterURLFile.path,
            overrides: options.databaseURL.map { [.databaseURL: ("--database-url", $0)] } ?? [:])
    }

    var usesPrivateCluster: Bool {
        if case .privateCluster = settings.databaseURL.source { true } else { false }
    }

    /// The database as errors name it: `user@host:port/dbname`, never the password.
    var databaseLabel: String? {
        (try? ConnectionConfiguration(settings.databaseURL.text))?.description
    }

    func connect() throws -> Connection {
        let url = settings.databaseURL
        guard !url.text.isEmpty else {
            throw SettingsError.noDatabase(privateClusterURLFile: root.privateClusterURLFile.path)
        }
        let connection = try Connection(ConnectionConfiguration(url.text))
        try connection.execute("SELECT set_config('lock_timeout', \(String(settings.lockTimeoutSeconds) + "s"), false)")
        return connection
    }

    var timeZone: TimeZone { settings.timeZone }

    /// The domain over a new connection, with the job catalogue its changes queue by.
    func store() throws -> Store {
        Store(try connect(), jobs: try JobCatalogueFiles.load(root.jobs), timeZone: timeZone)
    }

    func migrator() throws -> Migrator {
        Migrator(migrations: try Migration.load(from: root.migrations))
    }
}
