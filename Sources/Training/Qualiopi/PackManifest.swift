import Foundation

/// `manifest.json`: every file of the pack but the sommaire and the manifest itself, with its
/// size, its SHA-256, the indicators it serves and the rows it came from; keys sorted and the
/// files in the archive's order, so that the same pack gives the same bytes.
enum PackManifest {
    private struct Body: Encodable {
        let session: String
        let title: String
        let asOf: String
        let personalData: Bool
        let files: [Entry]
    }

    private struct Entry: Encodable {
        let path: String
        let bytes: Int
        let sha256: String
        let indicators: [Int]
        let sources: [String]
    }

    static func encode(context: PackContext, files: [PackFile]) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let body = Body(
            session: context.session.code, title: context.session.moduleTitle,
            asOf: context.options.day.description, personalData: context.options.personalData,
            files: files.map {
                Entry(
                    path: $0.path, bytes: $0.bytes.count, sha256: PackFile.sha256($0.bytes), indicators: $0.indicators,
                    sources: $0.sources)
            })
        return Array(try encoder.encode(body)) + [UInt8(ascii: "\n")]
    }
}
