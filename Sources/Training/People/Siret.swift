/// A SIRET: 14 digits whose Luhn sum is a multiple of 10, except La Poste's establishments
/// (SIREN 356000000), whose digits add up to a multiple of 5. `is_valid_siret` in SQL says the same.
public enum Siret {
    public static func validated(_ text: String) throws(TrainingError) -> String {
        let digits = text.filter { !French.spaces.contains($0) }
        guard digits.count == 14, digits.allSatisfy(\.isASCIIDigit) else {
            throw .invalid("The SIRET “\(text)” is not valid: it is 14 digits.")
        }
        let values = digits.map { $0.wholeNumberValue ?? 0 }
        let valid =
            digits.hasPrefix("356000000")
            ? values.reduce(0, +) % 5 == 0
            : values.enumerated().reduce(0) { sum, item in
                let doubled = item.offset % 2 == 0 ? item.element * 2 : item.element
                return sum + doubled / 10 + doubled % 10
            } % 10 == 0
        guard valid else { throw .invalid("The SIRET “\(text)” is not valid: its check digit is wrong.") }
        return digits
    }
}
