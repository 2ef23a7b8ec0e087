import Foundation

/// A JSON value as Python prints it.
public enum Value: Decodable, Equatable, Sendable {
    case text(String)
    case number(Double)
    case bool(Bool)
    case null

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let bool = try? container.decode(Bool.self) {
            self = .bool(bool)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else {
            self = .text(try container.decode(String.self))
        }
    }
}

/// A CSV file as Python's `csv` module reads it (`read_table.py csv`).
public struct ReadCSV: Decodable, Sendable {
    public let bom: Bool
    /// How many CRLF line ends the file has.
    public let crlf: Int
    public let rows: [[String]]

    public static func read(_ path: String) throws -> ReadCSV {
        try ExternalTool.python("read_table.py", ["csv", path], as: ReadCSV.self)
    }
}

/// An XLSX workbook's first sheet as openpyxl reads it (`read_table.py xlsx`).
public struct ReadXLSX: Decodable, Sendable {
    public struct Cell: Decodable, Sendable {
        public let value: Value
        public let type: String
        public let format: String
        public let bold: Bool
    }
    public let sheets: [String]
    /// The cells as written: a formula is its text, `=SUM(…)`.
    public let rows: [[Cell]]
    /// The values cached with the cells, formulas' results included.
    public let cached: [[Value]]
    public let widths: [String: Double]
    public let frozen: String?

    public static func read(_ path: String) throws -> ReadXLSX {
        try ExternalTool.python("read_table.py", ["xlsx", path], as: ReadXLSX.self)
    }
}
