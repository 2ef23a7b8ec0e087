import Foundation

/// An email address, trimmed, checked as the database checks it (`is_valid_email`), and compared
/// without regard to case, as the unique index on `lower(email)` compares it.
public struct EmailAddress: Sendable, Hashable, Codable, CustomStringConvertible {
    public let text: String

    public init(_ text: String) throws(TrainingError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        guard trimmed.count <= 254, parts.count == 2, !parts[0].isEmpty,
              parts[1].split(separator: ".", omittingEmptySubsequences: false).count >= 2,
              !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              !trimmed.contains(where: \.isWhitespace) else {
            throw .invalid("The email “\(text)” is not an email address.")
        }
        self.text = trimmed
    }

    public var description: String { text }

    public static func == (a: EmailAddress, b: EmailAddress) -> Bool { a.text.lowercased() == b.text.lowercased() }
    public func hash(into hasher: inout Hasher) { hasher.combine(text.lowercased()) }

    public init(from decoder: any Decoder) throws { try self.init(decoder.singleValueContainer().decode(String.self)) }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
