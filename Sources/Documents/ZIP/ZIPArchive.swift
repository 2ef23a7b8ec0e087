import Foundation
import ZIPFoundation

/// A ZIP archive of files held in memory, written at `path` only once complete (staged, then
/// renamed: see `StagedPath`). The same files in the same order and the same `date` give the
/// same bytes: every entry carries `date` rather than the time of writing, and fixed permissions.
public enum ZIPArchive {
    public struct Entry: Sendable {
        /// The file's path inside the archive, with `/` between folders.
        public let path: String
        public let bytes: [UInt8]

        public init(path: String, bytes: [UInt8]) {
            self.path = path
            self.bytes = bytes
        }
    }

    public static func write(_ entries: [Entry], date: Date, to path: String) throws(DocumentError) {
        let output = try StagedPath(path)
        do {
            // The archive closes its file when released, at the end of this scope: before the rename.
            let archive = try Archive(url: URL(fileURLWithPath: output.temporaryPath), accessMode: .create)
            for entry in entries {
                let data = Data(entry.bytes)
                try archive.addEntry(
                    with: entry.path, type: .file, uncompressedSize: Int64(data.count), modificationDate: date,
                    permissions: 0o644, compressionMethod: .deflate
                ) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
        } catch {
            throw DocumentError("Cannot write \(path): \(error).")
        }
        try output.commit()
    }
}
