import CCurl
import Foundation

/// Sends HTTP requests over one libcurl handle (connections are reused per host): webhooks'
/// signed POSTs and reports' PUTs. One per lane; not `Sendable`.
public final class HTTPSender {
    public enum Method: Sendable { case post, put }

    private let curl = CurlEasy()
    public let connectTimeout: Duration
    public let timeout: Duration
    /// A CA bundle for a server whose certificate a private authority signed; empty: the system's.
    public let caFile: String

    public init(connectTimeout: Duration = .seconds(10), timeout: Duration = .seconds(30), caFile: String = "") {
        self.connectTimeout = connectTimeout
        self.timeout = timeout
        self.caFile = caFile
    }

    /// Sends `body` to `url` with `headers` (`Content-Type: …` among them).
    public func send(_ method: Method, _ body: [UInt8], to url: String, headers: [String]) -> SendOutcome {
        do {
            try curl.set(CURLOPT_URL, url)
            switch method {
            case .post:
                try curl.set(CURLOPT_UPLOAD, 0)
                try curl.set(CURLOPT_POST, 1)
                try curl.set(CURLOPT_POSTFIELDSIZE, body.count)
            case .put:
                try curl.set(CURLOPT_POST, 0)
                try curl.set(CURLOPT_UPLOAD, 1)
                try curl.set(CURLOPT_INFILESIZE, body.count)
            }
            try curl.set(CURLOPT_PROTOCOLS_STR, "http,https")
            try curl.set(CURLOPT_FOLLOWLOCATION, 0)
            // Set only when given: setting it to NULL would turn the system's bundle off.
            if !caFile.isEmpty { try curl.set(CURLOPT_CAINFO, caFile) }
            try curl.set(CURLOPT_CONNECTTIMEOUT_MS, Int(connectTimeout.components.seconds * 1000))
            try curl.set(CURLOPT_TIMEOUT_MS, Int(timeout.components.seconds * 1000))
            try curl.set(CURLOPT_NOSIGNAL, 1)
            try curl.set(CURLOPT_USERAGENT, "Atelier")
        } catch {
            return .refused(reason: "libcurl refused the request: \(error.message)")
        }
        // `Expect:` off: no round trip waiting for `100 Continue` before the body.
        let (code, exchange) = curl.perform(upload: body, list: (CURLOPT_HTTPHEADER, headers + ["Expect:"]))
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
