import Foundation

/// What a coordinator asks for when scheduling: the module, the slots, who gives them and where.
public struct SessionPlan: Sendable {
    public var module: String
    public var slots: [SlotSpec]
    public var venue: String?
    public var trainers: [String] = []
    public var capacity: Int?
    public var minimum: Int?
    /// Titles of the parts, in order (a part is a run of consecutive days).
    public var partTitles: [String] = []
    /// Allows slots in the past: the coordinator records a session already given.
    public var recordsPast = false
    /// Prepares the session without announcing it; `publish` schedules it.
    public var isDraft = false

    public init(module: String, slots: [SlotSpec]) {
        self.module = module
        self.slots = slots
    }
}

/// Slots resolved to instants and grouped into parts.
struct PlannedParts {
    struct Slot {
        let spec: SlotSpec
        let start: Date
        let end: Date
    }

    let parts: [[Slot]]

    /// Sorts the slots, refuses overlaps and (unless allowed) the past, and starts a new part
    /// after any day without a slot.
    init(_ specs: [SlotSpec], timeZone: TimeZone, now: Date, allowPast: Bool) throws(TrainingError) {
        guard !specs.isEmpty else {
            throw .invalid("A session needs at least one slot: add --slot 2027-04-05T09:00-12:30.")
        }
        var slots: [Slot] = []
        for spec in specs {
            let (start, end) = try spec.interval(in: timeZone)
            slots.append(Slot(spec: spec, start: start, end: end))
        }
        slots.sort { $0.start < $1.start }
        for (earlier, later) in zip(slots, slots.dropFirst()) where later.start < earlier.end {
            throw .invalid("The slots \(earlier.spec) and \(later.spec) overlap.")
        }
        if !allowPast, let past = slots.first(where: { $0.start < now }) {
            throw .invalid("The slot \(past.spec) is in the past: add --past to record a session already given.")
        }
        let calendar = French.calendar(timeZone)
        var parts: [[Slot]] = []
        for slot in slots {
            if let previous = parts.last?.last,
                calendar.dateComponents(
                    [.day], from: calendar.startOfDay(for: previous.start),
                    to: calendar.startOfDay(for: slot.start)
                ).day ?? 0 <= 1
            {
                parts[parts.count - 1].append(slot)
            } else {
                parts.append([slot])
            }
        }
        self.parts = parts
    }
}
