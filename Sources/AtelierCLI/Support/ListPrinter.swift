import ArgumentParser
import Foundation
import Training

/// `--limit` and `--after`, for the lists that grow long.
struct PageOptions: ParsableArguments {
    @Option(help: "Print at most this many.") var limit: Int?
    @Option(help: "Start after this one, as the end of the previous page names it.") var after: String?

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit takes a whole number of at least 1, not \(limit).") }
    }

    var page: ListPage { ListPage(after: after, limit: limit) }
}

/// Prints a list as its batches come from the database, so that its length never shows in the
/// memory: with `--json`, one array written element by element, exactly as `Terminal.printJSON`
/// would write the whole; otherwise a table whose column widths the header and the first batch set
/// (a list of one batch prints as `Terminal.table` would; a wider cell later pushes its row only).
struct ListPrinter<Item: Encodable> {
    private let json: Bool
    private let header: [String]
    private let cells: (Item) -> [String]
    private var widths: [Int]?
    private var printedJSON = false
    private let encoder = TerminalJSONEncoder()

    init(json: Bool, header: [String], cells: @escaping (Item) -> [String]) {
        self.json = json
        self.header = header
        self.cells = cells
    }

    mutating func add(_ batch: [Item]) throws {
        if json { return try printJSON(batch) }
        var rows = batch.map(cells)
        if widths == nil {
            rows.insert(header, at: 0)
            widths = Terminal.columnWidths(rows)
        }
        print(Terminal.table(rows, widths: widths ?? []))
    }

    /// Ends the list; when the page stopped before its end, says on standard error how to go on.
    mutating func finish(_ end: ListEnd) {
        if json {
            Swift.print(printedJSON ? "\n]" : "[\n\n]")
        } else if widths == nil {
            print(Terminal.table([header]))
        }
        if case .more(let after) = end {
            Terminal.printError("More follow: the next page starts with --after \(after).")
        }
    }

    /// The elements of a pretty-printed array, each one level in.
    private mutating func printJSON(_ batch: [Item]) throws {
        var text: [UInt8] = []
        for item in batch {
            text.append(contentsOf: (printedJSON ? ",\n  " : "[\n  ").utf8)
            printedJSON = true
            try encoder.encode(item, depth: 1, into: &text)
        }
        Swift.print(String(decoding: text, as: UTF8.self), terminator: "")
    }
}
