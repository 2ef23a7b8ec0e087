import Crypto
import Foundation

/// `Atelier-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "t.body">`: the receiver recomputes
/// it with the endpoint's secret, and refuses a body that was changed or a time too old.
public enum WebhookSignature {
    public static func header(body: [UInt8], secret: String, at time: Date) -> String {
        let timestamp = Int(time.timeIntervalSince1970)
        let signed = Array("\(timestamp).".utf8) + body
        let mac = HMAC<SHA256>.authenticationCode(for: signed, using: SymmetricKey(data: Array(secret.utf8)))
        return "t=\(timestamp),v1=\(mac.map { String(format: "%02x", $0) }.joined())"
    }

    /// The headers of a webhook call: JSON, the event's id (the receiver's key for recognising a
    /// delivery it already has) and the signature.
    public static func headers(body: [UInt8], eventID: String, secret: String, at time: Date = Date()) -> [String] {
        [
            "Content-Type: application/json; charset=utf-8", "Atelier-Event-Id: \(eventID)",
            "Atelier-Signature: \(header(body: body, secret: secret, at: time))",
        ]
    }
}
