import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A hidden path beside `path` where a document is written, renamed onto `path` only once it is
/// complete: a reader never sees half a file, and a failure — or a forgotten `commit` — leaves
/// nothing behind. Nothing exists at the staged path until the writer creates it.
public final class StagedPath {
    public let path: String
    public let temporaryPath: String
    private var committed = false

    public init(_ path: String, purpose: String = "partial") throws(DocumentError) {
        self.path = path
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw DocumentError("Cannot write \(path): the folder \(folder) does not exist.")
        }
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw DocumentError("Cannot write \(path): it is a folder.")
        }
        guard access(folder, W_OK) == 0 else {
            throw DocumentError.cannotWrite(path)
        }
        temporaryPath =
            url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(UInt32.random(in: .min ... .max)).\(purpose)").path
    }

    deinit {
        if !committed { unlink(temporaryPath) }
    }

    /// Puts the staged file in place of `path` (and of any earlier file there).
    public func commit() throws(DocumentError) {
        guard rename(temporaryPath, path) == 0 else {
            throw DocumentError.cannotWrite(path)
        }
        committed = true
    }
}

@available(*, unavailable)
extension StagedPath: Sendable {}
