import Foundation

/// A mailbox: an address and, if any, the name people see.
public struct MailAddress: Sendable, Hashable {
    public let address: String
    public let displayName: String?

    public init(_ address: String, displayName: String? = nil) {
        self.address = address
        self.displayName = displayName.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// `Atelier <formation@asso.fr>` or `formation@asso.fr`, as a setting gives it; `nil` without
    /// exactly one `@` in the address part.
    public init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var name: String?
        var address = trimmed
        if trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") {
            address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            name = trimmed[..<open].trimmingCharacters(in: .whitespaces).trimmingCharacters(
                in: CharacterSet(charactersIn: "\""))
        }
        guard address.split(separator: "@", omittingEmptySubsequences: false).count == 2,
            !address.contains(where: \.isWhitespace),
            !address.hasPrefix("@"), !address.hasSuffix("@")
        else { return nil }
        self.init(address, displayName: name)
    }

    /// The part after `@`: what Message-IDs end with.
    public var domain: String { String(address.split(separator: "@").last ?? "") }

    /// `Nom Prénom <address>`, the name as encoded words when it is not plain ASCII, and then
    /// the address on a folded line of its own.
    var header: String {
        guard let displayName else { return "<\(address)>" }
        let phrase = HeaderText.phrase(displayName)
        return phrase.hasPrefix("=?") ? "\(phrase)\r\n <\(address)>" : "\(phrase) <\(address)>"
    }
}
