import Foundation

/// A real SMTP server on loopback for one test: `scripts/mailcatcher.py` (aiosmtpd) saving each
/// message it accepts into a folder of its own. Stopped, and its folder removed, with the test.
public final class MailCatcher: @unchecked Sendable {
    public let folder: URL
    public private(set) var port = 0
    private var process: Process?

    public init(discard: Bool = false) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-mail-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try start(discard: discard)
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: folder)
    }

    public var url: String { "smtp://127.0.0.1:\(port)" }

    /// Starts the server, on the port it had before if it ran already (an outage ends).
    public func start(discard: Bool = false) throws {
        try? FileManager.default.removeItem(at: folder.appendingPathComponent("port"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [AtelierProcess.packageRoot.appendingPathComponent("scripts/mailcatcher.py").path, folder.path,
                             "--port", String(port)] + (discard ? ["--discard"] : [])
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        self.process = process
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if let text = try? String(contentsOf: folder.appendingPathComponent("port"), encoding: .utf8),
               let chosen = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                port = chosen
                return
            }
            guard process.isRunning else { break }
            Thread.sleep(forTimeInterval: 0.02)
        }
        throw MailCatcherError.didNotStart(folder.path)
    }

    /// Stops the server (SIGTERM, SIGKILL if it lingers) and waits until it is gone: an outage
    /// begins. Polls rather than `waitUntilExit`, which can hang in a test process.
    public func stop() {
        guard let process else { return }
        self.process = nil
        process.terminate()
        for signal in [SIGTERM, SIGKILL] {
            kill(process.processIdentifier, signal)
            let deadline = Date().addingTimeInterval(5)
            while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
            if !process.isRunning { return }
        }
    }

    /// The `FOLDER/rules` lines: `451 someone@asso.fr 2`, `550 nobody@asso.fr`.
    public func setRules(_ lines: [String]) throws {
        try (lines.joined(separator: "\n") + "\n").write(to: folder.appendingPathComponent("rules"), atomically: true, encoding: .utf8)
    }

    /// The files of the messages accepted so far, in the order they came.
    public func messageFiles() -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".eml") }
            .sorted { (Int($0.dropLast(4)) ?? 0) < (Int($1.dropLast(4)) ?? 0) }
            .map { folder.appendingPathComponent($0) }
    }

    /// How many SMTP connections the server has accepted.
    public var connections: Int {
        ((try? String(contentsOf: folder.appendingPathComponent("connections"), encoding: .utf8)) ?? "")
            .split(separator: "\n").count
    }
}

public enum MailCatcherError: Error {
    case didNotStart(String)
}

/// Saved messages as Python's `email` package and `icalendar` read them (`read_mail.py`): what
/// a mail client would show, independent of the Swift that wrote them.
public struct ReadMail: Decodable, Sendable {
    public struct Part: Decodable, Sendable {
        public let type: String
        public let filename: String?
        public let text: String?
    }

    public struct Event: Decodable, Sendable {
        public let uid: String
        public let sequence: Int
        public let start: String
        public let end: String
        public let tz: String
        public let summary: String
        public let location: String?
    }

    public let subject: String
    public let from_name: String
    public let from: String
    public let to_name: String
    public let to: String
    public let reply_to: String?
    public let message_id: String
    public let date: String
    public let content_type: String
    /// The longest line of the raw message, for its length.
    public let longest_line: String
    public let bare_line_feeds: Int
    public let parts: [Part]
    public let method: String?
    public let events: [Event]

    public static func read(_ files: [URL]) throws -> [ReadMail] {
        guard !files.isEmpty else { return [] }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [AtelierProcess.packageRoot.appendingPathComponent("Tests/TestSupport/read_mail.py").path] + files.map(\.path)
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return try JSONDecoder().decode([ReadMail].self, from: data)
    }
}
