import Crypto
import Foundation

/// An email as RFC 5322 and MIME want it, built in Swift: what `SMTPSender` sends.
///
/// The body is `multipart/alternative` (plain text, then HTML) when there is HTML, wrapped in
/// `multipart/mixed` when there are attachments. Text parts are UTF-8 quoted-printable,
/// attachments base64; every line ends in CRLF and none is longer than 78 characters.
public struct MailMessage: Sendable, Hashable {
    public struct Attachment: Sendable, Hashable {
        public let fileName: String
        /// `text/calendar; method=REQUEST`, `application/pdf`, …
        public let contentType: String
        public let bytes: [UInt8]

        public init(fileName: String, contentType: String, bytes: [UInt8]) {
            self.fileName = fileName
            self.contentType = contentType
            self.bytes = bytes
        }
    }

    public var from: MailAddress
    public var to: MailAddress
    public var replyTo: MailAddress?
    public var subject: String
    public var date: Date
    /// Without angle brackets: `convocation.42.p7@atelier.example`.
    public var messageID: String
    public var text: String
    public var html: String?
    public var attachments: [Attachment]

    public init(
        from: MailAddress, to: MailAddress, replyTo: MailAddress? = nil, subject: String, date: Date = Date(),
        messageID: String, text: String, html: String? = nil, attachments: [Attachment] = []
    ) {
        self.from = from
        self.to = to
        self.replyTo = replyTo
        self.subject = subject
        self.date = date
        self.messageID = messageID
        self.text = text
        self.html = html
        self.attachments = attachments
    }

    /// The message as sent: headers, a blank line, the body; CRLF throughout.
    public func rendered() -> [UInt8] {
        var headers = [
            "From: \(from.header)",
            "To: \(to.header)",
        ]
        if let replyTo { headers.append("Reply-To: \(replyTo.header)") }
        headers += [
            "Subject: \(HeaderText.unstructured(subject))",
            "Date: \(Self.rfc5322Date(date))",
            "Message-ID: <\(messageID)>",
            "MIME-Version: 1.0",
        ]
        let body = self.body()
        var bytes = Array((headers.joined(separator: "\r\n") + "\r\n" + body.headers + "\r\n\r\n").utf8)
        bytes.reserveCapacity(bytes.count + body.content.count + 2)
        bytes += body.content
        bytes += [13, 10]
        return bytes
    }

    /// Headers as text, content as bytes: the bulk of a message is copied once, never re-encoded.
    private struct Part {
        let headers: String
        let content: [UInt8]
    }

    private func body() -> Part {
        let textPart = Part(
            headers: "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable",
            content: QuotedPrintable.encode(text))
        var main = textPart
        if let html {
            let htmlPart = Part(
                headers: "Content-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable",
                content: QuotedPrintable.encode(html))
            main = multipart("alternative", [textPart, htmlPart])
        }
        guard !attachments.isEmpty else { return main }
        return multipart(
            "mixed",
            [main]
                + attachments.map { attachment in
                    let name = HeaderText.quotedParameter(attachment.fileName)
                    return Part(
                        headers: """
                            Content-Type: \(attachment.contentType);\r
                             name=\(name)\r
                            Content-Transfer-Encoding: base64\r
                            Content-Disposition: attachment;\r
                             filename=\(name)
                            """, content: Base64.lines(attachment.bytes))
                })
    }

    /// A boundary derived from the message and the part kind: stable output for one message, and
    /// never found in base64 or quoted-printable text (they have no `_`).
    private func multipart(_ subtype: String, _ parts: [Part]) -> Part {
        let boundary = "=_atelier_\(subtype)_\(Self.stableHash(messageID))"
        var content: [UInt8] = []
        content.reserveCapacity(parts.reduce(64) { $0 + $1.content.count + $1.headers.utf8.count + 64 })
        for part in parts {
            content += "--\(boundary)\r\n\(part.headers)\r\n\r\n".utf8
            content += part.content
            content += [13, 10]
        }
        content += "--\(boundary)--".utf8
        return Part(headers: "Content-Type: multipart/\(subtype);\r\n boundary=\"\(boundary)\"", content: content)
    }

    /// FNV-1a of the text, in hex: the same on every run (unlike `hashValue`).
    private static func stableHash(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }

    /// `Mon, 05 Apr 2027 09:00:00 +0000`, in English as RFC 5322 requires.
    static func rfc5322Date(_ date: Date) -> String { date.formatted(rfc5322Style) }

    private static let rfc5322Style: Date.VerbatimFormatStyle = {
        var style = Date.VerbatimFormatStyle(
            format:
                "\(weekday: .abbreviated), \(day: .twoDigits) \(month: .abbreviated) \(year: .defaultDigits) \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits):\(second: .twoDigits) +0000",
            timeZone: .gmt, calendar: Calendar(identifier: .gregorian))
        style.locale = Locale(identifier: "en_US_POSIX")
        return style
    }()
}

extension MailMessage.Attachment {
    /// The SHA-256 of the bytes, in lowercase hex: what says which file went.
    public var sha256: String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }
}
