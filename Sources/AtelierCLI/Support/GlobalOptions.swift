import App
import ArgumentParser
import Documents
import Foundation
import Logging
import Training

/// The options every command takes.
public struct GlobalOptions: ParsableArguments {
    @Option(
        name: .customLong("database-url"),
        help: "The PostgreSQL URL to use, over ATELIER_DATABASE_URL and Config/atelier.yaml.")
    var databaseURL: String?

    @Flag(help: "On error, show everything known about it after the one-sentence summary.")
    var verbose = false

    public init() {}

    /// Runs a command's body with its context, and turns any error into one sentence on standard
    /// error and a distinct exit status (plus the full detail with `--verbose`).
    ///
    /// Log lines go to standard error from `logLevel` up: a command's errors are its one
    /// sentence, so only the worker and the page server, whose logs are their account, log
    /// below `.error`.
    func run(logLevel: Logger.Level = .error, _ body: (AppContext) throws -> Void) throws {
        Self.bootstrapLogging(logLevel)
        var context: AppContext?
        do {
            let ready = try AppContext(databaseURL: databaseURL.map { ("--database-url", $0) })
            context = ready
            try body(ready)
            try Terminal.flushOutput()
        } catch {
            throw report(error, context: context)
        }
    }

    /// The same for a command that awaits: `atelier serve`.
    public func run(logLevel: Logger.Level = .error, _ body: (AppContext) async throws -> Void) async throws {
        Self.bootstrapLogging(logLevel)
        var context: AppContext?
        do {
            let ready = try AppContext(databaseURL: databaseURL.map { ("--database-url", $0) })
            context = ready
            try await body(ready)
            try Terminal.flushOutput()
        } catch {
            throw report(error, context: context)
        }
    }

    private static func bootstrapLogging(_ level: Logger.Level) {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }

    /// Prints the error's sentence and returns the exit status that says its kind.
    private func report(_ error: any Error, context: AppContext?) -> ExitCode {
        if let exit = error as? ExitCode { return exit }
        let report = ErrorReport(
            error, database: context?.databaseLabel, privateClusterStopped: context?.usesPrivateCluster == true)
        if !report.sentence.isEmpty { Terminal.printError(report.sentence) }
        if verbose, let detail = report.detail { Terminal.printError(detail) }
        return report.status.exitCode
    }
}

/// The options of commands that can print JSON instead of text.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Print JSON with stable field names instead of text.")
    var json = false
}

enum Terminal {
    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((Printable.escaped(text, keepingLineBreaks: true) + "\n").utf8))
    }

    /// Says what a command wrote: on standard output, or on standard error when the document
    /// itself went to a stream (`--out /dev/stdout`), which then holds the document alone.
    static func confirm(_ sentence: String, wrote path: String) {
        if StagedPath.isStream(path) { printError(sentence) } else { print(sentence) }
    }

    /// Writes out what `print` buffered, and fails if it could not be written: a command whose
    /// output was lost does not exit 0. (A full disk or a closed pipe that failed an earlier
    /// flush fails this one too.)
    static func flushOutput() throws(OutputError) {
        if fflush(nil) != 0 { throw OutputError(code: errno) }
    }

    static func printJSON(_ value: some Encodable) throws {
        var text: [UInt8] = []
        try TerminalJSONEncoder().encode(value, depth: 0, into: &text)
        Swift.print(String(decoding: text, as: UTF8.self))
    }

    /// The CLI's JSON: stable field names in snake case, sorted, pretty-printed. What
    /// `TerminalJSONEncoder` writes, faster; the tests hold it to this.
    static func jsonEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    /// Rows as aligned text columns, the last one unpadded.
    static func table(_ rows: [[String]], indent: String = "") -> String {
        table(rows, widths: columnWidths(rows), indent: indent)
    }

    /// The width of each column: its widest cell.
    static func columnWidths(_ rows: [[String]]) -> [Int] {
        let count = rows.map(\.count).max() ?? 0
        return (0..<count).map { column in rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
    }

    /// Rows laid out in columns of the given widths; a wider cell pushes the rest of its row.
    static func table(_ rows: [[String]], widths: [Int], indent: String = "") -> String {
        rows.map { row in
            var line = indent
            for (column, cell) in row.enumerated() {
                line += cell
                guard column < row.count - 1 else { break }
                let width = column < widths.count ? widths[column] : 0
                line += String(repeating: " ", count: max(width - cell.count, 0) + 2)
            }
            return line
        }.joined(separator: "\n")
    }

    /// A progress line on standard error, redrawn in place, only when it is a terminal.
    final class Progress {
        let label: String
        let enabled = isatty(STDERR_FILENO) == 1
        private var shown = false

        init(label: String) { self.label = label }

        func update(_ done: Int, _ total: Int) {
            guard enabled, total >= 2000 else { return }
            FileHandle.standardError.write(Data("\r\(French.grouped(done)) / \(French.grouped(total)) \(label)".utf8))
            shown = true
        }

        func finish() {
            if shown { FileHandle.standardError.write(Data("\n".utf8)) }
        }
    }
}

/// Standard output could not be written. A reader that closed the pipe early (`| head`) has all
/// it wanted: that exit is quiet, but not 0.
struct OutputError: Error {
    let code: Int32

    var sentence: String {
        code == EPIPE ? "" : "Cannot write to standard output: \(String(cString: strerror(code)))."
    }
}

extension Terminal {
    /// Writes a document whole to `out` (it appears only once complete) and says so.
    static func write(_ bytes: [UInt8], to out: String) throws {
        let file = try OutputFile(path: out)
        try file.write(bytes)
        try file.commit()
        confirm("Wrote \(out).", wrote: out)
    }
}
