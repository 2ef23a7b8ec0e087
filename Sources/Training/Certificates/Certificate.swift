import Foundation

/// A certificat de réalisation as issued: one version of one participant's proof of what they
/// followed, with the PDF that states it.
public struct Certificate: Sendable, Hashable {
    public let registrationId: Int
    public let session: String
    public let participant: String
    public let email: String
    public let version: Int
    public let attendedMinutes: Int
    public let issuedAt: Date
    /// The PDF's SHA-256 in hex, as stored; `nil` for a draft that was not stored.
    public let sha256: String?
    /// Empty where only the certificate's record was asked for (a list).
    public let pdf: [UInt8]

    /// `certificat-S-2026-001-aubert-alice.pdf`, `…-v2.pdf` for a later version: ASCII, so that
    /// any mail client and file system keeps it.
    public var fileName: String {
        let ligatures: [Character: String] = ["œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss"]
        let unligated = participant.map { ligatures[$0] ?? String($0) }.joined()
        let slug = unligated.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "fr_FR"))
            .lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" }
        let name = String(slug).split(separator: "-").joined(separator: "-")
        return "certificat-\(session)-\(name)\(version > 1 ? "-v\(version)" : "").pdf"
    }
}
