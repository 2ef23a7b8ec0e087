/// Writes a CSV file as French spreadsheets read it: `;` between fields, UTF-8 with a byte-order
/// mark (without it, Excel reads the accents as Windows-1252), CRLF line ends, RFC 4180 quoting,
/// decimal commas and dates as `05/04/2027`. Rows go to disk as they come.
///
/// A text that starts with `=`, `+`, `-` or `@` would be run as a formula by a spreadsheet
/// (CSV injection): it gets a leading apostrophe, which spreadsheets show as text.
public final class CSVWriter: TableWriter {
    private let file: OutputFile

    public init(path: String, columns: [Column]) throws(DocumentError) {
        file = try OutputFile(path: path)
        try file.write([0xEF, 0xBB, 0xBF])
        try write(columns.map { .text($0.title) })
    }

    public func write(_ row: [Cell]) throws(DocumentError) {
        var line = ""
        for (index, cell) in row.enumerated() {
            if index > 0 { line += ";" }
            line += Self.field(cell)
        }
        line += "\r\n"
        try file.write(line)
    }

    public func writeTotals(_ row: [Cell]) throws(DocumentError) { try write(row) }

    public func finish() throws(DocumentError) { try file.commit() }

    static func field(_ cell: Cell) -> String {
        switch cell {
        case .empty: return ""
        case .number: return cell.frenchNumber ?? ""
        case .date(let day):
            return "\(twoDigits(day.day))/\(twoDigits(day.month))/\(day.year)"
        case .text(let text):
            let safe = text.first.map { "=+-@".contains($0) } == true ? "'" + text : text
            guard safe.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else { return safe }
            return "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
}
