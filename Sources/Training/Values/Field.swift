import Foundation

/// Checks of the free-text and code fields every noun has, with the sentences that go with them.
enum Field {
    /// Trimmed, non-empty, at most `limit` characters.
    static func required(_ text: String, _ name: String, limit: Int) throws(TrainingError) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .invalid("The \(name) is empty.") }
        return try optional(trimmed, name, limit: limit)
    }

    /// Trimmed, at most `limit` characters; may be empty.
    static func optional(_ text: String, _ name: String, limit: Int) throws(TrainingError) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.count <= limit else {
            throw .invalid("The \(name) is \(trimmed.count) characters long; the most is \(limit).")
        }
        return trimmed
    }

    /// A short code people type: 2 to 30 capital letters, digits and dashes; typed in any case.
    static func code(_ text: String, of noun: String) throws(TrainingError) -> String {
        let code = text.trimmingCharacters(in: .whitespaces).uppercased()
        guard (2...30).contains(code.count), code.first!.isASCIIDigit || code.first!.isASCIIUppercase,
              code.allSatisfy({ $0.isASCIIDigit || $0.isASCIIUppercase || $0 == "-" }) else {
            throw .invalid("The \(noun) code “\(text)” is not valid: use 2 to 30 letters, digits and dashes, like PMAE-EMPLOI.")
        }
        return code
    }

    /// A whole number in a range, named in the error.
    static func number(_ value: Int, _ name: String, in range: ClosedRange<Int>) throws(TrainingError) -> Int {
        guard range.contains(value) else {
            throw .invalid("The \(name) \(value) is out of range: it goes from \(range.lowerBound) to \(range.upperBound).")
        }
        return value
    }
}

extension Character {
    var isASCIIUppercase: Bool { isASCII && isUppercase }
}
