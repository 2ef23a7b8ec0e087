/// Quoted-printable (RFC 2045 §6.7) for UTF-8 text: readable where it is ASCII, lines of at most
/// 76 characters with soft breaks that never split a character, CRLF line ends, trailing white
/// space and a dot at a line's start protected. Works on bytes: a message is encoded per send.
enum QuotedPrintable {
    static func encode(_ text: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count * 11 / 10)
        var line: [UInt8] = []
        line.reserveCapacity(80)
        let bytes = Array(text.utf8)
        var index = 0
        var lineStart = true
        func hardBreak() {
            output += line
            output += [13, 10]
            line.removeAll(keepingCapacity: true)
            lineStart = true
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 13, index + 1 < bytes.count, bytes[index + 1] == 10 { index += 1; continue }
            if byte == 10 { hardBreak(); index += 1; continue }
            let nextIsLineEnd = index + 1 == bytes.count || bytes[index + 1] == 10 || bytes[index + 1] == 13
            // One character's bytes, encoded together so that a soft break falls between characters.
            let length = byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
            let end = min(index + length, bytes.count)
            func isPlain(_ position: Int, atLineStart: Bool) -> Bool {
                let value = bytes[position]
                if value == 46 && atLineStart { return false }
                if value == 32 || value == 9 { return !(nextIsLineEnd && end == position + 1) }
                return value >= 33 && value <= 126 && value != 61
            }
            var width = 0
            for position in index..<end { width += isPlain(position, atLineStart: lineStart) ? 1 : 3 }
            if line.count + width > 75 {
                output += line
                output += [61, 13, 10]
                line.removeAll(keepingCapacity: true)
                lineStart = true
            }
            for position in index..<end {
                let value = bytes[position]
                if isPlain(position, atLineStart: lineStart && position == index) {
                    line.append(value)
                } else {
                    line.append(61)
                    line.append(digits[Int(value >> 4)])
                    line.append(digits[Int(value & 0x0F)])
                }
            }
            lineStart = false
            index = end
        }
        output += line
        return String(decoding: output, as: UTF8.self)
    }

    private static let digits = Array("0123456789ABCDEF".utf8)
}
