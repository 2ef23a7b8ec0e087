import Foundation
import Postgres
import Queue
import TestSupport
import Testing

@Suite struct CronScheduleTests {
    let paris = TimeZone(identifier: "Europe/Paris")!

    func instant(_ text: String) throws -> Date { try Date.ISO8601FormatStyle().parse(text) }

    @Test func readsTheFieldsCronHas() throws {
        let schedule = try CronSchedule("*/15 9-17 * * 1-5")
        // Wednesday, 12:07 Paris.
        let latest = try #require(schedule.latest(atOrBefore: try instant("2027-04-07T10:07:00Z"), in: paris))
        #expect(latest.period == "2027-04-07T12:00")
        // Saturday.
        let weekend = try #require(schedule.latest(atOrBefore: try instant("2027-04-10T10:00:00Z"), in: paris))
        #expect(weekend.period == "2027-04-09T17:45")
        for bad in ["* * * *", "60 * * * *", "*/0 * * * *", "5-1 * * * *", "a * * * *"] {
            #expect(throws: CronSchedule.Malformed.self, "\(bad)") { try CronSchedule(bad) }
        }
    }

    /// Daily at 02:30 in Paris: the night the clocks go forward it runs at the end of the gap,
    /// the night they go back it is one period, not two.
    @Test func correctAcrossChangesOfTheClocks() throws {
        let schedule = try CronSchedule("30 2 * * *")
        let spring = try #require(schedule.latest(atOrBefore: try instant("2027-03-28T06:00:00Z"), in: paris))
        #expect(spring.period == "2027-03-28T02:30")
        let afterTheGap = try instant("2027-03-28T01:30:00Z")  // 03:30 summer time
        #expect(spring.instant == afterTheGap)
        let autumnFirst = try #require(schedule.latest(atOrBefore: try instant("2027-10-31T00:45:00Z"), in: paris))
        let autumnLater = try #require(schedule.latest(atOrBefore: try instant("2027-10-31T01:45:00Z"), in: paris))
        #expect(autumnFirst.period == "2027-10-31T02:30" && autumnLater.period == autumnFirst.period)
    }

    /// Two workers reaching the same period: one job.
    @Test func aPeriodIsInsertedOnce() throws {
        let database = try TestDatabase.migrated()
        let periodic = PeriodicJob(
            name: "prune", schedule: try CronSchedule("17 3 * * *"), job: try NewJob(kind: "prune"))
        let now = try instant("2027-04-07T10:00:00Z")
        let first = try JobQueue(database.connect()).insertPeriodic(periodic, now: now, timeZone: paris)
        let second = try JobQueue(database.connect()).insertPeriodic(periodic, now: now, timeZone: paris)
        #expect(first != nil && second == nil)
        let id = try #require(first)
        let job = try #require(try JobQueue(database.connect()).job(id))
        let expected = try instant("2027-04-07T01:17:00Z")
        #expect(job.uniqueKey == "periodic:prune:2027-04-07T03:17" && job.runAt == expected)
        // Completed, the period still counts: not inserted again.
        let connection = try database.connect()
        try connection.execute("UPDATE job SET state = 'completed', finished_at = now()")
        #expect(try JobQueue(connection).insertPeriodic(periodic, now: now, timeZone: paris) == nil)
        #expect(
            try JobQueue(connection).insertPeriodic(periodic, now: now.addingTimeInterval(86_400), timeZone: paris)
                != nil)
    }
}
