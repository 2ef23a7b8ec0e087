/// An amount in euro cents: money is never a float.
public struct Money: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var cents: Int

    public init(cents: Int) { self.cents = cents }

    public static let zero = Money(cents: 0)
    /// The largest amount Atelier accepts as input: a million euros.
    public static let maximum = Money(cents: 100_000_000)

    public static func < (a: Money, b: Money) -> Bool { a.cents < b.cents }
    public static func + (a: Money, b: Money) -> Money { Money(cents: a.cents + b.cents) }

    /// `3 600,00 €`, with the narrow no-break space between thousands and a no-break space
    /// before the sign, as French typography has them.
    public var description: String { French.money(self) }

    /// Reads an amount as a coordinator types it: `300`, `300,5`, `3 600,00`, `3600.00 €`.
    /// At most two decimals, no sign, no exponent, at most a million euros.
    public static func parse(_ text: String, field: String = "amount") throws(TrainingError) -> Money {
        var digits = text.filter { !French.spaces.contains($0) }
        if digits.hasSuffix("€") { digits.removeLast() }
        let parts =
            digits.split(separator: ",", omittingEmptySubsequences: false).count == 2
            ? digits.split(separator: ",", omittingEmptySubsequences: false)
            : digits.split(separator: ".", omittingEmptySubsequences: false)
        let euros = parts.first ?? ""
        let decimals = parts.count == 2 ? parts[1] : ""
        guard parts.count <= 2, !euros.isEmpty, decimals.count <= 2,
            euros.allSatisfy(\.isASCIIDigit), decimals.allSatisfy(\.isASCIIDigit),
            parts.count == 1 || !decimals.isEmpty
        else {
            throw .invalid(
                "The \(field) “\(Printable.escaped(text))” is not an amount in euros: write it like 300 or 3 600,50.")
        }
        guard euros.drop(while: { $0 == "0" }).count <= 7, let whole = Int(euros) else {
            throw .invalid("The \(field) “\(Printable.escaped(text))” is over \(maximum), the most Atelier accepts.")
        }
        let cents = whole * 100 + (Int(decimals.padding(toLength: 2, withPad: "0", startingAt: 0)) ?? 0)
        guard cents <= maximum.cents else {
            throw .invalid("The \(field) “\(Printable.escaped(text))” is over \(maximum), the most Atelier accepts.")
        }
        return Money(cents: cents)
    }

    public init(from decoder: any Decoder) throws { cents = try decoder.singleValueContainer().decode(Int.self) }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(cents)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
