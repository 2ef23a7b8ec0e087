import Foundation

/// Reads a CSV file as French spreadsheets write it: `;` or `,` (whichever the header uses),
/// UTF-8 with or without a byte-order mark, CRLF or LF, quoted fields with `""` for a quote.
struct CSVReader {
    struct Record {
        /// The file line the record starts on, from 1.
        let line: Int
        let fields: [String]
    }

    let header: [String]
    let records: [Record]

    init(_ data: Data, fileName: String) throws(TrainingError) {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .invalid("The file \(fileName) is not UTF-8: line \(Self.firstInvalidLine(bytes)) has a character in another encoding; save it as « CSV UTF-8 » from your spreadsheet.")
        }
        let firstLine = text.prefix { $0 != "\n" && $0 != "\r\n" }
        let delimiter: Character = firstLine.filter { $0 == ";" }.count >= firstLine.filter { $0 == "," }.count ? ";" : ","
        var records = try Self.parse(text, delimiter: delimiter, fileName: fileName)
        guard !records.isEmpty else { throw .invalid("The file \(fileName) is empty: its first line names the columns.") }
        header = records.removeFirst().fields
        self.records = records
    }

    private static func parse(_ text: String, delimiter: Character, fileName: String) throws(TrainingError) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field = ""
        var line = 1, recordLine = 1
        var quoted = false, fieldWasQuoted = false
        var iterator = text.makeIterator()
        func endRecord() {
            fields.append(field)
            if !(fields.count == 1 && fields[0].isEmpty && !fieldWasQuoted) {
                records.append(Record(line: recordLine, fields: fields))
            }
            fields = []
            field = ""
            fieldWasQuoted = false
        }
        while let character = iterator.next() {
            if quoted {
                if character == "\"" {
                    quoted = false
                } else {
                    if character == "\n" || character == "\r\n" { line += 1 }
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"":
                if fieldWasQuoted { field.append("\"") }  // a doubled quote inside a quoted field
                quoted = true
                fieldWasQuoted = true
            case delimiter:
                fields.append(field)
                field = ""
                fieldWasQuoted = false
            case "\n", "\r\n":
                endRecord()
                line += 1
                recordLine = line
            default:
                field.append(character)
            }
        }
        if quoted { throw .invalid("The file \(fileName) has a quote opened on line \(recordLine) and never closed.") }
        if !field.isEmpty || !fields.isEmpty || fieldWasQuoted { endRecord() }
        return records
    }

    private static func firstInvalidLine(_ bytes: [UInt8]) -> Int {
        var line = 1
        for chunk in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            if String(validating: chunk, as: UTF8.self) == nil { return line }
            line += 1
        }
        return line
    }
}
