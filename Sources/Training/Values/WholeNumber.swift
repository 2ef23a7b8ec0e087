/// Reads a whole number as a coordinator types it (`12`, `-1`), within the range the rule and
/// the column allow: never an overflow, and a sentence that says what is wrong.
public enum WholeNumber {
    public static func parse(_ text: String, _ name: String, in range: ClosedRange<Int>) throws(TrainingError) -> Int {
        let digits = text.trimmingCharacters(in: .whitespaces)
        let negative = digits.hasPrefix("-")
        let magnitude = negative ? digits.dropFirst() : Substring(digits)
        guard !magnitude.isEmpty, magnitude.allSatisfy(\.isASCIIDigit) else {
            throw .invalid("The \(name) “\(Printable.escaped(text))” is not a whole number.")
        }
        guard let value = Int(digits) else {
            throw .invalid(
                negative
                    ? "The \(name) \(digits) is too small: the least is \(range.lowerBound)."
                    : "The \(name) \(digits) is too large: the most is \(range.upperBound).")
        }
        return try Field.number(value, name, in: range)
    }
}
