import Foundation

/// A Python server on loopback for one test, run from a script that writes the port it listens
/// on into `FOLDER/port`. Stopped, and its folder removed, with the test.
public final class LoopbackServer: @unchecked Sendable {
    public let folder: URL
    public private(set) var port = 0
    private let script: String
    private let arguments: [String]
    private var process: Process?

    /// `script` (under the package) runs as `script FOLDER arguments… [--port N]`.
    public init(script: String, arguments: [String] = []) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-server-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        self.script = script
        self.arguments = arguments
        try start()
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: folder)
    }

    /// Starts the server, on the port it had before if it ran already (an outage ends).
    public func start() throws {
        try? FileManager.default.removeItem(at: folder.appendingPathComponent("port"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments =
            [AtelierProcess.packageRoot.appendingPathComponent(script).path, folder.path] + arguments
            + (port == 0 ? [] : ["--port", String(port)])
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        self.process = process
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if let text = try? String(contentsOf: folder.appendingPathComponent("port"), encoding: .utf8),
                let chosen = Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
            {
                port = chosen
                return
            }
            guard process.isRunning else { break }
            Thread.sleep(forTimeInterval: 0.02)
        }
        throw LoopbackServerError.didNotStart(script)
    }

    /// Stops the server (SIGTERM, SIGKILL if it lingers) and waits until it is gone: an outage
    /// begins. Polls rather than `waitUntilExit`, which can hang in a test process.
    public func stop() {
        guard let process else { return }
        self.process = nil
        for signal in [SIGTERM, SIGKILL] {
            kill(process.processIdentifier, signal)
            let deadline = Date().addingTimeInterval(5)
            while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
            if !process.isRunning { return }
        }
    }

    /// The files whose name ends in `.suffix`, in the order of their number.
    public func numberedFiles(_ suffix: String) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".\(suffix)") }
            .sorted { (Int($0.dropLast(suffix.count + 1)) ?? 0) < (Int($1.dropLast(suffix.count + 1)) ?? 0) }
            .map { folder.appendingPathComponent($0) }
    }

    public func write(_ lines: [String], to name: String) throws {
        try (lines.joined(separator: "\n") + "\n").write(
            to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
}

public enum LoopbackServerError: Error {
    case didNotStart(String)
}

/// A real SMTP server on loopback: `scripts/mailcatcher.py` (aiosmtpd) saving each message it
/// accepts; with TLS (STARTTLS or from the first byte) and a required login when asked.
public final class MailCatcher: @unchecked Sendable {
    public enum Security: Sendable {
        case none
        case starttls(TestCertificate)
        case smtps(TestCertificate)
    }

    public let server: LoopbackServer
    let implicitTLS: Bool

    /// What the server does with a message: keeps it, forgets it (a benchmark's sink), or takes
    /// it and never answers its final dot nor anything after (a relay that hangs).
    public enum Behaviour: String, Sendable {
        case keep, discard, silent
    }

    public init(_ behaviour: Behaviour = .keep, security: Security = .none, login: String? = nil) throws {
        var arguments = behaviour == .keep ? [] : ["--\(behaviour.rawValue)"]
        switch security {
        case .none: break
        case .starttls(let certificate): arguments += ["--starttls", certificate.certificate, certificate.key]
        case .smtps(let certificate): arguments += ["--smtps", certificate.certificate, certificate.key]
        }
        if let login { arguments += ["--auth", login] }
        if case .smtps = security { implicitTLS = true } else { implicitTLS = false }
        server = try LoopbackServer(script: "scripts/mailcatcher.py", arguments: arguments)
    }

    public var url: String { "\(implicitTLS ? "smtps" : "smtp")://127.0.0.1:\(server.port)" }

    /// `tls` or `plain`, for each message accepted.
    public var transports: [String] {
        ((try? String(contentsOf: folder.appendingPathComponent("transport"), encoding: .utf8)) ?? "").split(
            separator: "\n"
        ).map(String.init)
    }
    public var folder: URL { server.folder }
    public func start() throws { try server.start() }
    public func stop() { server.stop() }

    /// The `FOLDER/rules` lines: `451 someone@asso.fr 2`, `550 nobody@asso.fr`.
    public func setRules(_ lines: [String]) throws { try server.write(lines, to: "rules") }

    /// The files of the messages accepted so far, in the order they came.
    public func messageFiles() -> [URL] { server.numberedFiles("eml") }

    /// Each accepted message's envelope: its MAIL FROM, then its RCPT TO addresses.
    public var envelopes: [[String]] {
        ((try? String(contentsOf: folder.appendingPathComponent("envelopes"), encoding: .utf8)) ?? "")
            .split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
    }

    /// How many messages a silent relay has taken without answering.
    public var held: Int {
        ((try? String(contentsOf: folder.appendingPathComponent("held"), encoding: .utf8)) ?? "")
            .split(separator: "\n").count
    }

    /// How many SMTP connections the server has accepted.
    public var connections: Int {
        ((try? String(contentsOf: folder.appendingPathComponent("connections"), encoding: .utf8)) ?? "")
            .split(separator: "\n").count
    }
}

/// A real HTTP(S) receiver on loopback (`http_receiver.py`) that checks each webhook's signature
/// with the shared secret, keeps each uploaded file, and answers the statuses it is given, in order.
public final class WebhookReceiver: @unchecked Sendable {
    public struct Request: Decodable, Sendable {
        public let method: String
        public let path: String
        public let status: Int
        public let eventId: String?
        public let signatureValid: Bool?
        public let ageSeconds: Double?
        public let contentType: String?
        public let sha256: String?
    }

    public let server: LoopbackServer
    public var secret: String {
        get { (try? String(contentsOf: server.folder.appendingPathComponent("secret"), encoding: .utf8)) ?? "" }
        set {
            try? newValue.write(to: server.folder.appendingPathComponent("secret"), atomically: true, encoding: .utf8)
        }
    }

    let scheme: String

    /// `secret`: the one the endpoint was given; settable later, as `atelier webhook add` prints it.
    /// With `tls`, the receiver speaks HTTPS with that certificate.
    public init(secret: String = "", tls: TestCertificate? = nil) throws {
        server = try LoopbackServer(
            script: "Tests/TestSupport/http_receiver.py",
            arguments: tls.map { ["--tls", $0.certificate, $0.key] } ?? [])
        scheme = tls == nil ? "http" : "https"
        self.secret = secret
    }

    public func url(_ path: String = "/events") -> String { "\(scheme)://127.0.0.1:\(server.port)\(path)" }

    /// The bytes of the `number`th request's upload (from 1).
    public func upload(_ number: Int) throws -> Data {
        try Data(contentsOf: server.folder.appendingPathComponent("\(number).bin"))
    }

    public func answer(_ statuses: [Int]) throws { try server.write(statuses.map(String.init), to: "statuses") }

    /// Makes every answer `bytes` longer: a receiver that answers far more than anyone reads.
    public func pad(_ bytes: Int) throws { try server.write([String(bytes)], to: "padding") }

    public func requests() throws -> [Request] {
        try server.numberedFiles("json").map {
            try JSONDecoder.snakeCase.decode(Request.self, from: Data(contentsOf: $0))
        }
    }
}

/// Saved messages as Python's `email` package and `icalendar` read them (`read_mail.py`): what
/// a mail client would show, independent of the Swift that wrote them.
public struct ReadMail: Decodable, Sendable {
    public struct Part: Decodable, Sendable {
        public let type: String
        public let filename: String?
        public let text: String?
        /// An attachment's bytes (a PDF), base64.
        public let data: String?

        public var bytes: [UInt8]? { data.flatMap { Data(base64Encoded: $0) }.map { [UInt8]($0) } }
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
    public let fromName: String
    public let from: String
    public let toName: String
    public let to: String
    public let replyTo: String?
    public let bcc: String?
    public let messageId: String
    public let date: String
    public let contentType: String
    /// The longest line of the raw message, for its length.
    public let longestLine: String
    public let bareLineFeeds: Int
    public let parts: [Part]
    public let method: String?
    public let events: [Event]

    public static func read(_ files: [URL]) throws -> [ReadMail] {
        guard !files.isEmpty else { return [] }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments =
            [AtelierProcess.packageRoot.appendingPathComponent("Tests/TestSupport/read_mail.py").path]
            + files.map(\.path)
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return try JSONDecoder.snakeCase.decode([ReadMail].self, from: data)
    }
}

/// A self-signed certificate for 127.0.0.1 (openssl), which a client trusts only when given it as
/// its CA file.
public struct TestCertificate: Sendable {
    public let certificate: String
    public let key: String

    public init() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-tls-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        certificate = folder.appendingPathComponent("relay.pem").path
        key = folder.appendingPathComponent("relay.key").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = [
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", certificate,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        while process.isRunning { Thread.sleep(forTimeInterval: 0.01) }
        guard process.terminationStatus == 0 else { throw LoopbackServerError.didNotStart("openssl req") }
    }
}

extension JSONDecoder {
    /// Python's helpers and `atelier … --json` write snake_case keys.
    public static var snakeCase: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }
}
