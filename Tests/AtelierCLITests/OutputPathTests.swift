import Foundation
import TestSupport
import Testing

/// What `--out` finds at its path: a regular file is replaced atomically, a link to one is
/// written through and kept, a device or a pipe is streamed into (its refusal reported), and
/// anything else is refused with one sentence — never replaced.
extension CertificateTests {
    func node(_ name: String, device: (major: UInt32, minor: UInt32)) throws -> String {
        let path = folder.appendingPathComponent(name).path
        // makedev for small numbers: the minor in the low byte, the major above it.
        let number = dev_t(device.minor & 0xff) | dev_t(device.major & 0xfff) << 8
        try #require(mknod(path, S_IFCHR | 0o666, number) == 0, "mknod \(path): \(String(cString: strerror(errno)))")
        return path
    }

    func isCharacterDevice(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFCHR
    }

    @Test func aDeviceIsWrittenIntoAndAFullOneReported() throws {
        let null = try node("null", device: (1, 3))
        let full = try node("full", device: (1, 7))
        let before = try year.database.fingerprint()
        let intoNull = try atelier("attendance", "sheet", TrainingYear.march, "--out", null)
        #expect(intoNull.status == 0, "\(intoNull.standardError)")
        #expect(intoNull.standardError == "Wrote \(null).\n")
        let intoFull = try atelier("attendance", "sheet", TrainingYear.march, "--out", full)
        #expect(intoFull.status == 73)
        #expect(intoFull.standardError == "Cannot write \(full): No space left on device.\n")
        let export = try atelier(
            "export", "funding", "--funder", "OPCO-CS", "--from", "2026-01-01", "--to", "2026-12-31", "--out", full,
            "--format", "xlsx")
        #expect(export.status == 73)
        #expect(export.standardError == "Cannot write \(full): No space left on device.\n")
        #expect(isCharacterDevice(null) && isCharacterDevice(full))
        #expect(try year.database.fingerprint() == before)
        // Nothing staged is left behind, beside the nodes or in the temporary folder.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["full", "null"])
    }

    @Test func standardOutputReceivesTheDocumentAlone() throws {
        let outcome = try atelier("attendance", "sheet", TrainingYear.march, "--out", "/dev/stdout")
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput.hasPrefix("%PDF-"))
        #expect(outcome.standardOutput.hasSuffix("%%EOF\n"))
        #expect(outcome.standardError == "Wrote /dev/stdout.\n")
    }

    @Test func aLinkToAFileIsWrittenThroughAndKept() throws {
        let target = folder.appendingPathComponent("feuille.pdf").path
        try Data("earlier".utf8).write(to: URL(fileURLWithPath: target))
        let link = folder.appendingPathComponent("link.pdf").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "feuille.pdf")
        let outcome = try atelier("attendance", "sheet", TrainingYear.march, "--out", link)
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput == "Wrote \(link).\n")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "feuille.pdf")
        #expect(try Data(contentsOf: URL(fileURLWithPath: target)).prefix(5) == Data("%PDF-".utf8))
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["feuille.pdf", "link.pdf"])
    }

    @Test func whatCannotBeWrittenIsRefusedAndKept() throws {
        let dangling = folder.appendingPathComponent("dangling.pdf").path
        try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: "nowhere.pdf")
        let socket = folder.appendingPathComponent("socket").path
        let listener = Foundation.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(listener) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { bytes in
            for (index, byte) in socket.utf8.enumerated() where index < bytes.count - 1 { bytes[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        try #require(bound == 0)
        let cases: [(String, String)] = [
            (dangling, "Cannot write \(dangling): it is a link to nowhere.pdf, which does not exist."),
            (socket, "Cannot write \(socket): it is neither a file, a link to one, nor a stream."),
            (folder.path, "Cannot write \(folder.path): it is a folder."),
        ]
        for (path, sentence) in cases {
            let outcome = try atelier("attendance", "sheet", TrainingYear.march, "--out", path)
            #expect(outcome.status == 73)
            #expect(outcome.standardError == sentence + "\n")
        }
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dangling) == "nowhere.pdf")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["dangling.pdf", "socket"])
    }

    /// The README's own example: a folder that does not exist yet is created, like `mkdir`.
    @Test func certificatesGoIntoAFolderCreatedForThem() throws {
        #expect(try atelier("worker", "--until-idle").status == 0)
        let created = folder.appendingPathComponent("certificats").path
        let outcome = try atelier("certificate", "export", TrainingYear.march, "--out", created + "/")
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: created).count == 5)
        let file = folder.appendingPathComponent("a-file").path
        try Data().write(to: URL(fileURLWithPath: file))
        let missing = folder.appendingPathComponent("nowhere/certificats").path
        for (path, sentence) in [
            (file, "Cannot write into \(file): it is a file, not a folder."),
            (
                missing,
                "Cannot create the folder \(missing): the folder \(folder.appendingPathComponent("nowhere").path) does not exist."
            ),
        ] {
            let refused = try atelier("certificate", "export", TrainingYear.march, "--out", path)
            #expect(refused.status == 73)
            #expect(refused.standardError == sentence + "\n")
        }
    }
}
