import Foundation

/// A `VTIMEZONE` (RFC 5545 §3.6.5) drawn from the system's zone database: one observance per
/// offset change from a year before the first date to a year after the last, each with the
/// local time it starts at and the offsets around it. Exact for the dates it covers, whatever
/// the zone's rules, with no rule of our own to keep up to date.
struct TimeZoneDefinition {
    let lines: [String]

    init(_ zone: TimeZone, covering dates: [Date]) {
        let first = (dates.min() ?? Date()).addingTimeInterval(-366 * 86_400)
        let last = (dates.max() ?? Date()).addingTimeInterval(366 * 86_400)
        var lines = ["BEGIN:VTIMEZONE", "TZID:\(zone.identifier)"]
        var transitions: [Date] = []
        var cursor = first
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next <= last, transitions.count < 100 {
            transitions.append(next)
            cursor = next
        }
        if transitions.isEmpty {
            // A zone without changes: one standard observance, from the first date on.
            let offset = Self.offset(zone.secondsFromGMT(for: first))
            lines += ["BEGIN:STANDARD", "DTSTART:\(ICSDate.local(first, in: zone))", "TZOFFSETFROM:\(offset)", "TZOFFSETTO:\(offset)", "END:STANDARD"]
        }
        for transition in transitions {
            let before = zone.secondsFromGMT(for: transition.addingTimeInterval(-1))
            let after = zone.secondsFromGMT(for: transition)
            let component = zone.isDaylightSavingTime(for: transition) ? "DAYLIGHT" : "STANDARD"
            // DTSTART is the local time of the change read with the offset in force before it.
            let localStart = transition.addingTimeInterval(Double(before))
            lines += ["BEGIN:\(component)",
                      "DTSTART:\(ICSDate.local(localStart, in: .gmt))",
                      "TZOFFSETFROM:\(Self.offset(before))",
                      "TZOFFSETTO:\(Self.offset(after))",
                      "END:\(component)"]
        }
        lines.append("END:VTIMEZONE")
        self.lines = lines
    }

    /// `+0200`, `-0330`.
    static func offset(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let minutes = abs(seconds) / 60
        return sign + String(format: "%02d%02d", minutes / 60, minutes % 60)
    }
}
