import Foundation

/// An email address in its one canonical form: trimmed, lowercased, Unicode NFC. Two spellings
/// of one address (capitals, `é` composed or not) are one address, stored one way; every lookup
/// compares the canonical text, and the database refuses any other form
/// (`is_canonical_email`, migration 0006).
///
/// Refused: what no mail system delivers to — spaces, invisible and control characters, the
/// specials `< > ( ) [ ] \ , ; : "`, a local part that starts or ends with a dot or holds two in a
/// row, an empty domain label (`a@b..fr`), a domain without a dot.
public struct EmailAddress: Sendable, Hashable, Codable, CustomStringConvertible {
    public let text: String

    public static let maximumLength = 254

    public init(_ text: String) throws(TrainingError) {
        let canonical = text.trimmingWhiteSpace.lowercased().nfc
        if let problem = Self.problem(canonical) {
            throw .invalid("The email “\(Printable.escaped(text))” is not an email address: \(problem).")
        }
        self.text = canonical
    }

    /// An address read back from the database, whose constraint (`is_canonical_email`) already
    /// holds it canonical: not checked again on every row of a long export.
    init(stored text: String) {
        self.text = text
    }

    /// What is wrong with a lowercased, NFC address, or `nil` when nothing is.
    static func problem(_ address: String) -> String? {
        if let bad = address.unicodeScalars.first(where: isForbidden) {
            return bad == " " ? "it holds a space" : "it holds the character \(Field.name(of: bad))"
        }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return parts.count == 1 ? "it has no @" : "it has more than one @" }
        let (local, domain) = (parts[0], parts[1])
        if local.isEmpty { return "nothing comes before the @" }
        if local.hasPrefix(".") || local.hasSuffix(".") || local.contains("..") {
            return "a dot starts or ends the part before the @, or two dots follow each other"
        }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        if labels.count < 2 || labels.contains(where: \.isEmpty) {
            return "the part after the @ is not a domain like asso.fr"
        }
        if address.unicodeScalars.count > maximumLength { return "it is longer than \(maximumLength) characters" }
        return nil
    }

    /// Spaces of any kind, control and format (invisible) characters, and RFC 5322's specials.
    private static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            switch scalar {
            case "\u{0}"..." ", "\u{7F}", "<", ">", "(", ")", "[", "]", "\\", ",", ";", ":", "\"": return true
            default: return false
            }
        }
        if scalar.properties.isWhitespace { return true }
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .unassigned, .privateUse, .surrogate: return true
        default: return false
        }
    }

    public var description: String { text }

    public init(from decoder: any Decoder) throws { try self.init(decoder.singleValueContainer().decode(String.self)) }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
