import Documents
import Foundation
import Postgres
import Queue
import TestSupport
import Testing
import Training

@testable import App

/// The days a funding report covers, from the period its periodic job was inserted for: the same
/// whenever the job runs or is retried.
@Suite struct ReportPeriodTests {
    let connection: Connection
    let paris = TimeZone(identifier: "Europe/Paris")!

    init() throws {
        connection = try TestDatabase.migrated().connect()
    }

    /// Inserts the report job of `cron`'s latest run at `now`, and returns the days it covers.
    func period(_ cron: String, now: String) throws -> (String, String)? {
        let schedule = try CronSchedule(cron)
        let name = "funding-report-\(UUID().uuidString.prefix(8).lowercased())"
        let instant = try #require(ISO8601DateFormatter().date(from: now))
        let id = try #require(
            try JobQueue(connection).insertPeriodic(
                PeriodicJob(name: name, schedule: schedule, job: try NewJob(kind: "funding-report")), now: instant,
                timeZone: paris))
        let job = try #require(try JobQueue(connection).job(id))
        let settings = ReportSettings(
            funders: ["OPCO-CS"], schedule: schedule, format: .xlsx, recipient: nil, uploadURL: "", caFile: "")
        return settings.period(of: job, in: paris).map { ($0.from.description, $0.to.description) }
    }

    @Test func monthlyOnTheFirstCoversTheMonthBefore() throws {
        #expect(try period("0 7 1 * *", now: "2026-12-15T10:00:00Z")! == ("2026-11-01", "2026-11-30"))
        #expect(
            try period("0 7 1 * *", now: "2027-01-01T06:30:00Z")! == ("2026-12-01", "2026-12-31"),
            "07:00 in Paris is 06:00 UTC")
        #expect(try period("0 7 1 * *", now: "2027-03-01T06:30:00Z")! == ("2027-02-01", "2027-02-28"))
    }

    @Test func weeklyOnMondayCoversTheWeekBefore() throws {
        #expect(try period("0 6 * * 1", now: "2026-11-25T12:00:00Z")! == ("2026-11-16", "2026-11-22"))
    }

    /// A job retried days later, or inserted just after its next run began, keeps its own period.
    @Test func aRetryKeepsItsPeriod() throws {
        let schedule = try CronSchedule("0 7 1 * *")
        let insertion = try #require(ISO8601DateFormatter().date(from: "2026-11-30T22:59:59Z"))
        let id = try #require(
            try JobQueue(connection).insertPeriodic(
                PeriodicJob(name: "funding-report-late", schedule: schedule, job: try NewJob(kind: "funding-report")),
                now: insertion, timeZone: paris))
        try connection.execute(
            "UPDATE job SET run_at = now() + interval '3 days', created_at = '2026-12-01T06:00:01Z' WHERE id = \(id)")
        let job = try #require(try JobQueue(connection).job(id))
        let settings = ReportSettings(
            funders: [], schedule: schedule, format: .csv, recipient: nil, uploadURL: "", caFile: "")
        let covered = try #require(settings.period(of: job, in: paris))
        #expect((covered.from.description, covered.to.description) == ("2026-10-01", "2026-10-31"))
    }
}
