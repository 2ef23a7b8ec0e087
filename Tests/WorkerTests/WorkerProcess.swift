import Foundation
import TestSupport

/// A `TestWorker` process: the real worker with the tests' handlers, which a test can stop
/// gently, kill, or wait for. It logs to a file, so that a busy worker never blocks on a pipe.
final class WorkerProcess {
    let process = Process()
    let logFile = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-worker-\(UUID()).log")

    init(_ url: String, _ options: [String]) throws {
        guard let binary = ProcessInfo.processInfo.environment["ATELIER_BINARY"] else {
            throw TestEnvironmentError.missing(
                "ATELIER_BINARY is not set: run the tests with `make test`, which builds TestWorker beside atelier")
        }
        process.executableURL = URL(fileURLWithPath: binary).deletingLastPathComponent().appendingPathComponent(
            "TestWorker")
        process.arguments = [url] + options
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: logFile)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
    }

    deinit { try? FileManager.default.removeItem(at: logFile) }

    var pid: Int32 { process.processIdentifier }

    func terminate() { kill(pid, SIGTERM) }
    func kill9() { kill(pid, SIGKILL) }

    var log: String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }

    /// Waits for the end, at most `timeout`; returns the exit status.
    func finish(timeout: Duration = .seconds(120)) throws -> Int32 {
        guard try eventually(timeout, { !process.isRunning }) else {
            kill9()
            throw TestEnvironmentError.missing(
                "the worker \(pid) did not stop within \(timeout); its log:\n\(log.suffix(3000))")
        }
        return process.terminationStatus
    }
}

/// Polls `condition` every 20 ms until it holds, at most `timeout`.
func eventually(_ timeout: Duration = .seconds(30), _ condition: () throws -> Bool) throws -> Bool {
    let end = ContinuousClock.now + timeout
    while ContinuousClock.now < end {
        if try condition() { return true }
        Thread.sleep(forTimeInterval: 0.02)
    }
    return try condition()
}
