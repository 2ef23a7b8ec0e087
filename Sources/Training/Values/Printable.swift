/// Text from the database or a file shown on a terminal: control characters (an escape sequence
/// could move the cursor or recolour the screen), Unicode line separators and the bidirectional
/// overrides that reorder what is read are written as `\u{…}` escapes; the rest is left alone.
public enum Printable {
    public static func escaped(_ text: String, keepingLineBreaks: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: { needsEscape($0, keepingLineBreaks) }) else { return text }
        var shown = ""
        for scalar in text.unicodeScalars {
            if needsEscape(scalar, keepingLineBreaks) {
                let escape =
                    switch scalar {
                    case "\n": "\\n"
                    case "\r": "\\r"
                    case "\t": "\\t"
                    default: "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                    }
                shown += escape
            } else {
                shown.unicodeScalars.append(scalar)
            }
        }
        return shown
    }

    /// The control characters (Unicode's Cc: U+0000–U+001F and U+007F–U+009F, fixed by its
    /// stability policy), the line and paragraph separators (Zl and Zp: U+2028, U+2029) and the
    /// bidirectional overrides and isolates, spelled out: a table lookup per character was half
    /// of printing a long list.
    static func needsEscape(_ scalar: Unicode.Scalar, _ keepingLineBreaks: Bool) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: !keepingLineBreaks
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
