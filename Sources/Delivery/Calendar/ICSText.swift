import Foundation

/// Text values and lines as RFC 5545 wants them.
enum ICSText {
    /// Backslash, semicolon, comma and line breaks escaped (§3.3.11).
    static func escaped(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 92 || $0 == 59 || $0 == 44 || $0 == 10 || $0 == 13 }) else {
            return text
        }
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
        let bytes = Array(line.utf8)
        guard bytes.count > 75 else { return line }
        var folded: [UInt8] = []
        folded.reserveCapacity(bytes.count + bytes.count / 37)
        var start = 0
        // The first line holds 75 octets; the next ones 74 after their leading space.
        var room = 75
        while bytes.count - start > room {
            var end = start + room
            while end > start, bytes[end] & 0xC0 == 0x80 { end -= 1 }
            folded += bytes[start..<end]
            folded += [13, 10, 32]
            start = end
            room = 74
        }
        folded += bytes[start...]
        return String(decoding: folded, as: UTF8.self)
    }
}

/// Date-times as RFC 5545 writes them, in one zone's wall-clock time.
struct ICSDate {
    private let calendar: Calendar

    init(_ zone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        self.calendar = calendar
    }

    /// `20270405T070000Z`.
    static func utc(_ date: Date) -> String { ICSDate(.gmt).local(date) + "Z" }

    /// `20270405T090000`, the wall-clock time (with `TZID=` beside it).
    func local(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return Self.digits(c.year, 4) + Self.digits(c.month, 2) + Self.digits(c.day, 2) + "T"
            + Self.digits(c.hour, 2) + Self.digits(c.minute, 2) + Self.digits(c.second, 2)
    }

    /// `value` in decimal, zero-padded to `width` digits.
    static func digits(_ value: Int?, _ width: Int) -> String {
        let text = String(value ?? 0)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
