/// Reads a duration as a coordinator types it: `21h`, `21 h`, `10,5 h`, `17h30`, `17 h 30`,
/// `45min`. Time is counted in whole minutes.
public enum Minutes {
    /// Longer than any training: a thousand hours. Keeps every sum of durations far from overflow.
    public static let maximum = 60_000

    public static func parse(_ text: String, field: String = "duration") throws(TrainingError) -> Int {
        let compact = text.filter { !French.spaces.contains($0) }.lowercased()
        let failure = TrainingError.invalid(
            "The \(field) “\(Printable.escaped(text))” is not a duration: write it like 21h, 10,5h or 17h30.")
        let tooLarge = TrainingError.invalid(
            "The \(field) “\(Printable.escaped(text))” is too large: the most is \(maximum / 60) h.")
        /// Digits only, read without overflow: more than a maximum's worth is too large.
        func number(_ digits: Substring) throws(TrainingError) -> Int {
            guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit) else { throw failure }
            guard digits.count <= 7, let value = Int(digits) else { throw tooLarge }
            return value
        }
        var minutes: Int
        if compact.hasSuffix("min") {
            minutes = try number(compact.dropLast(3))
        } else {
            let parts = compact.split(separator: "h", omittingEmptySubsequences: false)
            guard parts.count == 2 else { throw failure }
            let hourParts = parts[0].split(
                separator: parts[0].contains(",") ? "," : ".", omittingEmptySubsequences: false)
            guard hourParts.count <= 2 else { throw failure }
            minutes = try number(hourParts[0]) * 60
            if hourParts.count == 2 {
                guard parts[1].isEmpty, hourParts[1].count <= 2 else { throw failure }
                let hundredths = try number(hourParts[1]) * (hourParts[1].count == 1 ? 10 : 1)
                guard hundredths * 60 % 100 == 0 else { throw failure }
                minutes += hundredths * 60 / 100
            } else if !parts[1].isEmpty {
                guard parts[1].count == 2 else { throw failure }
                let extra = try number(parts[1])
                guard extra < 60 else { throw failure }
                minutes += extra
            }
        }
        guard minutes > 0 else { throw failure }
        guard minutes <= maximum else { throw tooLarge }
        return minutes
    }
}
