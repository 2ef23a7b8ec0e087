/// Writes a CSV file as French spreadsheets read it: `;` between fields, UTF-8 with a byte-order
/// mark (without it, Excel reads the accents as Windows-1252), CRLF line ends, RFC 4180 quoting,
/// decimal commas and dates as `05/04/2027`. Rows go to disk as they come, built as bytes.
///
/// A text that starts with `=`, `+`, `-` or `@` would be run as a formula by a spreadsheet
/// (CSV injection): it gets a leading apostrophe, which spreadsheets show as text.
public final class CSVWriter: TableWriter {
    private let file: OutputFile
    private var line: [UInt8] = []

    public init(path: String, columns: [Column]) throws(DocumentError) {
        file = try OutputFile(path: path)
        try file.write([0xEF, 0xBB, 0xBF])
        try write(columns.map { .text($0.title) })
    }

    public func write(_ row: [Cell]) throws(DocumentError) {
        line.removeAll(keepingCapacity: true)
        Self.append(row, to: &line)
        try file.write(line)
    }

    /// A small table as the bytes of its CSV file, byte for byte what a writer puts on disk: for
    /// a file that goes into an archive rather than a folder.
    public static func bytes(columns: [Column], rows: [[Cell]]) -> [UInt8] {
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]
        append(columns.map { .text($0.title) }, to: &bytes)
        for row in rows { append(row, to: &bytes) }
        return bytes
    }

    /// A row and its line end.
    static func append(_ row: [Cell], to bytes: inout [UInt8]) {
        for (index, cell) in row.enumerated() {
            if index > 0 { bytes.append(Byte.semicolon) }
            append(cell, to: &bytes)
        }
        bytes += [Byte.cr, Byte.lf]
    }

    public func writeTotals(_ row: [Cell]) throws(DocumentError) { try write(row) }

    public func finish() throws(DocumentError) { try file.commit() }

    static func append(_ cell: Cell, to bytes: inout [UInt8]) {
        switch cell {
        case .empty:
            break
        case .number(let units, let places):
            Cell.appendDecimal(units, places: places, separator: UInt8(ascii: ","), to: &bytes)
        case .date(let day):
            bytes += "\(day.day < 10 ? "0" : "")\(day.day)/\(day.month < 10 ? "0" : "")\(day.month)/\(day.year)".utf8
        case .text(let text):
            let utf8 = text.utf8
            let formula =
                utf8.first.map { $0 == Byte.equals || $0 == Byte.plus || $0 == Byte.minus || $0 == Byte.at } ?? false
            let quoted = utf8.contains { $0 == Byte.semicolon || $0 == Byte.quote || $0 == Byte.cr || $0 == Byte.lf }
            if quoted { bytes.append(Byte.quote) }
            if formula { bytes.append(Byte.apostrophe) }
            if quoted {
                for byte in utf8 {
                    bytes.append(byte)
                    if byte == Byte.quote { bytes.append(Byte.quote) }
                }
                bytes.append(Byte.quote)
            } else {
                bytes += utf8
            }
        }
    }
}

/// The ASCII bytes that structure CSV and XML.
enum Byte {
    static let semicolon = UInt8(ascii: ";"), quote = UInt8(ascii: "\""), apostrophe = UInt8(ascii: "'")
    static let cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n"), tab = UInt8(ascii: "\t")
    static let equals = UInt8(ascii: "="), plus = UInt8(ascii: "+"), minus = UInt8(ascii: "-"), at = UInt8(ascii: "@")
    static let ampersand = UInt8(ascii: "&"), less = UInt8(ascii: "<"), greater = UInt8(ascii: ">")
}
