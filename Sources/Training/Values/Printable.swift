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

    private static func needsEscape(_ scalar: Unicode.Scalar, _ keepingLineBreaks: Bool) -> Bool {
        if keepingLineBreaks, scalar == "\n" || scalar == "\t" { return false }
        if (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value) { return true }
        switch scalar.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator: return true
        default: return false
        }
    }
}
