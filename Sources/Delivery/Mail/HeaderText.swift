/// Header text as RFC 5322 and RFC 2047 want it: plain ASCII as is, anything else as UTF-8
/// base64 encoded words of at most 75 characters, never splitting a character.
enum HeaderText {
    /// An unstructured value (a subject).
    static func unstructured(_ text: String) -> String {
        text.unicodeScalars.allSatisfy(isPlain) ? text : encodedWords(text)
    }

    /// A display name: quoted when it holds specials, encoded when it is not ASCII.
    static func phrase(_ text: String) -> String {
        guard text.unicodeScalars.allSatisfy(isPlain) else { return encodedWords(text) }
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
            + (text.unicodeScalars.allSatisfy(isPlain)
                ? String(text.map { $0 == "\"" ? "'" : $0 }) : encodedWords(text)) + "\""
    }

    private static func isPlain(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= 0x20 && scalar.value < 0x7F }

    /// `=?UTF-8?B?…?=` words of 60 characters, separated by folding white space, so that a line
    /// with its header name (`Subject: `, `Reply-To: `) stays within 78 characters.
    static func encodedWords(_ text: String) -> String {
        // 60 - "=?UTF-8?B?".count - "?=".count = 48 base64 characters: 36 bytes.
        let maxBytes = 36
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text.unicodeScalars {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > maxBytes {
                words.append(word(chunk))
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append(word(chunk)) }
        return words.joined(separator: "\r\n ")
    }

    private static func word(_ bytes: [UInt8]) -> String { "=?UTF-8?B?\(Base64.encode(bytes))?=" }
}
