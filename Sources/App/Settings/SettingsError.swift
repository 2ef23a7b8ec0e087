import Delivery
import Training

/// A configuration that cannot be used, said in one sentence that names the key and its source.
public enum SettingsError: Error, Sendable, CustomStringConvertible {
    case unreadableFile(String)
    case malformedFile(String, reason: String)
    case invalid(SettingKey, reason: String, source: Settings.Source? = nil)
    case noDatabase(privateClusterURLFile: String)
    case rootNotFound
    case emptyOption(String)
    case jobCatalogue(String)
    case unusableFile(String, reason: String)
    /// libcurl refused an option made from the settings (`what` names them).
    case refusedByLibcurl(String, CurlError)

    public var description: String {
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
        case .unusableFile(let path, let reason):
            "The file \(path) cannot be used: \(reason)."
        case .jobCatalogue(let sentence):
            sentence
        case .refusedByLibcurl(let what, let error):
            "\(what) cannot be used: \(error.description.lowercasedFirst.sentenceEnd)"
        case .rootNotFound:
            "Cannot find Atelier's folder, the one holding Migrations/: run atelier inside it or set ATELIER_ROOT."
        }
    }
}

extension SettingsError {
    /// A YAML file that parsed but does not hold what was expected, said as a reason: which key,
    /// and what it should be.
    public static func unusable(_ path: String, _ error: any Error) -> SettingsError {
        .unusableFile(path, reason: reason(error))
    }

    private static func reason(_ error: any Error) -> String {
        func key(_ path: [any CodingKey]) -> String { path.map(\.stringValue).joined(separator: ".") }
        switch error as? DecodingError {
        case .typeMismatch(let type, let context)?:
            let expected = type == Int.self ? "a whole number" : type == String.self ? "a text" : "a \(type)"
            return "\(key(context.codingPath)) is not \(expected)"
        case .keyNotFound(let missing, let context)?:
            return "\(key(context.codingPath + [missing])) is missing"
        case .valueNotFound(_, let context)?:
            return "\(key(context.codingPath)) is empty"
        case .dataCorrupted(let context)?:
            return
                "it is not valid YAML (\(firstLine(context.underlyingError.map { String(describing: $0) } ?? context.debugDescription)))"
        default:
            return firstLine(String(describing: error))
        }
    }

    private static func firstLine(_ text: String) -> String {
        var line = Substring(text.prefix { $0 != "\n" })
        while line.last == "." { line = line.dropLast() }
        return String(line)
    }
}
