import Foundation
import Queue
import Yams

/// `Jobs/schedule.yaml`: the periodic jobs, each a kind with its cron schedule.
enum PeriodicSchedule {
    struct Entry: Decodable {
        let cron: String
    }

    static func load(_ file: URL) throws(SettingsError) -> [PeriodicJob] {
        guard let data = FileManager.default.contents(atPath: file.path) else { return [] }
        let entries: [String: Entry]
        do {
            entries = try YAMLDecoder().decode([String: Entry].self, from: data)
        } catch {
            throw .unusable(file.path, error)
        }
        var jobs: [PeriodicJob] = []
        for (name, entry) in entries.sorted(by: { $0.key < $1.key }) {
            do {
                jobs.append(
                    PeriodicJob(name: name, schedule: try CronSchedule(entry.cron), job: try NewJob(kind: name)))
            } catch {
                throw .malformedFile(file.path, reason: "the schedule of \(name), \(error)")
            }
        }
        return jobs
    }
}
