import Foundation

/// A calendar date as a coordinator types it, `2027-04-05`, checked to exist.
public struct LocalDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int, month: Int, day: Int

    public init(year: Int, month: Int, day: Int) throws(TrainingError) {
        let text = String(format: "%04d-%02d-%02d", year, month, day)
        guard (1...12).contains(month), (1...LocalDate.days(inMonth: month, year: year)).contains(day) else {
            throw .invalid("The date \(text) does not exist.")
        }
        guard Self.years.contains(year) else {
            throw .invalid(
                "The date \(text) is outside the years Atelier records, \(Self.years.lowerBound) to \(Self.years.upperBound)."
            )
        }
        (self.year, self.month, self.day) = (year, month, day)
    }

    /// The years a date may fall in: what the schema's checks accept too.
    public static let years = 2000...2100

    /// The first and last day of `year`, a calendar year a yearly report covers; one outside
    /// `years` is refused.
    public static func wholeYear(_ year: Int) throws(TrainingError) -> (first: LocalDate, last: LocalDate) {
        guard years.contains(year) else {
            throw .invalid(
                "The year \(year) is outside the years Atelier records, \(years.lowerBound) to \(years.upperBound).")
        }
        return (try LocalDate(year: year, month: 1, day: 1), try LocalDate(year: year, month: 12, day: 31))
    }

    public init(parsing text: String) throws(TrainingError) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) })
        else {
            throw .invalid("The date “\(text)” is not a date: write it as YYYY-MM-DD, like 2027-04-05.")
        }
        try self.init(year: year, month: month, day: day)
    }

    /// The date of an instant in a time zone.
    public init(_ date: Date, in timeZone: TimeZone) {
        let parts = French.calendar(timeZone).dateComponents([.year, .month, .day], from: date)
        (year, month, day) = (parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    public var description: String { String(format: "%04d-%02d-%02d", year, month, day) }

    public static func < (a: LocalDate, b: LocalDate) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    /// What a wall-clock time on this date is in a time zone.
    public enum WallTime: Equatable {
        case instant(Date)
        /// The clocks went forward over it: it never shows.
        case skipped
        /// The clocks went back over it: it shows twice, first at `earlier`.
        case repeated(earlier: Date)

        /// The instant, when there is exactly one.
        public var date: Date? { if case .instant(let date) = self { date } else { nil } }
    }

    /// The instant this date shows `hour:minute` in the time zone, found from the zone's offsets
    /// around it: each offset that maps the wall time back onto itself is one instant.
    public func at(hour: Int, minute: Int, in timeZone: TimeZone) -> WallTime {
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC") ?? .gmt
        guard let wall = utc.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))
        else {
            return .skipped
        }
        let offsets = Set([-86_400.0, 0, 86_400].map { timeZone.secondsFromGMT(for: wall + $0) })
        let instants = offsets.map { wall - Double($0) }.filter {
            timeZone.secondsFromGMT(for: $0) == Int(wall.timeIntervalSince($0))
        }.sorted()
        guard let first = instants.first else { return .skipped }
        return instants.count == 1 ? .instant(first) : .repeated(earlier: first)
    }

    /// The day's first instant in the time zone: midnight, or the end of a gap that swallows it.
    public func start(in timeZone: TimeZone) -> Date {
        for minutes in stride(from: 0, to: 24 * 60, by: 15) {
            switch at(hour: minutes / 60, minute: minutes % 60, in: timeZone) {
            case .instant(let date), .repeated(let date): return date
            case .skipped: continue
            }
        }
        return next.start(in: timeZone)  // a day the zone skipped whole (Samoa, 30 December 2011)
    }

    /// The next day.
    public var next: LocalDate {
        let days = LocalDate.days(inMonth: month, year: year)
        if day < days { return LocalDate(unchecked: year, month, day + 1) }
        return month < 12 ? LocalDate(unchecked: year, month + 1, 1) : LocalDate(unchecked: year + 1, 1, 1)
    }

    /// The day before.
    public var previous: LocalDate {
        if day > 1 { return LocalDate(unchecked: year, month, day - 1) }
        return month > 1
            ? LocalDate(unchecked: year, month - 1, LocalDate.days(inMonth: month - 1, year: year))
            : LocalDate(unchecked: year - 1, 12, 31)
    }

    /// The day `days` days later (earlier when negative): a due date 30 days after an issue.
    public func adding(days: Int) -> LocalDate {
        var date = self
        for _ in 0..<abs(days) { date = days > 0 ? date.next : date.previous }
        return date
    }

    private init(unchecked year: Int, _ month: Int, _ day: Int) {
        (self.year, self.month, self.day) = (year, month, day)
    }

    static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        try self.init(parsing: text)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
