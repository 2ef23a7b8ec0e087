import CCurl
import Foundation

/// Sends messages through one relay over one libcurl handle: consecutive messages reuse the
/// SMTP session. One per lane; not `Sendable`.
public final class SMTPSender {
    public let configuration: SMTPConfiguration
    private let curl: CurlEasy

    /// Configures the handle for the relay once; an option libcurl refuses is thrown, naming it.
    public init(_ configuration: SMTPConfiguration) throws(CurlError) {
        self.configuration = configuration
        curl = try CurlEasy()
        try curl.set(CURLOPT_URL, configuration.url)
        try curl.set(CURLOPT_UPLOAD, 1)
        let tls = configuration.tls == .required ? CURLUSESSL_ALL : CURLUSESSL_TRY
        try curl.set(CURLOPT_USE_SSL, Int(tls.rawValue))
        try curl.set(CURLOPT_USERNAME, configuration.username)
        try curl.set(CURLOPT_PASSWORD, configuration.password)
        // Set only when given: setting it to NULL would turn the system's bundle off.
        if let caFile = configuration.caFile { try curl.set(CURLOPT_CAINFO, caFile) }
        try curl.set(CURLOPT_CONNECTTIMEOUT_MS, Int(configuration.connectTimeout.components.seconds * 1000))
        try curl.set(CURLOPT_TIMEOUT_MS, Int(configuration.timeout.components.seconds * 1000))
        // The wait for each reply, and the only bound on the `QUIT` that `curl_easy_cleanup`
        // sends when the sender goes (CURLOPT_TIMEOUT does not apply there): without it, a relay
        // that stopped answering would hold the process for libcurl's own 120 s.
        try curl.set(CURLOPT_SERVER_RESPONSE_TIMEOUT, max(1, Int(configuration.timeout.components.seconds)))
        try curl.set(CURLOPT_NOSIGNAL, 1)
    }

    /// How many connections the last `send` opened: 0 when it reused the previous one.
    public var connectionsOpened: Int { curl.connectionsOpened }

    /// Sends `message` to its `To` address, the envelope sender being its `From`. An option
    /// libcurl refuses for this message defers it with that sentence: the message is not at fault.
    public func send(_ message: MailMessage) -> SendOutcome {
        let transfer: CurlEasy.Transfer
        do {
            try curl.set(CURLOPT_MAIL_FROM, "<\(message.from.ascii)>")
            transfer = try curl.perform(
                upload: message.rendered(), list: (CURLOPT_MAIL_RCPT, ["<\(message.to.ascii)>"]))
        } catch {
            return .deferred(reason: error.description)
        }
        let outcome = Self.outcome(
            transfer.code, message: transfer.message, replyCode: curl.responseCode, lines: transfer.exchange.replyLines)
        // A relay without SMTPUTF8 cannot take such an address, which one that offers it would:
        // the address is not at fault, so this is not a refusal for good.
        if case .refused(let reason) = outcome, !message.to.localPartIsASCII || !message.from.localPartIsASCII {
            return .deferred(
                reason:
                    "the address has letters outside ASCII before its @, which this relay does not take (it needs SMTPUTF8): \(reason)"
            )
        }
        return outcome
    }

    /// SMTP 2xx after the data: accepted. 5xx: refused for good, but for the relay's refusal of
    /// our login. 4xx, no reply, a broken or timed-out connection, a TLS failure: deferred.
    /// `message` is libcurl's account of a failure.
    static func outcome(_ code: CURLcode, message: String, replyCode: Int, lines: [String]) -> SendOutcome {
        // The reply that decided, not the `221 Bye` of the QUIT libcurl sends after a failure, nor
        // the `354` that invited the data when the relay then fell silent.
        let reply =
            (300..<400).contains(replyCode)
            ? "" : lines.last(where: { $0.hasPrefix(String(replyCode)) }) ?? lines.last(where: { !$0.isEmpty }) ?? ""
        if code == CURLE_OK { return .accepted(reply: reply.isEmpty ? "\(replyCode)" : reply) }
        let reason = reply.isEmpty ? message : "\(reply) (\(message))"
        switch replyCode {
        // A login the relay requires or refuses (530, 534, 535, 538) is ours to fix, not the recipient's fault.
        case 530, 534, 535, 538: return .deferred(reason: reason)
        case 500..<600 where code != CURLE_LOGIN_DENIED: return .refused(reason: reason)
        default: return .deferred(reason: reason)
        }
    }
}
