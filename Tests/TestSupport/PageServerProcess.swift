import Foundation

/// `atelier serve --port 0` as a process, its log in a file (so that a busy server never fills a
/// pipe), found on the port it says it serves on.
public final class PageServerProcess: @unchecked Sendable {
    public let process: Process
    public let log: URL
    public let port: Int

    /// Starts the server with `environment` (the database URL, settings) and `arguments` after
    /// `serve --port 0`; returns once it listens.
    public init(environment: [String: String], arguments: [String] = []) throws {
        guard let binary = ProcessInfo.processInfo.environment["ATELIER_BINARY"] else {
            throw TestEnvironmentError.missing(
                "ATELIER_BINARY is not set: run the tests with `make test`, which builds atelier")
        }
        log = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-serve-\(UUID()).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["serve", "--port", "0"] + arguments
        process.currentDirectoryURL = AtelierProcess.packageRoot
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("ATELIER_") }
            .merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        let deadline = Date().addingTimeInterval(15)
        var found: Int?
        while found == nil, Date() < deadline, process.isRunning {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            found = text.firstMatch(of: /Serving on [^ ]+:(\d+);/).flatMap { Int($0.1) }
            if found == nil { usleep(20_000) }
        }
        guard let found else {
            process.terminate()
            throw LoopbackServerError.didNotStart(
                "atelier serve did not start: \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
        }
        port = found
    }

    deinit {
        if process.isRunning { process.terminate() }
        try? FileManager.default.removeItem(at: log)
    }

    /// What the server logged so far.
    public var logText: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    /// Sends `signal` and waits for the end: the exit status and the seconds it took.
    public func stop(with signal: Int32 = SIGTERM) -> (status: Int32, seconds: Double) {
        let start = Date()
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        return (process.terminationStatus, Date().timeIntervalSince(start))
    }

    /// One request over a new connection, as `HTTPExchange` sends it.
    public func request(
        _ method: String, _ path: String, headers: [(String, String)] = [], body: [UInt8] = []
    ) throws -> HTTPExchange.Response {
        try HTTPExchange.send(
            to: port, method: method, path: path, headers: headers, body: body)
    }
}
