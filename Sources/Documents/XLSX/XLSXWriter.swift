import Foundation
import ZIPFoundation

/// Writes a one-sheet XLSX workbook: a bold header row, frozen; typed cells (numbers as numbers
/// with their decimals shown, dates as dates); a totals row whose numbers are `SUM` formulas
/// with their value cached, so that a reader that computes nothing still sees them; column
/// widths. Rows stream to a staged sheet file; `finish` zips the parts (Office Open XML, ECMA-376,
/// the minimal set: content types, relationships, workbook, styles, sheet).
public final class XLSXWriter: TableWriter {
    private let output: StagedPath
    private let sheet: OutputFile
    private let sheetName: String
    private let columnNames: [String]
    private var rowNumber = 0

    public init(path: String, sheetName: String, columns: [Column]) throws(DocumentError) {
        output = try StagedPath(path)
        sheet = try OutputFile(path: path, purpose: "sheet")
        self.sheetName = Self.validSheetName(sheetName)
        columnNames = columns.indices.map(Self.columnName)
        var head = XLSXParts.worksheetStart
        head += "<cols>"
        for (index, column) in columns.enumerated() {
            head += #"<col min="\#(index + 1)" max="\#(index + 1)" width="\#(column.width)" customWidth="1"/>"#
        }
        head += "</cols><sheetData>"
        try sheet.write(head)
        try writeRow(columns.map { .text($0.title) }, bold: true)
    }

    public func write(_ row: [Cell]) throws(DocumentError) { try writeRow(row, bold: false) }

    public func writeTotals(_ row: [Cell]) throws(DocumentError) {
        let lastDataRow = rowNumber
        try writeRow(row, bold: true, sumDownTo: lastDataRow > 1 ? lastDataRow : nil)
    }

    public func finish() throws(DocumentError) {
        try sheet.write("</sheetData></worksheet>")
        try sheet.close()
        do {
            let archive = try Archive(url: URL(fileURLWithPath: output.temporaryPath), accessMode: .create)
            for (name, text) in XLSXParts.fixed(sheetName: XML.escaped(sheetName)) {
                let data = Data(text.utf8)
                try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            try archive.addEntry(with: "xl/worksheets/sheet1.xml", fileURL: URL(fileURLWithPath: sheet.temporaryPath),
                                 compressionMethod: .deflate, bufferSize: 1 << 16)
        } catch {
            throw DocumentError("Cannot write \(output.path): \(error).")
        }
        try output.commit()
    }

    /// One `<row>`; with `sumDownTo`, each number is the sum of its column from row 2 to there.
    private func writeRow(_ row: [Cell], bold: Bool, sumDownTo lastRow: Int? = nil) throws(DocumentError) {
        rowNumber += 1
        var xml = #"<row r="\#(rowNumber)">"#
        for (index, cell) in row.enumerated() where index < columnNames.count {
            let reference = columnNames[index] + String(rowNumber)
            switch cell {
            case .empty:
                continue
            case .text(let text):
                xml += #"<c r="\#(reference)" t="inlineStr"\#(bold ? #" s="1""# : "")><is><t xml:space="preserve">\#(XML.escaped(text))</t></is></c>"#
            case .number(let units, let places):
                let style = (places == 0 ? 2 : 3) + (bold ? 3 : 0)
                let value = Cell.decimal(units, places: places, separator: ".")
                let formula = lastRow.map { "<f>SUM(\(columnNames[index])2:\(columnNames[index])\($0))</f>" } ?? ""
                xml += #"<c r="\#(reference)" s="\#(style)">\#(formula)<v>\#(value)</v></c>"#
            case .date(let day):
                xml += #"<c r="\#(reference)" s="4"><v>\#(day.daysSinceEpoch + Self.epochSerial)</v></c>"#
            }
        }
        xml += "</row>"
        try sheet.write(xml)
    }

    /// The serial number of 1970-01-01 in a spreadsheet's 1900 date system (day 1 is
    /// 1900-01-01, counting the 29 February 1900 that Lotus 1-2-3 believed in).
    static let epochSerial = 25_569

    /// `A`, …, `Z`, `AA`, …: the column's letters.
    static func columnName(_ index: Int) -> String {
        var number = index + 1
        var name = ""
        while number > 0 {
            let remainder = (number - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + remainder))) + name
            number = (number - 1) / 26
        }
        return name
    }

    /// At most 31 characters, none of `[]:*?/\`, which Excel refuses in a sheet's name.
    static func validSheetName(_ name: String) -> String {
        let cleaned = String(name.map { "[]:*?/\\".contains($0) ? "-" : $0 }.prefix(31))
        return cleaned.isEmpty ? "Feuille 1" : cleaned
    }
}

@available(*, unavailable)
extension XLSXWriter: Sendable {}

/// Text as XML character data: the five escapes, and no character XML 1.0 forbids (the C0
/// controls but tab and line ends would make the workbook unreadable).
enum XML {
    static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: continue
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
