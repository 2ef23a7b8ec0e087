/// A document that could not be read or written, in one sentence that says what and where.
public struct DocumentError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) { self.description = description }
}
