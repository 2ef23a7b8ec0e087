/// Reads a duration as a coordinator types it: `21h`, `21 h`, `10,5 h`, `17h30`, `17 h 30`,
/// `45min`. Time is counted in whole minutes.
public enum Minutes {
    public static func parse(_ text: String, field: String = "duration") throws(TrainingError) -> Int {
        let compact = text.filter { !French.spaces.contains($0) }.lowercased()
        let failure = TrainingError.invalid("The \(field) “\(text)” is not a duration: write it like 21h, 10,5h or 17h30.")
        if compact.hasSuffix("min"), let minutes = Int(compact.dropLast(3)), minutes > 0 { return minutes }
        let parts = compact.split(separator: "h", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty else { throw failure }
        let hours = parts[0].replacingOccurrences(of: ",", with: ".")
        let hourParts = hours.split(separator: ".", omittingEmptySubsequences: false)
        guard hourParts.count <= 2, hourParts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }),
              parts[1].allSatisfy(\.isASCIIDigit), let whole = Int(hourParts[0]) else { throw failure }
        var minutes = whole * 60
        if hourParts.count == 2 {
            guard parts[1].isEmpty, hourParts[1].count <= 2 else { throw failure }
            let hundredths = Int(hourParts[1].padding(toLength: 2, withPad: "0", startingAt: 0))!
            guard hundredths * 60 % 100 == 0 else { throw failure }
            minutes += hundredths * 60 / 100
        } else if !parts[1].isEmpty {
            guard parts[1].count == 2, let extra = Int(parts[1]), extra < 60 else { throw failure }
            minutes += extra
        }
        guard minutes > 0 else { throw failure }
        return minutes
    }
}
