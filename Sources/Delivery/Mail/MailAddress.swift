/// A mailbox: an address and, if any, the name people see.
public struct MailAddress: Sendable, Hashable {
    public let address: String
    public let displayName: String?

    public init(_ address: String, displayName: String? = nil) {
        self.address = address
        self.displayName = displayName.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// `Nom Prénom <address>`, the name as encoded words when it is not plain ASCII, and then
    /// the address on a folded line of its own.
    var header: String {
        guard let displayName else { return "<\(address)>" }
        let phrase = HeaderText.phrase(displayName)
        return phrase.hasPrefix("=?") ? "\(phrase)\r\n <\(address)>" : "\(phrase) <\(address)>"
    }
}
