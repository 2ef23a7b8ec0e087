import Foundation

/// Base64 for message bodies: lines of 76 characters joined by CRLF (RFC 2045).
enum Base64 {
    static func encode(_ bytes: [UInt8]) -> String { Data(bytes).base64EncodedString() }

    static func lines(_ bytes: [UInt8]) -> [UInt8] {
        Array(
            Data(bytes).base64EncodedData(options: [
                .lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed,
            ]))
    }
}
