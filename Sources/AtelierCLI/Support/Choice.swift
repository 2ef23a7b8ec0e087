import ArgumentParser
import Training

/// Reads one of a closed set of words (a modality, a funder's kind) and names the valid ones.
enum Choice {
    static func parse<T: RawRepresentable & CaseIterable>(_ text: String, _ name: String) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: text.lowercased().replacingOccurrences(of: "-", with: "_")) else {
            throw TrainingError(.invalidInput, "The \(name) “\(text)” is not one of: \(T.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        return value
    }
}
