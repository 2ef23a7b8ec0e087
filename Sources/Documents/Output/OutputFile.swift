import Foundation

#if canImport(Glibc)
    import Glibc

    // `OutputFile` has its own `write` and `close`: the C ones under names of their own, from the
    // library the platform has.
    private let systemWrite = Glibc.write
    private let systemClose = Glibc.close
#elseif canImport(Darwin)
    import Darwin

    private let systemWrite = Darwin.write
    private let systemClose = Darwin.close
#endif

/// A file written through a 64 KiB buffer to its staged path (see `StagedPath`), put in place by
/// `commit`. Owns its descriptor: not `Sendable`.
public final class OutputFile {
    public var path: String { staged.path }
    public var temporaryPath: String { staged.temporaryPath }
    private let staged: StagedPath
    private var descriptor: Int32
    private var buffer: [UInt8] = []

    static let bufferSize = 1 << 16

    public init(path: String, purpose: String = "partial") throws(DocumentError) {
        staged = try StagedPath(path, purpose: purpose)
        descriptor = open(staged.temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw DocumentError.cannotWrite(path) }
        buffer.reserveCapacity(Self.bufferSize)
    }

    deinit {
        if descriptor >= 0 { _ = systemClose(descriptor) }
    }

    public func write(_ bytes: some Collection<UInt8>) throws(DocumentError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.bufferSize { try flush() }
    }

    public func write(_ text: String) throws(DocumentError) {
        try write(text.utf8)
    }

    /// Writes what is buffered and closes the file, still at its staged path (to be read back).
    public func close() throws(DocumentError) {
        guard descriptor >= 0 else { return }
        try flush()
        let status = systemClose(descriptor)
        descriptor = -1
        guard status == 0 else { throw .cannotWrite(path) }
    }

    /// Closes the file and puts it in place of any earlier one.
    public func commit() throws(DocumentError) {
        try close()
        try staged.commit()
    }

    private func flush() throws(DocumentError) {
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { bytes in
                bytes.baseAddress.map { systemWrite(descriptor, $0 + offset, bytes.count - offset) } ?? 0
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw .cannotWrite(path)
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

@available(*, unavailable)
extension OutputFile: Sendable {}
