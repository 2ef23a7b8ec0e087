/// Pieces of one sentence made of others: an error's message inside a refusal.
extension String {
    /// The text ending with exactly one full stop.
    public var sentenceEnd: String { hasSuffix(".") ? self : self + "." }

    /// The text without its final full stop, to go on inside a sentence.
    public var droppingFinalStop: String { hasSuffix(".") ? String(dropLast()) : self }

    /// "Connection refused" → "connection refused", leaving acronyms ("SSL error") alone.
    public var lowercasedFirst: String {
        guard let first, first.isUppercase, dropFirst().first?.isLowercase == true else { return self }
        return first.lowercased() + dropFirst()
    }
}
