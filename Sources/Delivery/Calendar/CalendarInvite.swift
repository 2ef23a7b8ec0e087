import Foundation

/// An iCalendar object (RFC 5545) with one `VEVENT` per part of an appointment, in the time zone
/// the events were planned in, with that zone's `VTIMEZONE`: what a mail client turns into
/// entries of the participant's calendar, and updates or removes when the same UIDs come again
/// with a higher `SEQUENCE`.
public struct CalendarInvite: Sendable, Hashable {
    public enum Method: String, Sendable {
        /// An invitation, or its update (same UIDs, higher sequence).
        case request = "REQUEST"
        /// The events are off.
        case cancel = "CANCEL"
    }

    public struct Event: Sendable, Hashable {
        /// Stable across updates: `registration-42-part-1@atelier.example`.
        public let uid: String
        public let start: Date
        public let end: Date
        public let summary: String
        public let location: String?
        public let description: String?

        public init(
            uid: String, start: Date, end: Date, summary: String, location: String? = nil, description: String? = nil
        ) {
            self.uid = uid
            self.start = start
            self.end = end
            self.summary = summary
            self.location = location
            self.description = description
        }
    }

    public var method: Method
    public var sequence: Int
    public var timeZone: TimeZone
    public var organizer: MailAddress
    public var attendee: MailAddress
    public var events: [Event]
    /// When this version was made (`DTSTAMP`).
    public var stamp: Date

    public init(
        method: Method, sequence: Int, timeZone: TimeZone, organizer: MailAddress, attendee: MailAddress,
        events: [Event], stamp: Date = Date()
    ) {
        self.method = method
        self.sequence = sequence
        self.timeZone = timeZone
        self.organizer = organizer
        self.attendee = attendee
        self.events = events
        self.stamp = stamp
    }

    /// The `.ics` bytes: CRLF lines folded at 75 octets.
    public func rendered() -> [UInt8] {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Atelier//Atelier//FR", "CALSCALE:GREGORIAN",
            "METHOD:\(method.rawValue)",
        ]
        lines += TimeZoneDefinition.lines(timeZone, covering: events.map(\.start) + events.map(\.end))
        let local = ICSDate(timeZone)
        for event in events {
            lines += [
                "BEGIN:VEVENT",
                "UID:\(ICSText.escaped(event.uid))",
                "SEQUENCE:\(sequence)",
                "DTSTAMP:\(ICSDate.utc(stamp))",
                "DTSTART;TZID=\(timeZone.identifier):\(local.local(event.start))",
                "DTEND;TZID=\(timeZone.identifier):\(local.local(event.end))",
                "SUMMARY:\(ICSText.escaped(event.summary))",
            ]
            if let location = event.location { lines.append("LOCATION:\(ICSText.escaped(location))") }
            if let description = event.description { lines.append("DESCRIPTION:\(ICSText.escaped(description))") }
            lines += [
                "ORGANIZER\(commonName(organizer)):mailto:\(organizer.ascii)",
                "ATTENDEE\(commonName(attendee));ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:\(attendee.ascii)",
                "STATUS:\(method == .cancel ? "CANCELLED" : "CONFIRMED")",
                "TRANSP:OPAQUE",
                "END:VEVENT",
            ]
        }
        lines.append("END:VCALENDAR")
        var bytes: [UInt8] = []
        bytes.reserveCapacity(lines.reduce(0) { $0 + $1.utf8.count + 4 })
        for line in lines {
            bytes += ICSText.folded(line).utf8
            bytes += [13, 10]
        }
        return bytes
    }

    private func commonName(_ address: MailAddress) -> String {
        address.displayName.map { ";CN=\"\(String($0.map { $0 == "\"" ? "'" : $0 }))\"" } ?? ""
    }
}
