/// A code a person reads on paper or a wall and types on a phone: uppercase letters and digits
/// without the ones mistaken for each other (0 and O, 1 and I and L, U and V: only V is kept), so that whatever
/// is read is what was printed. A room's code has 6 characters; a personal code 8 (30⁸, about
/// 6.6 × 10¹¹), printed in two groups of four.
public enum ShortCode {
    public static let alphabet = Array("ABCDEFGHJKMNPQRSTVWXYZ23456789")

    public static let roomLength = 6
    public static let personalLength = 8

    public static func make(length: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in alphabet.randomElement(using: &generator) ?? "A" })
    }

    /// What a person typed, as the code it stands for: spaces and hyphens dropped, lowercase
    /// read as uppercase; `nil` when it is not `length` characters of the alphabet — checked
    /// before any query, so that a probe costs none.
    public static func read(_ typed: String, length: Int) -> String? {
        let kept = typed.uppercased().filter { $0 != " " && $0 != "-" && $0 != "\u{00A0}" }
        guard kept.count == length, kept.allSatisfy(alphabet.contains) else { return nil }
        return kept
    }

    /// `K7PM 3QXA`: a personal code as messages print it, easier to read out and to copy.
    public static func grouped(_ code: String) -> String {
        guard code.count == personalLength else { return code }
        return String(code.prefix(4)) + " " + String(code.dropFirst(4))
    }
}
