/// A configuration that cannot be used, said in one sentence that names the key and its source.
enum SettingsError: Error, Sendable, CustomStringConvertible {
    case unreadableFile(String)
    case malformedFile(String, reason: String)
    case invalid(SettingKey, reason: String, source: Settings.Source? = nil)
    case noDatabase(privateClusterURLFile: String)
    case rootNotFound
    case emptyOption(String)

    var description: String {
        switch self {
        case .unreadableFile(let path):
            "The configuration file \(path) cannot be read."
        case .malformedFile(let path, let reason):
            "The configuration file \(path) is not valid YAML: \(reason)."
        case .invalid(let key, let reason, let source):
            "The setting \(key.name)\(source.map { " (from \($0))" } ?? "") \(reason)."
        case .noDatabase(let file):
            "No database is configured: set ATELIER_DATABASE_URL, or start the private one with `scripts/pg start` (it writes \(file))."
        case .emptyOption(let option):
            "The option \(option) is empty: give a PostgreSQL URL, or leave the option out to use the configured database."
        case .rootNotFound:
            "Cannot find Atelier's folder, the one holding Migrations/: run atelier inside it or set ATELIER_ROOT."
        }
    }
}
