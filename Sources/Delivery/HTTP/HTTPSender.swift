import CCurl
import Foundation

/// Sends HTTP requests over one libcurl handle (connections are reused per host): webhooks'
/// signed POSTs and reports' PUTs. One per lane; not `Sendable`.
public final class HTTPSender {
    public enum Method: Sendable { case post, put }

    private let curl: CurlEasy

    /// Configures the handle once; an option libcurl refuses is thrown, naming it. `caFile`: a CA
    /// bundle for a server whose certificate a private authority signed; `nil`, the system's.
    public init(connectTimeout: Duration = .seconds(10), timeout: Duration = .seconds(30), caFile: String? = nil)
        throws(CurlError)
    {
        curl = try CurlEasy()
        try curl.set(CURLOPT_PROTOCOLS_STR, "http,https")
        try curl.set(CURLOPT_FOLLOWLOCATION, 0)
        // Set only when given: setting it to NULL would turn the system's bundle off.
        if let caFile { try curl.set(CURLOPT_CAINFO, caFile) }
        try curl.set(CURLOPT_CONNECTTIMEOUT_MS, Int(connectTimeout.components.seconds * 1000))
        try curl.set(CURLOPT_TIMEOUT_MS, Int(timeout.components.seconds * 1000))
        try curl.set(CURLOPT_NOSIGNAL, 1)
        try curl.set(CURLOPT_USERAGENT, "Atelier")
    }

    /// Sends `body` to `url` with `headers` (`Content-Type: …` among them). An option libcurl
    /// refuses for this request defers it with that sentence.
    public func send(_ method: Method, _ body: [UInt8], to url: String, headers: [String]) -> SendOutcome {
        let transfer: CurlEasy.Transfer
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
            // `Expect:` off: no round trip waiting for `100 Continue` before the body.
            transfer = try curl.perform(upload: body, list: (CURLOPT_HTTPHEADER, headers + ["Expect:"]))
        } catch {
            return .deferred(reason: error.description)
        }
        return Self.outcome(
            transfer.code, message: transfer.message, status: curl.responseCode,
            body: transfer.exchange.body)
    }

    /// 2xx: delivered. 429, 5xx, no answer: later. Any other status (4xx, a redirect): never.
    static func outcome(_ code: CURLcode, message: String, status: Int, body: [UInt8]) -> SendOutcome {
        guard code == CURLE_OK else { return .deferred(reason: message) }
        let excerpt = String(decoding: body.prefix(200), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let reply = "HTTP \(status)" + (excerpt.isEmpty ? "" : ": \(excerpt)")
        switch status {
        case 200..<300: return .accepted(reply: reply)
        case 429, 500..<600: return .deferred(reason: reply)
        default: return .refused(reason: reply)
        }
    }
}
