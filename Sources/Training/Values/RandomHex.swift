/// Secrets and tokens: `bits` random bits from the system's secure generator, in lowercase hex.
public enum RandomHex {
    public static func make(bits: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<(bits + 63) / 64).map { _ in
            let word = String(generator.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - word.count) + word
        }.joined()
    }

    /// Whether `text` has the shape of a token `make(bits:)` gives: lowercase hexadecimal of the
    /// right length. A link's token is checked so before any query: a probe costs none.
    public static func hasShape(_ text: String, bits: Int) -> Bool {
        text.utf8.count == (bits + 63) / 64 * 16
            && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}
