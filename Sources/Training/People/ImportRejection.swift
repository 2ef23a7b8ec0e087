/// A file refused as a whole: every problem found, each with its line and column; nothing was
/// written. The sentence shows the first few; `report` lists them all, for a file to fix.
public struct ImportRejection: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Problem: Sendable, Hashable {
        public let line: Int
        public let column: String?
        public let reason: String
        /// The row is well formed but names someone already there: a refusal, not a bad value.
        public let isDuplicate: Bool

        public var text: String { "line \(line)\(column.map { ", column \($0)" } ?? ""): \(reason)" }
    }

    /// How many problems the sentence shows before it counts the rest.
    public static let shown = 20

    public let fileName: String
    /// In file order.
    public let problems: [Problem]

    init(fileName: String, problems: [Problem]) {
        self.fileName = fileName
        self.problems = problems.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }
            .map(\.element)
    }

    /// Only duplicates: refused by a rule, like `participant add`; otherwise the file is bad input.
    public var kind: TrainingError.Kind { problems.allSatisfy(\.isDuplicate) ? .refused : .invalidInput }

    public var sentence: String {
        let count = problems.count
        let rows = Set(problems.map(\.line)).count
        var lines = problems.prefix(Self.shown).map { "  " + $0.text }
        if count > Self.shown {
            lines.append("  … and \(French.grouped(count - Self.shown)) more: `--report FILE` writes them all.")
        }
        return
            "The file \(fileName) has \(French.grouped(rows)) bad row\(rows == 1 ? "" : "s"); nothing was imported:\n"
            + lines.joined(separator: "\n")
    }

    /// Every problem, one per line.
    public var report: String { problems.map { $0.text + "\n" }.joined() }

    public var description: String { sentence }
}
