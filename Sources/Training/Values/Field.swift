import Foundation

/// Checks of the free-text and code fields every noun has, with the sentences that go with them.
///
/// Text from outside is made canonical here, once: Unicode NFC (so that `é` typed as one code
/// point or as `e` and a combining accent is stored one way), trimmed, and checked for the
/// characters that have no place in it. Lengths count Unicode code points, as PostgreSQL's
/// `length()` does, so that a limit means the same on both sides. One-line fields hold no emoji
/// (`Unicode.Scalar.isEmojiMark`). The database checks the same with `is_printed_line`,
/// `is_clean_text` and `IS NFC NORMALIZED` (migrations 0006 and 0016).
public enum Field {
    /// Names, codes, titles: one line. Notes and programmes: paragraphs, with line breaks and tabs.
    public enum Lines: Sendable { case one, many }

    /// Canonical, non-empty, at most `limit` code points.
    public static func required(_ text: String, _ name: String, limit: Int, lines: Lines = .one) throws(TrainingError)
        -> String
    {
        let canonical = try optional(text, name, limit: limit, lines: lines)
        guard !canonical.isEmpty else { throw .invalid("The \(name) is empty.") }
        return canonical
    }

    /// Canonical, at most `limit` code points; may be empty.
    static func optional(_ text: String, _ name: String, limit: Int, lines: Lines = .one) throws(TrainingError)
        -> String
    {
        var canonical = text.nfc.trimmingWhiteSpace
        if lines == .many { canonical = canonical.replacing("\r\n", with: "\n").replacing("\r", with: "\n") }
        if let bad = canonical.unicodeScalars.first(where: { !isAllowed($0, lines) }) {
            let rule =
                lines == .one ? "it is one line of text" : "only letters, signs, line breaks and tabs belong in it"
            throw .invalid("The \(name) holds the character \(Self.name(of: bad)): \(rule).")
        }
        if lines == .one, let emoji = Self.firstEmoji(in: canonical) {
            throw .invalid(
                "The \(name) holds the emoji \(Self.name(of: emoji)): names and titles are printed on certificates and sheets, without emoji."
            )
        }
        let length = canonical.unicodeScalars.count
        guard length <= limit else {
            throw .invalid("The \(name) is \(length) characters long; the most is \(limit).")
        }
        return canonical
    }

    /// A short code people type: 2 to 30 capital letters, digits and dashes; typed in any case.
    static func code(_ text: String, of noun: String) throws(TrainingError) -> String {
        let code = text.typedCode
        guard (2...30).contains(code.unicodeScalars.count), let first = code.first,
            first.isASCIIDigit || first.isASCIIUppercase,
            code.allSatisfy({ $0.isASCIIDigit || $0.isASCIIUppercase || $0 == "-" })
        else {
            throw .invalid(
                "The \(noun) code “\(Printable.escaped(text))” is not valid: use 2 to 30 letters, digits and dashes, like PMAE-EMPLOI."
            )
        }
        return code
    }

    /// A whole number in a range, named in the error.
    static func number(_ value: Int, _ name: String, in range: ClosedRange<Int>) throws(TrainingError) -> Int {
        guard range.contains(value) else {
            throw .invalid(
                "The \(name) \(value) is out of range: it goes from \(range.lowerBound) to \(range.upperBound).")
        }
        return value
    }

    /// Control characters (C0, DEL, C1) and the Unicode line and paragraph separators never
    /// belong in a field; paragraphs keep their line feeds and tabs.
    private static func isAllowed(_ scalar: Unicode.Scalar, _ lines: Lines) -> Bool {
        if (0x20..<0x7F).contains(scalar.value) { return true }  // printable ASCII, most of what is typed
        if lines == .many, scalar == "\n" || scalar == "\t" { return true }
        switch scalar.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator: return false
        default: return true
        }
    }

    /// The first emoji of a one-line text: the character a mark (U+FE0F…) turns into one, rather
    /// than the invisible mark.
    private static func firstEmoji(in text: String) -> Unicode.Scalar? {
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            if scalar.isEmojiMark {
                return scalar.properties.isEmojiPresentation ? scalar : previous ?? scalar
            }
            previous = scalar
        }
        return nil
    }

    /// A character as an error names it: `“<”` when it can be seen, else its code point and,
    /// where Unicode has one, its name: `U+200B (ZERO WIDTH SPACE)`.
    static func name(of scalar: Unicode.Scalar) -> String {
        if (0x21...0x7E).contains(scalar.value) { return "“\(scalar)”" }
        let code = "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
        guard let name = scalar.properties.nameAlias ?? scalar.properties.name ?? controlNames[scalar.value] else {
            return code
        }
        return "\(code) (\(name))"
    }

    /// Unicode gives control characters no name; these are the ones a file or a paste brings.
    private static let controlNames: [UInt32: String] = [
        0x00: "NULL", 0x07: "ALERT", 0x08: "BACKSPACE", 0x09: "TAB", 0x0A: "LINE FEED", 0x0B: "LINE TABULATION",
        0x0C: "FORM FEED", 0x0D: "CARRIAGE RETURN", 0x1B: "ESCAPE", 0x7F: "DELETE", 0x85: "NEXT LINE",
    ]
}

extension Character {
    var isASCIIUppercase: Bool { isASCII && isUppercase }
}

extension String {
    /// Unicode NFC. Text below U+0300 (ASCII, Latin-1, the Latin extensions: most French text) is NFC already:
    /// every one of those characters is, and nothing composes with them but the combining marks
    /// that start at U+0300. `CanonicalTextTests` checks each of them.
    var nfc: String { unicodeScalars.allSatisfy { $0.value < 0x300 } ? self : precomposedStringWithCanonicalMapping }

    /// Without the white space at either end: the characters of Foundation's
    /// `whitespacesAndNewlines` (Unicode's White_Space, and U+200B ZERO WIDTH SPACE), without
    /// bridging to `NSString` on every field of a long file.
    var trimmingWhiteSpace: String {
        func isSpace(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isWhitespace || scalar.value == 0x200B }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
            let last = scalars.lastIndex(where: { !isSpace($0) })
        else { return "" }
        if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex { return self }
        return String(scalars[first...last])
    }

    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}

extension String {
    /// A code as a coordinator typed it to find a record (`' pmae '`), in the form it is stored:
    /// trimmed and in capitals, as `Field.code` stores it.
    var typedCode: String { trimmingCharacters(in: .whitespaces).uppercased() }
}
