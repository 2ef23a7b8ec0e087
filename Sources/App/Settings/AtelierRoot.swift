import Foundation

/// The folder Atelier runs from: it holds `Migrations/`, `Config/`, `Jobs/`, `Questionnaires/`, `Pages/` and, for the embedded default,
/// `.atelier/`. `ATELIER_ROOT` names it; otherwise it is the first folder holding `Migrations/`
/// above the current directory, or above the executable (`.build/debug/atelier` in a checkout).
public struct AtelierRoot: Sendable {
    public let url: URL

    public var migrations: URL { url.appendingPathComponent("Migrations") }
    public var defaultConfigFile: URL { url.appendingPathComponent("Config/atelier.yaml") }
    public var jobs: URL { url.appendingPathComponent("Jobs") }
    /// One file per questionnaire, beside the jobs that send them.
    public var questionnaires: URL { url.appendingPathComponent("Questionnaires") }
    /// The templates and the style sheet of the pages that `atelier serve` answers.
    public var pages: URL { url.appendingPathComponent("Pages") }
    public var webSecretFile: URL { url.appendingPathComponent(".atelier/web-secret") }
    public var periodicSchedule: URL { jobs.appendingPathComponent("schedule.yaml") }
    public var privateClusterURLFile: URL { url.appendingPathComponent(".atelier/postgres/url") }

    public static func locate(environment: [String: String], currentDirectory: String, executable: String)
        throws(SettingsError) -> AtelierRoot
    {
        if let root = environment["ATELIER_ROOT"], !root.isEmpty {
            return AtelierRoot(url: URL(fileURLWithPath: root, isDirectory: true))
        }
        let starts = [
            URL(fileURLWithPath: currentDirectory, isDirectory: true),
            URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent(),
        ]
        for start in starts {
            var folder = start.standardizedFileURL
            while true {
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(
                    atPath: folder.appendingPathComponent("Migrations").path, isDirectory: &isDirectory),
                    isDirectory.boolValue
                {
                    return AtelierRoot(url: folder)
                }
                let parent = folder.deletingLastPathComponent()
                if parent.path == folder.path { break }
                folder = parent
            }
        }
        throw .rootNotFound
    }
}
