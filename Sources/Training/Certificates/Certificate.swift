import Foundation

/// A certificat de réalisation as issued: one version of one participant's proof of what they
/// followed, with the PDF that states it — or the version that withdrew it, after a correction
/// of the attendance left them no minute attended (no PDF, 0 minutes).
public struct Certificate: Sendable, Hashable {
    public let registrationId: Int
    public let session: String
    public let participant: String
    public let email: String
    public let version: Int
    public let attendedMinutes: Int
    public let withdrawn: Bool
    public let issuedAt: Date
    /// The PDF's SHA-256 in hex, as stored; `nil` for a draft that was not stored.
    public let sha256: String?
    /// Empty where only the certificate's record was asked for (a list).
    public let pdf: [UInt8]

    /// `certificat-S-2026-001-aubert-alice.pdf`, `…-v2.pdf` for a later version: ASCII, so that
    /// any mail client and file system keeps it.
    public var fileName: String { fileName(distinguished: false) }

    /// The name with the registration's id after the person's: for two certificates whose
    /// names fold to the same letters (two Marie Martin, two names in another script).
    func fileName(distinguished: Bool) -> String {
        let words = Self.words(of: participant) + (distinguished ? [String(registrationId)] : [])
        let name = words.isEmpty ? "\(registrationId)" : words.joined(separator: "-")
        return "certificat-\(session)-\(name)\(version > 1 ? "-v\(version)" : "").pdf"
    }

    /// A person's name as the ASCII words of a file name: « Œdipe Müller » → `oedipe`, `muller`.
    static func words(of name: String) -> [String] {
        let ligatures: [Character: String] = ["œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss"]
        let unligated = name.map { ligatures[$0] ?? String($0) }.joined()
        let slug = unligated.folding(
            options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "fr_FR")
        )
        .lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" }
        return String(slug).split(separator: "-").map(String.init)
    }

    /// The certificates' file names, one each, in order: a name two of them would share gets
    /// each one's registration id, so that writing them in one folder loses none.
    public static func fileNames(_ certificates: [Certificate]) -> [String] {
        let plain = certificates.map(\.fileName)
        let shared = Dictionary(plain.map { ($0, 1) }, uniquingKeysWith: +).filter { $0.value > 1 }
        return zip(certificates, plain).map { certificate, name in
            shared[name] == nil ? name : certificate.fileName(distinguished: true)
        }
    }
}
