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
            throw .invalid(
                "The slot “\(text)” is not a slot: write it as DATE T START - END, like 2027-04-05T09:00-12:30.")
        }
        date = try LocalDate(parsing: String(halves[0]))
        self.start = start
        self.end = end
        self.text = text
        guard end != start else {
            throw .invalid("The slot \(text) lasts no time: it starts and ends at the same minute.")
        }
        guard end.hour * 60 + end.minute > start.hour * 60 + start.minute else {
            throw .invalid(
                "The slot \(text) ends before it starts: a slot lies within one day, so one that crosses midnight is two slots."
            )
        }
    }

    public var description: String { text }

    public static func == (a: SlotSpec, b: SlotSpec) -> Bool { a.text == b.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }

    /// The slot's start and end as instants. A time the clocks skip (the night they go forward)
    /// or show twice (the night they go back) is refused: the slot's length would be a guess.
    public func interval(in timeZone: TimeZone) throws(TrainingError) -> (start: Date, end: Date) {
        func instant(_ time: (hour: Int, minute: Int)) throws(TrainingError) -> Date {
            let shown = String(format: "%02d:%02d", time.hour, time.minute)
            switch date.at(hour: time.hour, minute: time.minute, in: timeZone) {
            case .instant(let date): return date
            case .skipped:
                throw .invalid(
                    "The slot \(text) uses \(shown), a time that does not exist on \(date) in \(timeZone.identifier): the clocks go forward over it."
                )
            case .repeated:
                throw .invalid(
                    "The slot \(text) uses \(shown), a time that happens twice on \(date) in \(timeZone.identifier): the clocks go back over it."
                )
            }
        }
        let startsAt = try instant(start)
        let endsAt = try instant(end)
        return (startsAt, endsAt)
    }

    /// `09:00` → (9, 0); `24:00` and `9:60` are not times.
    static func time(_ text: Substring) -> (hour: Int, minute: Int)? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
            let hour = Int(parts[0]), let minute = Int(parts[1]), hour < 24, minute < 60
        else { return nil }
        return (hour, minute)
    }
}

/// A slot's start as typed to name it: `2027-04-05T09:00`.
public struct SlotStart: Sendable, Hashable, CustomStringConvertible {
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

    public var description: String { date.description + "T" + String(format: "%02d:%02d", hour, minute) }

    /// The instant it names; a repeated time names its first showing.
    public func instant(in timeZone: TimeZone) -> Date? {
        switch date.at(hour: hour, minute: minute, in: timeZone) {
        case .instant(let date), .repeated(let date): date
        case .skipped: nil
        }
    }
}
