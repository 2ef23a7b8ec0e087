import Foundation
import TestSupport
import Testing

/// A long import shows its progress on a terminal, and only there.
@Suite struct ProgressTests {
    let database: TestDatabase
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("progress-\(UUID()).csv")

    init() throws {
        database = try TestDatabase.migrated()
        var lines = ["prenom;nom;email;structure;siret;statut"]
        for index in 1...3000 { lines.append("P\(index);N\(index);p\(index)@asso.fr;;;") }
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
    }

    @Test func onATerminalTheRowsCheckedAreCounted() throws {
        let binary = try #require(ProcessInfo.processInfo.environment["ATELIER_BINARY"])
        // util-linux's `script` gives the command a pseudo-terminal and copies what it shows.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", "\(binary) participant import \(file.path)", "/dev/null"]
        process.environment = ProcessInfo.processInfo.environment.merging(["ATELIER_DATABASE_URL": database.url]) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let shown = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(shown.contains("\r3\u{202F}000 / 3\u{202F}000 rows checked"))
        #expect(shown.contains("Imported 3\u{202F}000 participants"))
    }

    @Test func inAPipeThereIsNoProgressLine() throws {
        let outcome = try AtelierProcess.run(
            ["participant", "import", file.path], environment: ["ATELIER_DATABASE_URL": database.url])
        #expect(outcome.status == 0)
        #expect(outcome.standardError == "")
    }
}
