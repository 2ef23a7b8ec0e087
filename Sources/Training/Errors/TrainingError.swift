/// A refusal from the domain, as one sentence a coordinator understands: what, and where.
/// The kind decides the CLI's exit status.
public struct TrainingError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// A value that cannot be read: an impossible date, a malformed amount or email.
        case invalidInput
        /// A code, email or file that names nothing.
        case notFound
        /// Well-formed, but a rule of the trade says no: a duplicate, a trainer already booked,
        /// a session already completed.
        case refused
    }

    public let kind: Kind
    public let sentence: String

    public init(_ kind: Kind, _ sentence: String) {
        self.kind = kind
        self.sentence = sentence
    }

    public var description: String { sentence }

    static func invalid(_ sentence: String) -> TrainingError { TrainingError(.invalidInput, sentence) }
    static func notFound(_ sentence: String) -> TrainingError { TrainingError(.notFound, sentence) }
    static func refused(_ sentence: String) -> TrainingError { TrainingError(.refused, sentence) }
}
