/// Quoted-printable (RFC 2045 §6.7) for UTF-8 text: readable where it is ASCII, lines of at most
/// 76 characters with soft breaks, CRLF line ends, trailing white space and dots protected.
enum QuotedPrintable {
    static func encode(_ text: String) -> String {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        return lines.map { encodeLine(Array($0.utf8)) }.joined(separator: "\r\n")
    }

    private static func encodeLine(_ bytes: [UInt8]) -> String {
        var output: [String] = []
        var line = ""
        for (index, byte) in bytes.enumerated() {
            let isLast = index == bytes.count - 1
            let plain = (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "="))
                || (byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")) && !isLast
            var token = plain ? String(UnicodeScalar(byte)) : hex(byte)
            // A dot alone at a line's start is SMTP's end of data for careless relays.
            if line.isEmpty && byte == UInt8(ascii: ".") { token = hex(byte) }
            // Keep the bytes of one character on one line, so that each line decodes alone.
            let sequence = plain ? 1 : utf8SequenceLength(from: index, in: bytes)
            let room = isLast ? 76 : 75
            if line.count + token.count * (plain ? 1 : sequence) > room && !line.isEmpty && !isContinuation(byte) {
                output.append(line + "=")
                line = byte == UInt8(ascii: ".") ? hex(byte) : (plain ? token : hex(byte))
                continue
            }
            line += token
        }
        output.append(line)
        return output.joined(separator: "\r\n")
    }

    private static func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }

    /// How many bytes the character starting at `index` has (1 for a continuation byte).
    private static func utf8SequenceLength(from index: Int, in bytes: [UInt8]) -> Int {
        let byte = bytes[index]
        if byte & 0xE0 == 0xC0 { return 2 }
        if byte & 0xF0 == 0xE0 { return 3 }
        if byte & 0xF8 == 0xF0 { return 4 }
        return 1
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "=" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
    }
}
