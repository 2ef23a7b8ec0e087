import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Where a document is written before it is put at `path`, so that a reader never sees half a
/// file and a failure — or a forgotten `commit` — leaves nothing behind. Nothing exists at the
/// staged path until the writer creates it.
///
/// What is at `path` decides how: nothing or a regular file is replaced by a rename from a hidden
/// file beside it; a symbolic link to a regular file is written through, its target replaced
/// the same way and the link kept; a character device or a pipe (`/dev/stdout`, `/dev/null`) is
/// streamed into at `commit`, from a file staged in the temporary folder, so that a full disk or
/// a closed pipe is reported. Anything else (a folder, a block device, a socket, a link to
/// nothing) is refused with one sentence, never replaced.
public final class StagedPath {
    public let path: String
    public let temporaryPath: String
    /// Where the rename goes: `path`, or the file a link at `path` leads to; `nil` for a stream.
    private let renameTarget: String?
    private var committed = false

    public init(_ path: String, purpose: String = "partial") throws(DocumentError) {
        self.path = path
        switch try Self.kind(of: path) {
        case .file(let target):
            let url = URL(fileURLWithPath: target)
            let folder = url.deletingLastPathComponent().path
            guard access(folder, W_OK) == 0 else { throw DocumentError.cannotWrite(path) }
            renameTarget = target
            temporaryPath =
                url.deletingLastPathComponent().appendingPathComponent(
                    ".\(url.lastPathComponent).\(UInt32.random(in: .min ... .max)).\(purpose)"
                ).path
        case .stream:
            renameTarget = nil
            temporaryPath =
                FileManager.default.temporaryDirectory.appendingPathComponent(
                    "atelier.\(UInt32.random(in: .min ... .max)).\(purpose)"
                ).path
        }
    }

    deinit {
        if !committed { unlink(temporaryPath) }
    }

    /// Puts the staged file in place of `path` (and of any earlier file there), or streams it
    /// into the device or pipe that `path` is.
    public func commit() throws(DocumentError) {
        if let renameTarget {
            guard rename(temporaryPath, renameTarget) == 0 else { throw DocumentError.cannotWrite(path) }
        } else {
            try stream()
            unlink(temporaryPath)
        }
        committed = true
    }

    /// Whether `path` is a device or a pipe (`/dev/stdout`), which a document is streamed into.
    public static func isStream(_ path: String) -> Bool {
        if case .stream = try? kind(of: path) { true } else { false }
    }

    private enum Kind {
        /// Replaced by a rename onto this path (`path` itself, or the file its link leads to).
        case file(String)
        case stream
    }

    /// What `path` is, following links; a sentence for what cannot be written.
    private static func kind(of path: String) throws(DocumentError) -> Kind {
        var link = stat()
        guard lstat(path, &link) == 0 else {
            guard errno == ENOENT else { throw DocumentError.cannotWrite(path) }
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
                throw DocumentError("Cannot write \(path): the folder \(folder) does not exist.")
            }
            return .file(path)
        }
        var target = stat()
        guard stat(path, &target) == 0 else {
            throw DocumentError("Cannot write \(path): it is a link to \(linkTarget(path)), which does not exist.")
        }
        switch target.st_mode & S_IFMT {
        case S_IFREG:
            guard link.st_mode & S_IFMT == S_IFLNK else { return .file(path) }
            guard let resolved = realpath(path, nil) else { throw DocumentError.cannotWrite(path) }
            defer { free(resolved) }
            return .file(String(cString: resolved))
        case S_IFCHR, S_IFIFO: return .stream
        case S_IFDIR: throw DocumentError("Cannot write \(path): it is a folder.")
        default: throw DocumentError("Cannot write \(path): it is neither a file, a link to one, nor a stream.")
        }
    }

    private static func linkTarget(_ path: String) -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "a missing file"
    }

    /// Copies the staged file into the device or pipe, reporting its refusal (`/dev/full`: no
    /// space left on device) with the system's reason.
    private func stream() throws(DocumentError) {
        let source = open(temporaryPath, O_RDONLY | O_CLOEXEC)
        guard source >= 0 else { throw DocumentError.cannotWrite(path) }
        defer { close(source) }
        let destination = open(path, O_WRONLY | O_CLOEXEC)
        guard destination >= 0 else { throw DocumentError.cannotWrite(path) }
        var failure = Self.copy(from: source, to: destination) ? nil : DocumentError.cannotWrite(path)
        if close(destination) != 0, failure == nil { failure = .cannotWrite(path) }
        if let failure { throw failure }
    }

    /// Whether every byte of `source` went to `destination`; `errno` says why not.
    private static func copy(from source: Int32, to destination: Int32) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { bytes in
                bytes.baseAddress.map { read(source, $0, bytes.count) } ?? -1
            }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return count == 0 }
            var offset = 0
            while offset < count {
                let written = buffer.withUnsafeBytes { bytes in
                    bytes.baseAddress.map { write(destination, $0 + offset, count - offset) } ?? -1
                }
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return false }
                offset += written
            }
        }
    }
}

@available(*, unavailable)
extension StagedPath: Sendable {}
