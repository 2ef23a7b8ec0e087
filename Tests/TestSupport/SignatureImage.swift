import Foundation

/// PNG images as a signature pad sends them, written by `signature_png.py` with Python's zlib.
public enum SignatureImage {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// A stroke across a white field of `width`×`height`, or the white field alone.
    public static func png(width: Int = 300, height: Int = 120, drawn: Bool = true) throws -> [UInt8] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("signature-\(UUID()).png")
        defer { try? FileManager.default.removeItem(at: file) }
        let script = AtelierProcess.packageRoot.appendingPathComponent("Tests/TestSupport/signature_png.py").path
        let outcome = try ExternalTool.run(
            "/usr/bin/python3", [script, String(width), String(height), drawn ? "1" : "0", file.path])
        guard outcome.status == 0 else { throw Failure(description: "signature_png.py exited with \(outcome.status)") }
        return try [UInt8](Data(contentsOf: file))
    }
}
