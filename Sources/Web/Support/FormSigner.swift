import App
import Crypto
import Foundation
import Logging
import Training

/// The CSRF token of a link's form: an HMAC-SHA256 of the link's path under the server's key, so
/// that only a page this server rendered for that link can post to it, and any server sharing
/// the key can check it. The key is `web.secret`, or one made at the first start and kept in
/// `.atelier/web-secret` (readable by its owner only), or, where that file cannot be written (a
/// read-only container), one that lives as long as the process — said in the log.
struct FormSigner: Sendable {
    /// The key's bytes (`SymmetricKey` is not `Sendable`; one is made for each signature).
    let secret: [UInt8]

    init(secret: String) { self.secret = Array(secret.utf8) }

    /// The key of the settings, or of the file, made when missing.
    static func load(_ context: AppContext, logger: Logger) -> FormSigner {
        let configured = context.settings[.webSecret].text
        if !configured.isEmpty { return FormSigner(secret: configured) }
        let file = context.root.webSecretFile
        if let data = FileManager.default.contents(atPath: file.path), data.count >= 32 {
            return FormSigner(secret: String(decoding: data, as: UTF8.self))
        }
        let secret = RandomHex.make(bits: 256)
        let folder = try? FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        if folder == nil
            || !FileManager.default.createFile(
                atPath: file.path, contents: Data(secret.utf8), attributes: [.posixPermissions: 0o600])
        {
            logger.warning(
                "web.secret is empty and \(file.path) cannot be written: the forms' key lasts as long as this server; set web.secret to share one across servers and restarts"
            )
        }
        return FormSigner(secret: secret)
    }

    func token(for path: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Data(path.utf8), using: SymmetricKey(data: secret))
        return String(decoding: code.flatMap { [Self.digits[Int($0 >> 4)], Self.digits[Int($0 & 15)]] }, as: UTF8.self)
    }

    /// Hexadecimal digits, by value: every page draws a token, and `String(format:)` was a tenth
    /// of a page's time.
    private static let digits = Array("0123456789abcdef".utf8)

    /// Whether `token` is the one of `path`, compared in constant time.
    func accepts(_ token: String, for path: String) -> Bool {
        let expected = Array(self.token(for: path).utf8)
        let given = Array(token.utf8)
        guard given.count == expected.count else { return false }
        return zip(given, expected).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
