import Foundation

/// Runs the built `atelier` binary as a coordinator would, and captures what it says.
public struct AtelierProcess: Sendable {
    public struct Outcome: Sendable {
        public let status: Int32
        public let standardOutput: String
        public let standardError: String
    }

    /// The package's folder, which holds Migrations/ and Config/.
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Runs `atelier` with `arguments` to its end. The environment is the test's own with
    /// `ATELIER_…` variables removed, then `environment` on top: each test says what it sets.
    public static func run(
        _ arguments: [String], environment: [String: String] = [:],
        in directory: URL = packageRoot
    ) throws -> Outcome {
        try start(arguments, environment: environment, in: directory).finish()
    }

    /// Starts `atelier` and returns at once, so that several can run at the same time.
    public static func start(
        _ arguments: [String], environment: [String: String] = [:],
        in directory: URL = packageRoot
    ) throws -> Running {
        guard let binary = ProcessInfo.processInfo.environment["ATELIER_BINARY"] else {
            throw TestEnvironmentError.missing(
                "ATELIER_BINARY is not set: run the tests with `make test`, which builds atelier")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var base = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("ATELIER_") }
        base.merge(environment) { $1 }
        process.environment = base
        let running = Running(process: process)
        process.standardOutput = running.output
        process.standardError = running.error
        try process.run()
        return running
    }

    public final class Running {
        let process: Process
        let output = Pipe(), error = Pipe()

        init(process: Process) { self.process = process }

        /// The most memory the process has held so far (`VmHWM`), in KiB; `nil` once it ended.
        public var peakMemoryKiB: Int? {
            guard
                let status = try? String(
                    contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8),
                let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
            else { return nil }
            return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        }

        /// Sends `signal` (SIGTERM to stop it, SIGKILL to kill it mid-work).
        public func send(_ signal: Int32) { kill(process.processIdentifier, signal) }

        /// Waits for the end and returns what it printed (output is small: the pipes never fill).
        public func finish() -> Outcome {
            let outputData = output.fileHandleForReading.readDataToEndOfFile()
            let errorData = error.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return Outcome(
                status: process.terminationStatus,
                standardOutput: String(decoding: outputData, as: UTF8.self),
                standardError: String(decoding: errorData, as: UTF8.self))
        }
    }
}
