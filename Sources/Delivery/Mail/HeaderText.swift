/// Header text as RFC 5322 and RFC 2047 want it: plain ASCII as is, anything else as UTF-8
/// base64 encoded words of at most 75 characters, never splitting a character.
enum HeaderText {
    /// An unstructured value (a subject).
    static func unstructured(_ text: String) -> String {
        isPlain(text) ? text : encodedWords(text)
    }

    /// A display name: quoted when it holds specials, encoded when it is not ASCII.
    static func phrase(_ text: String) -> String {
        guard isPlain(text) else { return encodedWords(text, maxBytes: 45) }
        let atomText = text.unicodeScalars.allSatisfy {
            $0.properties.isAlphabetic || $0 == " " || "!#$%&'*+-/=?^_`{|}~".unicodeScalars.contains($0)
                || ("0"..."9").contains($0)
        }
        if atomText { return text }
        return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            + "\""
    }

    /// A MIME parameter value (a file name): quoted ASCII, or an encoded word, which every mail
    /// client reads in `name=` and `filename=` although RFC 2231 is the letter of the law.
    static func quotedParameter(_ text: String) -> String {
        "\""
            + (isPlain(text) ? String(text.map { $0 == "\"" ? "'" : $0 }) : encodedWords(text)) + "\""
    }

    /// Printable ASCII that a mail client shows as it is: not if it holds `=?`, which could read
    /// as the start of an encoded word (`=?UTF-8?B?QmNjOiBldmlsQHguZnI=?=` decodes to `Bcc: …`).
    private static func isPlain(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F } && !text.contains("=?")
    }

    /// `=?UTF-8?B?…?=` words, separated by folding white space: by default of 60 characters, so
    /// that a line with its header name (`Subject: `, `Reply-To: `) stays within 78 characters.
    /// A display name, alone on its line, takes words of up to 72 characters (45 bytes): most
    /// names fit in one, which matters because Python's `email` (unlike RFC 2047 §6.2) keeps the
    /// space between two words of a display name. A longer text is cut after a space where
    /// there is one, never inside a character.
    static func encodedWords(_ text: String, maxBytes: Int = 36) -> String {
        // 60 - "=?UTF-8?B?".count - "?=".count = 48 base64 characters: 36 bytes.
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text.unicodeScalars {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > maxBytes {
                let afterSpace = chunk.lastIndex(of: 0x20).map { $0 + 1 }
                let cut = afterSpace.flatMap { chunk.count - $0 + bytes.count <= maxBytes ? $0 : nil } ?? chunk.count
                words.append(word(Array(chunk[..<cut])))
                chunk.removeFirst(cut)
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append(word(chunk)) }
        return words.joined(separator: "\r\n ")
    }

    private static func word(_ bytes: [UInt8]) -> String { "=?UTF-8?B?\(Base64.encode(bytes))?=" }
}
