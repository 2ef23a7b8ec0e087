import Foundation

/// When a periodic job is due: five cron fields (minute, hour, day of month, month, day of week
/// with 0 or 7 for Sunday), each `*`, a number, a range `1-5`, a list `1,15` or a step `*/15`,
/// read on the wall clock of a time zone.
public struct CronSchedule: Sendable, Hashable, CustomStringConvertible {
    public let description: String
    let minutes: Set<Int>, hours: Set<Int>, days: Set<Int>, months: Set<Int>, weekdays: Set<Int>
    /// Cron's rule: when both day fields are restricted, either one matching is enough.
    let eitherDay: Bool

    public struct Malformed: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    public init(_ text: String) throws(Malformed) {
        let fields = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard fields.count == 5 else {
            throw Malformed(description: "“\(text)” has \(fields.count) fields where cron has 5")
        }
        description = text
        minutes = try Self.values(fields[0], 0...59, text)
        hours = try Self.values(fields[1], 0...23, text)
        days = try Self.values(fields[2], 1...31, text)
        months = try Self.values(fields[3], 1...12, text)
        weekdays = Set(try Self.values(fields[4], 0...7, text).map { $0 % 7 })
        eitherDay = fields[2] != "*" && fields[4] != "*"
    }

    private static func values(_ field: String, _ range: ClosedRange<Int>, _ text: String) throws(Malformed) -> Set<Int>
    {
        var values = Set<Int>()
        for part in field.split(separator: ",", omittingEmptySubsequences: false) {
            let pieces = part.split(separator: "/", omittingEmptySubsequences: false)
            guard (1...2).contains(pieces.count), let base = pieces.first else {
                throw Malformed(description: "“\(text)”: “\(part)” is not a cron value")
            }
            let step = pieces.count == 2 ? Int(pieces[1]) : 1
            let bounds = base.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
            let span: ClosedRange<Int>? =
                if base == "*" { range } else if bounds.count == 1, let low = bounds[0] {
                    low...(pieces.count == 2 ? range.upperBound : low)
                } else if bounds.count == 2, let low = bounds[0], let high = bounds[1], low <= high { low...high } else
                { nil }
            guard let span, let step, step > 0, range.contains(span.lowerBound), range.contains(span.upperBound) else {
                throw Malformed(
                    description: "“\(text)”: “\(part)” is not a value from \(range.lowerBound) to \(range.upperBound)")
            }
            values.formUnion(stride(from: span.lowerBound, through: span.upperBound, by: step))
        }
        return values
    }

    /// The latest time at or before `now` that the schedule names, as an instant and as the wall
    /// clock names it (`2027-03-28T02:30`), which keys the period: a time the clocks show twice
    /// is still one period, and a time they skip runs at the end of the gap. `nil` when none in
    /// the last year and a half.
    public func latest(atOrBefore now: Date, in timeZone: TimeZone) -> (instant: Date, period: String)? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let today = calendar.startOfDay(for: now)
        for offset in 0...550 {
            guard let day = calendar.date(byAdding: .day, value: -offset, to: today) else { return nil }
            let (year, month, dayOfMonth) = (
                calendar.component(.year, from: day), calendar.component(.month, from: day),
                calendar.component(.day, from: day)
            )
            let weekday = calendar.component(.weekday, from: day) - 1
            let dayMatches =
                eitherDay
                ? (days.contains(dayOfMonth) || weekdays.contains(weekday))
                : (days.contains(dayOfMonth) && weekdays.contains(weekday))
            guard months.contains(month), dayMatches else { continue }
            for hour in hours.sorted(by: >) {
                for minute in minutes.sorted(by: >) {
                    let wall = DateComponents(year: year, month: month, day: dayOfMonth, hour: hour, minute: minute)
                    guard let instant = calendar.date(from: wall), instant <= now else { continue }
                    return (instant, String(format: "%04d-%02d-%02dT%02d:%02d", year, month, dayOfMonth, hour, minute))
                }
            }
        }
        return nil
    }
}

/// A job inserted once per period of its schedule, by whichever worker gets there first.
public struct PeriodicJob: Sendable, Hashable {
    /// `periodic:prune:2026-11-01T03:17`: the job of one period, once.
    static func uniqueKey(name: String, period: String) -> String { "periodic:\(name):\(period)" }

    /// The period a periodic job was inserted for, from its unique key: the run's wall time in
    /// the schedule's zone, `2026-11-01T07:00` (year, month, day, hour, minute).
    public static func period(of job: Job) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int)? {
        guard let key = job.uniqueKey, key.hasPrefix("periodic:"), key.count >= 16 + 9 else { return nil }
        let period = key.suffix(16)
        let numbers = period.split(whereSeparator: { "-T:".contains($0) }).compactMap { Int($0) }
        guard numbers.count == 5 else { return nil }
        return (numbers[0], numbers[1], numbers[2], numbers[3], numbers[4])
    }

    public let name: String
    public let schedule: CronSchedule
    public let job: NewJob

    public init(name: String, schedule: CronSchedule, job: NewJob) {
        self.name = name
        self.schedule = schedule
        self.job = job
    }
}

extension JobQueue {
    /// Inserts the job of the schedule's latest period, unless some worker already did: the
    /// period is recorded in `periodic_run` in the same transaction, so it is claimed once, ever.
    /// Returns the id inserted, if this call inserted it.
    @discardableResult
    public func insertPeriodic(_ periodic: PeriodicJob, now: Date = Date(), timeZone: TimeZone) throws -> Int? {
        guard let (instant, period) = periodic.schedule.latest(atOrBefore: now, in: timeZone) else { return nil }
        return try connection.transaction { connection in
            let claimed = try connection.execute(
                """
                INSERT INTO periodic_run (name, period) VALUES (\(periodic.name), \(period)) ON CONFLICT DO NOTHING RETURNING name
                """)
            guard !claimed.isEmpty else { return nil }
            var job = periodic.job
            job.runAt = instant
            job.uniqueKey = PeriodicJob.uniqueKey(name: periodic.name, period: period)
            return try JobQueue(connection).enqueue([job]).first
        }
    }
}
