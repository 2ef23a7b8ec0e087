import CCurl
import Foundation

/// POSTs signed JSON to webhook endpoints over one libcurl handle (connections are reused per
/// host). One per lane; not `Sendable`.
public final class WebhookSender {
    private let curl = CurlEasy()
    public let connectTimeout: Duration
    public let timeout: Duration

    public init(connectTimeout: Duration = .seconds(10), timeout: Duration = .seconds(30)) {
        self.connectTimeout = connectTimeout
        self.timeout = timeout
    }

    /// Sends `body` to `url` with its signature and `Atelier-Event-Id` (the receiver's key for
    /// recognising a delivery it already has).
    public func post(_ body: [UInt8], to url: String, eventID: String, secret: String, at time: Date = Date()) -> SendOutcome {
        do {
            try curl.set(CURLOPT_URL, url)
            try curl.set(CURLOPT_POST, 1)
            try curl.set(CURLOPT_POSTFIELDSIZE, body.count)
            try curl.set(CURLOPT_PROTOCOLS_STR, "http,https")
            try curl.set(CURLOPT_FOLLOWLOCATION, 0)
            try curl.set(CURLOPT_CONNECTTIMEOUT_MS, Int(connectTimeout.components.seconds * 1000))
            try curl.set(CURLOPT_TIMEOUT_MS, Int(timeout.components.seconds * 1000))
            try curl.set(CURLOPT_NOSIGNAL, 1)
            try curl.set(CURLOPT_USERAGENT, "Atelier")
        } catch {
            return .refused(reason: "libcurl refused the request: \(error.message)")
        }
        let headers = ["Content-Type: application/json; charset=utf-8", "Atelier-Event-Id: \(eventID)",
                       "Atelier-Signature: \(WebhookSignature.header(body: body, secret: secret, at: time))", "Expect:"]
        let (code, exchange) = curl.perform(upload: body, list: (CURLOPT_HTTPHEADER, headers))
        return Self.outcome(code, status: curl.responseCode, body: exchange.body)
    }

    /// 2xx: delivered. 429, 5xx, no answer: later. Any other status (4xx, a redirect): never.
    static func outcome(_ code: CURLcode, status: Int, body: [UInt8]) -> SendOutcome {
        guard code == CURLE_OK else { return .deferred(reason: CurlEasy.describe(code)) }
        let excerpt = String(decoding: body.prefix(200), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let reply = "HTTP \(status)" + (excerpt.isEmpty ? "" : ": \(excerpt)")
        switch status {
        case 200..<300: return .accepted(reply: reply)
        case 429, 500..<600: return .deferred(reason: reply)
        default: return .refused(reason: reply)
        }
    }
}
