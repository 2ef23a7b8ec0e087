import Foundation

/// Text values and lines as RFC 5545 wants them.
enum ICSText {
    /// Backslash, semicolon, comma and line breaks escaped (§3.3.11).
    static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\\": result += "\\\\"
            case ";": result += "\\;"
            case ",": result += "\\,"
            case "\n", "\r\n": result += "\\n"
            case "\r": break
            default: result.append(character)
            }
        }
        return result
    }

    /// A content line folded at 75 octets, never inside a UTF-8 sequence (§3.1).
    static func folded(_ line: String) -> String {
        var pieces: [String] = []
        var current = ""
        var octets = 0
        for scalar in line.unicodeScalars {
            let size = String(scalar).utf8.count
            // The first line holds 75 octets; the next ones 74 after their leading space.
            if octets + size > (pieces.isEmpty ? 75 : 74) {
                pieces.append(current)
                current = ""
                octets = 0
            }
            current.unicodeScalars.append(scalar)
            octets += size
        }
        pieces.append(current)
        return pieces.joined(separator: "\r\n ")
    }
}

/// Date-times as RFC 5545 writes them.
enum ICSDate {
    /// `20270405T070000Z`.
    static func utc(_ date: Date) -> String { format(date, in: .gmt) + "Z" }

    /// `20270405T090000`, the wall-clock time in `zone` (with `TZID=` beside it).
    static func local(_ date: Date, in zone: TimeZone) -> String { format(date, in: zone) }

    private static func format(_ date: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02dT%02d%02d%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }
}
