import Foundation
import Queue
import Training
import Yams

/// `Jobs/schedule.yaml`: the periodic jobs, each a kind with its cron schedule, queued as the
/// kind's `job.yaml` says.
enum PeriodicSchedule {
    struct Entry: Decodable {
        let cron: String
    }

    static func load(_ file: URL, catalogue: JobCatalogue) throws(SettingsError) -> [PeriodicJob] {
        guard let data = FileManager.default.contents(atPath: file.path) else { return [] }
        let entries: [String: Entry]
        do {
            entries = try YAMLDecoder().decode([String: Entry].self, from: data)
        } catch {
            throw .unusable(file.path, error)
        }
        var jobs: [PeriodicJob] = []
        for (name, entry) in entries.sorted(by: { $0.key < $1.key }) {
            guard let kind = JobKind(rawValue: name), catalogue.kinds.contains(kind) else {
                throw .malformedFile(file.path, reason: "\(name) is not a kind of job this build runs")
            }
            do {
                jobs.append(
                    PeriodicJob(
                        name: name, schedule: try CronSchedule(entry.cron), job: try catalogue.job(kind, key: nil)))
            } catch {
                throw .malformedFile(file.path, reason: "the schedule of \(name), \(error)")
            }
        }
        return jobs
    }
}
