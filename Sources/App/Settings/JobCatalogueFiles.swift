import Foundation
import Training
import Yams

/// `Jobs/<kind>/job.yaml`: each kind's queue, priority and max-attempts, beside its templates.
enum JobCatalogueFiles {
    /// The catalogue of `folder`, which must name exactly `kinds`, the kinds this build runs.
    static func load(_ folder: URL, kinds: [JobKind]) throws(SettingsError) -> JobCatalogue {
        let files = FileManager.default
        let folders = ((try? files.contentsOfDirectory(atPath: folder.path)) ?? []).filter { name in
            var isDirectory: ObjCBool = false
            return files.fileExists(atPath: folder.appendingPathComponent(name).path, isDirectory: &isDirectory)
                && isDirectory.boolValue
        }
        var policies: [String: JobCatalogue.Policy] = [:]
        for kind in folders {
            let file = folder.appendingPathComponent("\(kind)/job.yaml")
            guard let data = files.contents(atPath: file.path) else { continue }
            do {
                policies[kind] = try YAMLDecoder().decode(JobCatalogue.Policy.self, from: data)
            } catch {
                throw .unusable(file.path, error)
            }
        }
        do {
            return try JobCatalogue(policies, kinds: kinds)
        } catch {
            throw .jobCatalogue(sentence(for: error, in: folder, kinds: kinds))
        }
    }

    private static func sentence(for error: JobCatalogueError, in folder: URL, kinds: [JobKind]) -> String {
        switch error {
        case .missingKind(let kind):
            "\(folder.appendingPathComponent("\(kind)/job.yaml").path) is missing: every kind of job needs its queue, priority and max-attempts."
        case .unknownKind(let kind):
            "\(folder.appendingPathComponent(kind).path)/ holds a job.yaml for a kind this build does not know; the kinds are \(kinds.map(\.rawValue).joined(separator: ", "))."
        case .invalid(let kind, let problem):
            "In \(folder.appendingPathComponent("\(kind)/job.yaml").path), \(problem)."
        }
    }
}
