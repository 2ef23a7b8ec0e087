import CCurl
import Foundation

/// Sends messages through one relay over one libcurl handle: consecutive messages reuse the
/// SMTP session. One per lane; not `Sendable`.
public final class SMTPSender {
    public let configuration: SMTPConfiguration
    private let curl = CurlEasy()

    public init(_ configuration: SMTPConfiguration) {
        self.configuration = configuration
    }

    /// How many connections the last `send` opened: 0 when it reused the previous one.
    public var connectionsOpened: Int { curl.connectionsOpened }

    /// Sends `message` to its `To` address, the envelope sender being its `From`.
    public func send(_ message: MailMessage) -> SendOutcome {
        do {
            try configure(for: message)
        } catch {
            return .refused(reason: "the SMTP settings were refused by libcurl: \(error.message)")
        }
        let (code, exchange) = curl.perform(
            upload: message.rendered(), list: (CURLOPT_MAIL_RCPT, ["<\(message.to.address)>"]))
        return Self.outcome(code, replyCode: curl.responseCode, lines: exchange.replyLines)
    }

    private func configure(for message: MailMessage) throws(CurlEasy.Failure) {
        try curl.set(CURLOPT_URL, configuration.url)
        try curl.set(CURLOPT_UPLOAD, 1)
        try curl.set(CURLOPT_MAIL_FROM, "<\(message.from.address)>")
        try curl.set(
            CURLOPT_USE_SSL, Int(configuration.tls == .required ? CURLUSESSL_ALL.rawValue : CURLUSESSL_TRY.rawValue))
        try curl.set(CURLOPT_USERNAME, configuration.username)
        try curl.set(CURLOPT_PASSWORD, configuration.password)
        if let caFile = configuration.caFile { try curl.set(CURLOPT_CAINFO, caFile) }
        try curl.set(CURLOPT_CONNECTTIMEOUT_MS, Int(configuration.connectTimeout.components.seconds * 1000))
        try curl.set(CURLOPT_TIMEOUT_MS, Int(configuration.timeout.components.seconds * 1000))
        try curl.set(CURLOPT_NOSIGNAL, 1)
    }

    /// SMTP 2xx after the data: accepted. 5xx: refused for good, but for the relay's refusal of
    /// our login. 4xx, no reply, a broken or timed-out connection, a TLS failure: deferred.
    static func outcome(_ code: CURLcode, replyCode: Int, lines: [String]) -> SendOutcome {
        // The reply that decided, not the `221 Bye` of the QUIT libcurl sends after a failure.
        let reply = lines.last(where: { $0.hasPrefix(String(replyCode)) }) ?? lines.last(where: { !$0.isEmpty }) ?? ""
        if code == CURLE_OK { return .accepted(reply: reply.isEmpty ? "\(replyCode)" : reply) }
        let reason = reply.isEmpty ? CurlEasy.describe(code) : "\(reply) (\(CurlEasy.describe(code)))"
        switch replyCode {
        // A login the relay requires or refuses (530, 534, 535, 538) is ours to fix, not the recipient's fault.
        case 530, 534, 535, 538: return .deferred(reason: reason)
        case 500..<600 where code != CURLE_LOGIN_DENIED: return .refused(reason: reason)
        default: return .deferred(reason: reason)
        }
    }
}
