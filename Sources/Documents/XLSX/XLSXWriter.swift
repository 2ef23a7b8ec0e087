import Foundation
import ZIPFoundation

/// Writes a one-sheet XLSX workbook: a bold header row, frozen; typed cells (numbers as numbers
/// with their decimals shown, dates as dates); a totals row whose numbers are `SUM` formulas
/// with their value cached, so that a reader that computes nothing still sees them; column
/// widths. Rows stream to a staged sheet file; `finish` zips the parts (Office Open XML, ECMA-376,
/// the minimal set: content types, relationships, workbook, styles, shared strings, sheet).
///
/// The sheet is kept small, as deflating it is most of the work: rows and cells carry no
/// reference (they follow each other), numbers no trailing zeros, and the texts of repeating
/// columns are written once, in the shared strings, up to `sharedLimit` of them — beyond,
/// inline: memory stays flat whatever the rows.
public final class XLSXWriter: TableWriter {
    private let output: StagedPath
    private let sheet: OutputFile
    private let sheetName: String
    private let columns: [Column]
    private let columnNames: [String]
    private var rowNumber = 0
    private var xml: [UInt8] = []
    private var shared: [String: Int] = [:]
    private var sharedInOrder: [String] = []
    static let sharedLimit = 10_000

    public init(path: String, sheetName: String, columns: [Column]) throws(DocumentError) {
        output = try StagedPath(path)
        sheet = try OutputFile(path: path, purpose: "sheet")
        self.sheetName = Self.validSheetName(sheetName)
        self.columns = columns
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
            for (name, text) in XLSXParts.fixed(sheetName: XML.escaped(sheetName)) + [
                ("xl/sharedStrings.xml", sharedStringsPart())
            ] {
                let data = Data(text.utf8)
                try archive.addEntry(
                    with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate
                ) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            try archive.addEntry(
                with: "xl/worksheets/sheet1.xml", fileURL: URL(fileURLWithPath: sheet.temporaryPath),
                compressionMethod: .deflate, bufferSize: 1 << 16)
        } catch {
            throw DocumentError("Cannot write \(output.path): \(error).")
        }
        try output.commit()
    }

    /// One `<row>`, built as bytes; with `sumDownTo`, each number is the sum of its column from
    /// row 2 to there.
    private func writeRow(_ row: [Cell], bold: Bool, sumDownTo lastRow: Int? = nil) throws(DocumentError) {
        rowNumber += 1
        xml.removeAll(keepingCapacity: true)
        xml += "<row>".utf8
        let style = bold ? #" s="1""# : ""
        for (index, cell) in row.enumerated() where index < columnNames.count {
            switch cell {
            case .empty:
                xml += "<c/>".utf8
            case .text(let text) where columns[index].repeats && !bold:
                if let number = sharedIndex(text) {
                    xml += Self.sharedStart
                    Cell.appendDecimal(number, places: 0, separator: 0, to: &xml)
                    xml += Self.valueEnd
                } else {
                    appendInline(text, style: style)
                }
            case .text(let text):
                appendInline(text, style: style)
            case .number(let units, let places):
                xml += Self.numberStart[(places == 0 ? 0 : 1) + (bold ? 2 : 0)]
                if let lastRow { xml += "<f>SUM(\(columnNames[index])2:\(columnNames[index])\(lastRow))</f>".utf8 }
                xml += Self.valueStart
                Cell.appendDecimal(units, places: places, separator: UInt8(ascii: "."), trimmingZeros: true, to: &xml)
                xml += Self.valueEnd
            case .date(let day):
                xml += Self.dateStart
                Cell.appendDecimal(day.daysSinceEpoch + Self.epochSerial, places: 0, separator: 0, to: &xml)
                xml += Self.valueEnd
            }
        }
        xml += "</row>".utf8
        try sheet.write(xml)
    }

    private func appendInline(_ text: String, style: String) {
        xml += #"<c t="inlineStr"\#(style)><is>"#.utf8
        XML.appendTextElement(text, to: &xml)
        xml += "</is></c>".utf8
    }

    /// The text's index in the shared strings, added if new and there is room.
    private func sharedIndex(_ text: String) -> Int? {
        if let index = shared[text] { return index }
        guard sharedInOrder.count < Self.sharedLimit else { return nil }
        shared[text] = sharedInOrder.count
        sharedInOrder.append(text)
        return sharedInOrder.count - 1
    }

    private func sharedStringsPart() -> String {
        var bytes = Array(XLSXParts.declaration.utf8)
        bytes +=
            #"<sst xmlns="\#(XLSXParts.main)" count="\#(sharedInOrder.count)" uniqueCount="\#(sharedInOrder.count)">"#
            .utf8
        for text in sharedInOrder {
            bytes += "<si>".utf8
            XML.appendTextElement(text, to: &bytes)
            bytes += "</si>".utf8
        }
        bytes += "</sst>".utf8
        return String(decoding: bytes, as: UTF8.self)
    }

    // The openings of cells: a number in styles 2, 3 (bold: 5, 6), a date, a shared text.
    static let numberStart = [2, 3, 5, 6].map { Array(#"<c s="\#($0)">"#.utf8) }
    static let dateStart = Array(#"<c s="4"><v>"#.utf8)
    static let sharedStart = Array(#"<c t="s"><v>"#.utf8)
    static let valueStart = Array("<v>".utf8)
    static let valueEnd = Array("</v></c>".utf8)

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
/// controls but tab and line ends, U+FFFE and U+FFFF would make the workbook unreadable).
enum XML {
    static func escaped(_ text: String) -> String {
        var bytes: [UInt8] = []
        appendEscaped(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `<t>text</t>`, keeping the spaces at either end only when the text has some.
    static func appendTextElement(_ text: String, to bytes: inout [UInt8]) {
        let padded = text.first?.isWhitespace == true || text.last?.isWhitespace == true
        bytes += (padded ? #"<t xml:space="preserve">"# : "<t>").utf8
        appendEscaped(text, to: &bytes)
        bytes += "</t>".utf8
    }

    /// Works on the UTF-8 bytes: every byte to escape or drop is ASCII, but for U+FFFE and
    /// U+FFFF (EF BF BE, EF BF BF), looked for only when an EF byte shows.
    static func appendEscaped(_ text: String, to bytes: inout [UInt8]) {
        let utf8 = text.utf8
        if utf8.contains(0xEF) {
            for scalar in text.unicodeScalars where scalar.value != 0xFFFE && scalar.value != 0xFFFF {
                appendEscaped(scalar.utf8, to: &bytes)
            }
        } else {
            appendEscaped(utf8, to: &bytes)
        }
    }

    private static func appendEscaped(_ utf8: some Sequence<UInt8>, to bytes: inout [UInt8]) {
        for byte in utf8 {
            switch byte {
            case Byte.ampersand: bytes += "&amp;".utf8
            case Byte.less: bytes += "&lt;".utf8
            case Byte.greater: bytes += "&gt;".utf8
            case Byte.quote: bytes += "&quot;".utf8
            case Byte.tab, Byte.lf, Byte.cr: bytes.append(byte)
            case ..<0x20: continue
            default: bytes.append(byte)
            }
        }
    }
}
