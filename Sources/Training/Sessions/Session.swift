import Foundation

/// One run of a module for a group, in one or more parts of consecutive days, each made of
/// half-day slots.
public struct Session: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case draft, scheduled, completed, cancelled
    }

    public struct Part: Sendable, Hashable, Codable {
        public var position: Int
        public var title: String
        public var slots: [Slot]
    }

    public struct Slot: Sendable, Hashable, Codable {
        public var startsAt: Date
        public var endsAt: Date
        public var minutes: Int
        public var venue: String?
        public var trainers: [String]
    }

    public var code: String
    public var module: String
    /// The title of the module's programme the session keeps, which every document prints.
    public var moduleTitle: String
    /// The version of the module's programme in force when the session was scheduled.
    public var programmeVersion: Int
    public var status: Status
    public var capacity: Int
    public var minimum: Int
    public var parts: [Part]
    public var confirmed: Int
    public var waitlisted: Int

    public var slots: [Slot] { parts.flatMap(\.slots) }

    /// The sum of the slots: what a participant present throughout attends.
    public var plannedMinutes: Int { slots.reduce(0) { $0 + $1.minutes } }
    public var firstDay: Date? { slots.first?.startsAt }
    public var lastDay: Date? { slots.last?.endsAt }
}

extension Session.Slot {
    /// `matin` or `après-midi`, by when the slot starts.
    public func halfDay(in timeZone: TimeZone) -> String {
        French.calendar(timeZone).component(.hour, from: startsAt) < 13 ? "matin" : "après-midi"
    }
}
