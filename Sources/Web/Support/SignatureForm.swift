import Foundation
import Training

/// The signature a signing form carries: the pad's drawing (a PNG as a `data:` URL) or the name
/// typed with its box ticked, the same on the participant's page and the trainer's.
struct SignatureForm: Sendable {
    let mark: Signatures.Mark
    /// The typed name as sent, to fill the form again after a refusal.
    let typedName: String
    /// A drawing certifies by itself; a typed name only with its box ticked.
    let certified: Bool

    init(_ form: [String: String]) {
        typedName = form["name"] ?? ""
        if let drawing = form["drawing"], !drawing.isEmpty {
            let prefix = "data:image/png;base64,"
            let image = drawing.hasPrefix(prefix) ? Data(base64Encoded: String(drawing.dropFirst(prefix.count))) : nil
            mark = .drawn(image.map { [UInt8]($0) } ?? [])
            certified = true
        } else {
            mark = .typed(typedName)
            certified = form["certify"] == "oui"
        }
    }
}
