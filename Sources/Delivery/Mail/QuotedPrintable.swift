/// Quoted-printable (RFC 2045 §6.7) for UTF-8 text: readable where it is ASCII, lines of at most
/// 76 characters with soft breaks that never split a character, CRLF line ends, trailing white
/// space and a dot at a line's start protected. Works on bytes: every message is encoded anew.
enum QuotedPrintable {
    static func encode(_ text: String) -> [UInt8] {
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 4 + 16)
        var column = 0
        func hex(_ byte: UInt8) {
            output.append(61)
            output.append(digits[Int(byte >> 4)])
            output.append(digits[Int(byte & 0x0F)])
        }
        /// A soft break when `width` more characters would pass the 75 a line may hold before its `=`.
        func makeRoom(_ width: Int) {
            if column + width > 75 {
                output += [61, 13, 10]
                column = 0
            }
        }
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 13, index + 1 < bytes.count, bytes[index + 1] == 10 {
                index += 1
                continue
            }
            if byte == 10 {
                output += [13, 10]
                column = 0
                index += 1
                continue
            }
            if byte < 0x80 {
                let atLineEnd = index + 1 == bytes.count || bytes[index + 1] == 10 || bytes[index + 1] == 13
                var plain = (byte >= 33 && byte <= 126 && byte != 61) || ((byte == 32 || byte == 9) && !atLineEnd)
                makeRoom(plain ? 1 : 3)
                if byte == 46 && column == 0 { plain = false }
                if plain {
                    output.append(byte)
                    column += 1
                } else {
                    hex(byte)
                    column += 3
                }
                index += 1
            } else {
                // A whole character's bytes on one line, so that each line decodes alone.
                let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
                let end = min(index + length, bytes.count)
                makeRoom(3 * (end - index))
                for position in index..<end { hex(bytes[position]) }
                column += 3 * (end - index)
                index = end
            }
        }
        return output
    }

    private static let digits = Array("0123456789ABCDEF".utf8)
}
