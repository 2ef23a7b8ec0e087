import Foundation

/// A document that could not be read or written, in one sentence that says what and where.
public struct DocumentError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) { self.description = description }
}

extension DocumentError {
    /// `Cannot write PATH: No space left on device.`: the system's reason for the last failure.
    static func cannotWrite(_ path: String) -> DocumentError {
        DocumentError("Cannot write \(path): \(String(cString: strerror(errno))).")
    }
}
