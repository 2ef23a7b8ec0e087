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
    /// exactly one `@` in the address part, or with a line break or another control character
    /// anywhere (it would end the header it is written in).
    public init?(parsing text: String) {
        guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return nil }
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

    /// The part before the last `@`.
    var localPart: Substring { address[..<(address.lastIndex(of: "@") ?? address.endIndex)] }

    /// Whether the part before `@` is ASCII: a relay needs SMTPUTF8 for one that is not.
    var localPartIsASCII: Bool { localPart.unicodeScalars.allSatisfy(\.isASCII) }

    /// The address as the envelope and the headers carry it: an internationalised domain as its
    /// A-labels (`anne@xn--caf-dma.fr`), which every relay takes.
    public var ascii: String {
        guard !domain.unicodeScalars.allSatisfy(\.isASCII), let domain = Punycode.asciiDomain(domain) else {
            return address
        }
        return "\(localPart)@\(domain)"
    }

    /// `Nom Prénom <address>`, the name as encoded words when it is not plain ASCII, and then
    /// the address on a folded line of its own.
    var header: String {
        guard let displayName else { return "<\(ascii)>" }
        let phrase = HeaderText.phrase(displayName)
        return phrase.hasPrefix("=?") ? "\(phrase)\r\n <\(ascii)>" : "\(phrase) <\(ascii)>"
    }
}
