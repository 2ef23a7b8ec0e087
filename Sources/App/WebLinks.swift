/// The addresses of Atelier's pages as emails give them: built here only, from `web.base-url`
/// (never from a request's `Host`), and served by the pages under the same paths.
public struct WebLinks: Sendable, Hashable {
    /// `https://formation.asso.fr`, without a trailing slash.
    public let base: String

    public init(base: String) {
        var base = base
        while base.hasSuffix("/") { base.removeLast() }
        self.base = base
    }

    /// Where a participant answers a questionnaire: the path, then the link's token.
    public static let questionnairePath = "/q/"

    public func questionnaire(token: String) -> String { base + Self.questionnairePath + token }

    /// Where a participant signs the half-days of their session.
    public static let signingPath = "/s/"

    public func signing(token: String) -> String { base + Self.signingPath + token }

    /// Where a trainer certifies the half-days of a session: the path, then the link's token.
    public static let trainerPath = "/t/"
    public func trainer(token: String) -> String { base + Self.trainerPath + token }

    /// Where participants sign in the room: the path, then the half-day's room code.
    public static let roomPath = "/r/"
    public func room(code: String) -> String { base + Self.roomPath + code }

    /// Where a structure, a funder or a person signs a convention, a contrat or a quote.
    public static let conventionPath = "/c/"
    public func convention(token: String) -> String { base + Self.conventionPath + token }

    /// « Un problème ? Dites-le nous », from any personal link: the path, then the link's token.
    public static let problemPath = "/probleme/"
    /// The problem page of a personal link, relative to the link's own page (`../probleme/…`),
    /// as the pages write their links so that `web.base-url` may have a path of its own.
    public static func problem(token: String) -> String { ".." + problemPath + token }
}
