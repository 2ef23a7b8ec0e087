import Foundation

/// A half-day as a coordinator types it: `2027-04-05T09:00-12:30`, in the organisation's time
/// zone (Europe/Paris).
public struct SlotSpec: Sendable, Hashable, CustomStringConvertible {
    public let date: LocalDate
    public let start: (hour: Int, minute: Int)
    public let end: (hour: Int, minute: Int)
    public let text: String

    public init(parsing text: String) throws(TrainingError) {
        let halves = text.split(separator: "T", omittingEmptySubsequences: false)
        let times = halves.count == 2 ? halves[1].split(separator: "-", omittingEmptySubsequences: false) : []
        guard halves.count == 2, times.count == 2, let start = Self.time(times[0]), let end = Self.time(times[1]) else {
            throw .invalid("The slot “\(text)” is not a slot: write it as DATE T START - END, like 2027-04-05T09:00-12:30.")
        }
        date = try LocalDate(parsing: String(halves[0]))
        self.start = start
        self.end = end
        self.text = text
        guard end.hour * 60 + end.minute > start.hour * 60 + start.minute else {
            throw .invalid("The slot \(text) ends before it starts.")
        }
    }

    public var description: String { text }

    public static func == (a: SlotSpec, b: SlotSpec) -> Bool { a.text == b.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }

    /// The slot's start and end as instants; a time that does not exist (the night clocks go
    /// forward) is an error.
    public func interval(in timeZone: TimeZone) throws(TrainingError) -> (start: Date, end: Date) {
        guard let startsAt = date.at(hour: start.hour, minute: start.minute, in: timeZone),
              let endsAt = date.at(hour: end.hour, minute: end.minute, in: timeZone) else {
            throw .invalid("The slot \(text) falls in the hour that does not exist when clocks go forward.")
        }
        return (startsAt, endsAt)
    }

    /// `09:00` → (9, 0); `24:00` and `9:60` are not times.
    static func time(_ text: Substring) -> (hour: Int, minute: Int)? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              let hour = Int(parts[0]), let minute = Int(parts[1]), hour < 24, minute < 60 else { return nil }
        return (hour, minute)
    }
}

/// A slot's start as typed to name it: `2027-04-05T09:00`.
public struct SlotStart: Sendable, Hashable {
    public let date: LocalDate
    public let hour: Int, minute: Int

    public init(parsing text: String) throws(TrainingError) {
        let halves = text.split(separator: "T", omittingEmptySubsequences: false)
        guard halves.count == 2, let time = SlotSpec.time(halves[1]) else {
            throw .invalid("The slot “\(text)” is not a slot start: write it like 2027-04-05T09:00.")
        }
        date = try LocalDate(parsing: String(halves[0]))
        (hour, minute) = time
    }

    public func instant(in timeZone: TimeZone) -> Date? { date.at(hour: hour, minute: minute, in: timeZone) }
}
