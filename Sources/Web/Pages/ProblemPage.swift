/// « Un problème ? Dites-le nous »: what someone writes from their personal link, recorded as a
/// réclamation about its session (Qualiopi indicator 31).
struct ProblemPage: Sendable {
    var title = "Un problème\u{202F}? Dites-le nous"
    var organisation: String
    var sessionTitle: String
    var csrf: String
    /// What was typed, shown again after a refusal.
    var text: String
    var error: String?
    /// The page the link opens, to go back to: `../q/<token>`.
    var back: String

    static let example = ProblemPage(
        organisation: "o", sessionTitle: "s", csrf: "c", text: "t", error: "e", back: "b")

    /// At most as long as `incident.text` may be.
    static let limit = 5000
}
