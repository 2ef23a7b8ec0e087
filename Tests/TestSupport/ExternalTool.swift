import Foundation

/// A program run to its end, as a funder's or an accountant's software would read what Atelier
/// wrote: `pdftotext`, `pdffonts`, Python's `csv` and `openpyxl`.
public enum ExternalTool {
    public struct Outcome: Sendable {
        public let status: Int32
        public let output: String
    }

    /// Runs `executable` with `arguments`; polls for the end rather than `waitUntilExit`, which
    /// can hang in a test process.
    public static func run(_ executable: String, _ arguments: [String]) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        while process.isRunning { Thread.sleep(forTimeInterval: 0.005) }
        return Outcome(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    /// Runs one of the Python readers beside this file (`read_xlsx.py`, …) with Debian's Python,
    /// which has the modules they import, and decodes the JSON it prints.
    /// `interpreter` names another Python: the virtual environment's of the Factur-X checks.
    public static func python<T: Decodable>(
        _ script: String, _ arguments: [String], as type: T.Type, interpreter: String = "/usr/bin/python3"
    ) throws -> T {
        let path = AtelierProcess.packageRoot.appendingPathComponent("Tests/TestSupport/\(script)").path
        let outcome = try run(interpreter, [path] + arguments)
        guard outcome.status == 0 else {
            throw LoopbackServerError.didNotStart("\(script) exited with \(outcome.status)")
        }
        return try JSONDecoder().decode(T.self, from: Data(outcome.output.utf8))
    }
}
