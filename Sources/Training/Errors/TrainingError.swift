/// A refusal from the domain, as one sentence a coordinator understands: what, and where. A
/// caller switches on the case — the CLI for its exit status, a page for its HTTP status, the
/// worker for whether to try again.
public enum TrainingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A value that cannot be read: an impossible date, a malformed amount or email.
    case invalid(String)
    /// A code, email or file that names nothing.
    case notFound(String)
    /// Well-formed, but a rule of the trade says no: a trainer already booked, a session already
    /// completed, a full session.
    case refused(String)
    /// The record exists already: a code, an email, a registration taken before.
    case conflict(String)
    /// Another change to the same records ran at the same time and kept this one from going
    /// through; nothing was changed, and the same request may succeed in a moment.
    case tryAgain(String)

    /// The cases without their sentence, for tables of rules (`ConstraintViolation`).
    public enum Kind: Sendable, Hashable {
        case invalidInput, notFound, refused, conflict, tryAgain
    }

    public init(_ kind: Kind, _ sentence: String) {
        self =
            switch kind {
            case .invalidInput: .invalid(sentence)
            case .notFound: .notFound(sentence)
            case .refused: .refused(sentence)
            case .conflict: .conflict(sentence)
            case .tryAgain: .tryAgain(sentence)
            }
    }

    public var kind: Kind {
        switch self {
        case .invalid: .invalidInput
        case .notFound: .notFound
        case .refused: .refused
        case .conflict: .conflict
        case .tryAgain: .tryAgain
        }
    }

    public var sentence: String {
        switch self {
        case .invalid(let sentence), .notFound(let sentence), .refused(let sentence), .conflict(let sentence),
            .tryAgain(let sentence):
            sentence
        }
    }

    public var description: String { sentence }
}
