import Foundation

/// A calendar date as a coordinator types it, `2027-04-05`, checked to exist.
public struct LocalDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int, month: Int, day: Int

    public init(year: Int, month: Int, day: Int) throws(TrainingError) {
        let text = String(format: "%04d-%02d-%02d", year, month, day)
        guard (1...12).contains(month), (1...LocalDate.days(inMonth: month, year: year)).contains(day),
              (2000...2100).contains(year) else {
            throw .invalid("The date \(text) does not exist.")
        }
        (self.year, self.month, self.day) = (year, month, day)
    }

    public init(parsing text: String) throws(TrainingError) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }) else {
            throw .invalid("The date “\(text)” is not a date: write it as YYYY-MM-DD, like 2027-04-05.")
        }
        try self.init(year: year, month: month, day: day)
    }

    /// The date of an instant in a time zone.
    public init(_ date: Date, in timeZone: TimeZone) {
        let parts = French.calendar(timeZone).dateComponents([.year, .month, .day], from: date)
        (year, month, day) = (parts.year!, parts.month!, parts.day!)
    }

    public var description: String { String(format: "%04d-%02d-%02d", year, month, day) }

    public static func < (a: LocalDate, b: LocalDate) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    /// The instant this date shows `hour:minute` in the time zone; `nil` in a DST gap.
    public func at(hour: Int, minute: Int, in timeZone: TimeZone) -> Date? {
        let calendar = French.calendar(timeZone)
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute)
        guard let date = calendar.date(from: components) else { return nil }
        let back = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return back.hour == hour && back.minute == minute && back.day == day ? date : nil
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
