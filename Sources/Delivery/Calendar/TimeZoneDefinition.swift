import Foundation
import Synchronization

/// A `VTIMEZONE` (RFC 5545 §3.6.5) drawn from the system's zone database: one observance per
/// offset change from the year before the first date to the year after the last, each with the
/// local time it starts at and the offsets around it. Exact for the dates it covers, whatever
/// the zone's rules, with no rule of our own to keep up to date. Computed once per zone and years.
enum TimeZoneDefinition {
    private static let cache = Mutex<[String: [String]]>([:])

    static func lines(_ zone: TimeZone, covering dates: [Date]) -> [String] {
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = .gmt
        let years = dates.map { gregorian.component(.year, from: $0) }
        let first = (years.min() ?? 2000) - 1
        let last = (years.max() ?? 2000) + 1
        let key = "\(zone.identifier) \(first) \(last)"
        if let lines = cache.withLock({ $0[key] }) { return lines }
        let start = gregorian.date(from: DateComponents(year: first, month: 1, day: 1)) ?? Date.distantPast
        let end = gregorian.date(from: DateComponents(year: last + 1, month: 1, day: 1)) ?? Date.distantFuture
        let lines = compute(zone, from: start, to: end)
        cache.withLock { $0[key] = lines }
        return lines
    }

    private static func compute(_ zone: TimeZone, from start: Date, to end: Date) -> [String] {
        var lines = ["BEGIN:VTIMEZONE", "TZID:\(zone.identifier)"]
        var transitions: [Date] = []
        var cursor = start
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next < end, transitions.count < 100 {
            transitions.append(next)
            cursor = next
        }
        if transitions.isEmpty {
            // A zone without changes: one standard observance, from the start on.
            let offset = Self.offset(zone.secondsFromGMT(for: start))
            lines += [
                "BEGIN:STANDARD", "DTSTART:\(ICSDate(zone).local(start))", "TZOFFSETFROM:\(offset)",
                "TZOFFSETTO:\(offset)", "END:STANDARD",
            ]
        }
        let wallClock = ICSDate(.gmt)
        for transition in transitions {
            let before = zone.secondsFromGMT(for: transition.addingTimeInterval(-1))
            let after = zone.secondsFromGMT(for: transition)
            let component = zone.isDaylightSavingTime(for: transition) ? "DAYLIGHT" : "STANDARD"
            // DTSTART is the local time of the change read with the offset in force before it.
            let localStart = transition.addingTimeInterval(Double(before))
            lines += [
                "BEGIN:\(component)",
                "DTSTART:\(wallClock.local(localStart))",
                "TZOFFSETFROM:\(Self.offset(before))",
                "TZOFFSETTO:\(Self.offset(after))",
                "END:\(component)",
            ]
        }
        lines.append("END:VTIMEZONE")
        return lines
    }

    /// `+0200`, `-0330`.
    static func offset(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let minutes = abs(seconds) / 60
        return sign + ICSDate.digits(minutes / 60, 2) + ICSDate.digits(minutes % 60, 2)
    }
}
