import Foundation

/// `atelier serve --port 0` as a process, its log in a file (so that a busy server never fills a
/// pipe), found on the port it says it serves on.
public final class PageServerProcess: @unchecked Sendable {
    public let process: Process
    public let log: URL
    public let port: Int

    /// Starts the server with `environment` (the database URL, settings) and `arguments` after
    /// `serve --port PORT` (0: any free one); returns once it listens.
    public init(environment: [String: String], port: Int = 0, arguments: [String] = []) throws {
        guard let binary = ProcessInfo.processInfo.environment["ATELIER_BINARY"] else {
            throw TestEnvironmentError.missing(
                "ATELIER_BINARY is not set: run the tests with `make test`, which builds atelier")
        }
        log = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-serve-\(UUID()).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["serve", "--port", String(port)] + arguments
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
        self.port = found
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

extension PageServerProcess {
    /// A port free on loopback now, for a server whose links must name its address before it
    /// starts (the kernel gives it; nothing else takes it in between on a test machine).
    public static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard bound else { throw HTTPExchange.Failure.socket("bind: \(String(cString: strerror(errno)))") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
