/// Secrets and tokens: `bits` random bits from the system's secure generator, in lowercase hex.
public enum RandomHex {
    public static func make(bits: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<(bits + 63) / 64).map { _ in
            let word = String(generator.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - word.count) + word
        }.joined()
    }
}
