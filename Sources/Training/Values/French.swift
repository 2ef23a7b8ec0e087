import Foundation

/// How Atelier writes numbers, money, durations and dates for French readers.
public enum French {
    /// U+00A0, before a unit or a sign (`10,5 h`, `300,00 €`).
    public static let noBreakSpace: Character = "\u{00A0}"
    /// U+202F, between groups of thousands (`3 600`).
    public static let narrowNoBreakSpace: Character = "\u{202F}"
    /// Every space a typed or pasted number may contain.
    static let spaces: Set<Character> = [" ", noBreakSpace, narrowNoBreakSpace]

    /// `3 600,00 €`.
    public static func money(_ amount: Money) -> String {
        let sign = amount.cents < 0 ? "-" : ""
        let cents = abs(amount.cents)
        let decimals = String(cents % 100)
        return "\(sign)\(grouped(cents / 100)),\(decimals.count == 1 ? "0" + decimals : decimals)\(noBreakSpace)€"
    }

    /// `412` hundredths → `4,12`.
    public static func hundredths(_ value: Int) -> String {
        let decimals = String(abs(value) % 100)
        return "\(value < 0 ? "-" : "")\(grouped(abs(value) / 100)),\(decimals.count == 1 ? "0" + decimals : decimals)"
    }

    /// `1 234 567`.
    public static func grouped(_ number: Int) -> String {
        var digits = String(number)
        var groups: [Substring] = []
        while digits.count > 3 {
            groups.insert(digits.suffix(3), at: 0)
            digits.removeLast(3)
        }
        groups.insert(Substring(digits), at: 0)
        return groups.joined(separator: String(narrowNoBreakSpace))
    }

    /// Hours with a decimal comma: `10,5 h`, `21 h`, `1,25 h`.
    public static func hours(minutes: Int) -> String {
        let whole = minutes / 60
        let rest = minutes % 60
        guard rest != 0 else { return "\(whole)\(noBreakSpace)h" }
        var fraction = String(format: "%.2f", Double(rest) / 60).dropFirst(2)
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(whole),\(fraction)\(noBreakSpace)h"
    }

    /// Hours and minutes: `17 h 30`, `21 h`, `0 h 45`.
    public static func duration(minutes: Int) -> String {
        let whole = minutes / 60
        let rest = minutes % 60
        return rest == 0
            ? "\(whole)\(noBreakSpace)h" : "\(whole)\(noBreakSpace)h\(noBreakSpace)\(rest < 10 ? "0" : "")\(rest)"
    }

    static let weekdays = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"]
    static let months = [
        "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
        "septembre", "octobre", "novembre", "décembre",
    ]

    /// `lundi 5 avril 2027`; the first of the month is `1er`.
    public static func date(_ date: Date, in timeZone: TimeZone) -> String {
        let calendar = calendar(timeZone)
        let (weekday, day, month) = (
            calendar.component(.weekday, from: date), calendar.component(.day, from: date),
            calendar.component(.month, from: date)
        )
        return
            "\(weekdays[(weekday + 6) % 7]) \(day == 1 ? "1er" : String(day)) \(months[(month + 11) % 12]) \(calendar.component(.year, from: date))"
    }

    /// `2 mars 2026`, `1er avril 2027`: a date in a sentence that already says the weekday or
    /// needs none (a certificate, a document's date of issue).
    public static func day(_ date: LocalDate) -> String {
        "\(date.day == 1 ? "1er" : String(date.day)) \(months[(date.month + 11) % 12]) \(date.year)"
    }

    /// `5, 6 et 19 mars 2026`, `30 avril et 2 mai 2026`: days in order, each month and year said
    /// once after its days.
    public static func days(_ days: [LocalDate]) -> String {
        var groups: [(month: Int, year: Int, days: [String])] = []
        for day in days.sorted() {
            let text = day.day == 1 ? "1er" : String(day.day)
            if groups.last?.month == day.month, groups.last?.year == day.year {
                groups[groups.count - 1].days.append(text)
            } else {
                groups.append((day.month, day.year, [text]))
            }
        }
        let said = groups.enumerated().map { index, group in
            let sameYearNext = index + 1 < groups.count && groups[index + 1].year == group.year
            return list(group.days) + " \(months[(group.month + 11) % 12])" + (sameYearNext ? "" : " \(group.year)")
        }
        return list(said)
    }

    /// `9 h`, `12 h 30`: the time of day as French writes it.
    public static func time(_ date: Date, in timeZone: TimeZone) -> String {
        let calendar = calendar(timeZone)
        let (hour, minute) = (calendar.component(.hour, from: date), calendar.component(.minute, from: date))
        return minute == 0 ? "\(hour)\(noBreakSpace)h" : duration(minutes: hour * 60 + minute)
    }

    /// Typed text with French spacing: the ordinary space a coordinator types before `:` becomes
    /// a non-breaking one, before `;`, `!`, `?`, `»` and after `«` a narrow non-breaking one,
    /// so that no line of an email starts with a lone `:`.
    public static func typography(_ text: String) -> String {
        // On Unicode scalars, in one pass: Foundation's replacing is slow on long documents.
        var result = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            let next = index + 1 < scalars.count ? scalars[index + 1] : nil
            let previous = index > 0 ? scalars[index - 1] : nil
            if scalar == " " && next == ":" {
                result.append("\u{00A0}")
            } else if scalar == " " && (next.map { ";!?»".unicodeScalars.contains($0) } == true || previous == "«") {
                result.append("\u{202F}")
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// When something took place, from its first instant to its last, in `zone`: `le 2 mars 2026`,
    /// `du 2 mars 2026 au 16 mars 2026`.
    public static func period(_ first: Date, _ last: Date, in zone: TimeZone) -> String {
        let (from, to) = (LocalDate(first, in: zone), LocalDate(last, in: zone))
        return from == to ? "le \(day(from))" : "du \(day(from)) au \(day(to))"
    }

    /// `A`, `A et B`, `A, B et C`.
    public static func list(_ items: [String]) -> String {
        guard let last = items.last else { return "" }
        return items.count == 1 ? last : items.dropLast().joined(separator: ", ") + " et " + last
    }

    public static func calendar(_ timeZone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }
}
