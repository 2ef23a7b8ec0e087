import Foundation

/// Reads a CSV file as French spreadsheets write it: `;` or `,` (whichever the header uses),
/// UTF-8 with or without a byte-order mark, CRLF, LF or CR line ends, quoted fields with `""`
/// for a quote. It works on the UTF-8 bytes (every character that structures the file is ASCII),
/// so a file of 100 000 rows reads in a fraction of a second. Anything malformed is refused with
/// its line and field: a stray quote, a NUL, another encoding.
public struct CSVReader {
    public struct Record {
        /// The file line the record starts on, from 1.
        public let line: Int
        public let fields: [String]
    }

    public let header: [String]
    public let records: [Record]

    public init(_ data: Data, fileName: String) throws(DocumentError) {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if Self.isUTF16(bytes) {
            throw DocumentError("The file \(fileName) is UTF-16 text: save it as « CSV UTF-8 » from your spreadsheet.")
        }
        if let nul = bytes.firstIndex(of: 0) {
            throw DocumentError(
                "The file \(fileName) has a NUL character on line \(Self.line(of: nul, in: bytes)): it is not a text file; save it as « CSV UTF-8 » from your spreadsheet."
            )
        }
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw DocumentError(
                "The file \(fileName) is not UTF-8: line \(Self.firstInvalidLine(bytes)) has a character in another encoding; save it as « CSV UTF-8 » from your spreadsheet."
            )
        }
        let firstLine = bytes.prefix { $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\r") }
        let delimiter =
            firstLine.count(where: { $0 == UInt8(ascii: ";") }) >= firstLine.count(where: { $0 == UInt8(ascii: ",") })
            ? UInt8(ascii: ";") : UInt8(ascii: ",")
        var records = try Self.parse(bytes, delimiter: delimiter, fileName: fileName)
        guard !records.isEmpty else {
            throw DocumentError("The file \(fileName) is empty: its first line names the columns.")
        }
        header = records.removeFirst().fields
        self.records = records
    }

    private static func parse(_ bytes: [UInt8], delimiter: UInt8, fileName: String) throws(DocumentError) -> [Record] {
        let quote = UInt8(ascii: "\"")
        let lf = UInt8(ascii: "\n")
        let cr = UInt8(ascii: "\r")
        var records: [Record] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1
        var recordLine = 1
        var quoted = false
        var fieldWasQuoted = false
        func malformed(_ why: String) -> DocumentError {
            DocumentError("The file \(fileName) is malformed on line \(line), field \(fields.count + 1): \(why).")
        }
        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            fieldWasQuoted = false
        }
        func endRecord() {
            let blank = fields.isEmpty && field.isEmpty && !fieldWasQuoted
            endField()
            if !blank { records.append(Record(line: recordLine, fields: fields)) }
            fields = []
        }
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if quoted {
                if byte == quote {
                    if index < bytes.count, bytes[index] == quote {
                        field.append(quote)  // a doubled quote inside a quoted field
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    if byte == lf || (byte == cr && (index == bytes.count || bytes[index] != lf)) { line += 1 }
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case quote:
                guard field.isEmpty, !fieldWasQuoted else {
                    throw malformed(
                        "a quote stands inside a field that does not start with one; put the whole field in quotes and double the quote (\"\")"
                    )
                }
                quoted = true
                fieldWasQuoted = true
            case delimiter:
                endField()
            case lf, cr:
                if byte == cr, index < bytes.count, bytes[index] == lf { index += 1 }
                endRecord()
                line += 1
                recordLine = line
            default:
                guard !fieldWasQuoted else {
                    throw malformed("text follows the closing quote of a field")
                }
                field.append(byte)
            }
        }
        if quoted {
            throw DocumentError("The file \(fileName) has a quote opened on line \(recordLine) and never closed.")
        }
        if !field.isEmpty || !fields.isEmpty || fieldWasQuoted { endRecord() }
        return records
    }

    /// UTF-16 with a byte-order mark, or without one: text whose every other byte is zero.
    private static func isUTF16(_ bytes: [UInt8]) -> Bool {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return true }
        let sample = bytes.prefix(200)
        guard sample.count >= 4 else { return false }
        let evenZeros = stride(from: 0, to: sample.count, by: 2).count { sample[sample.startIndex + $0] == 0 }
        let oddZeros = stride(from: 1, to: sample.count, by: 2).count { sample[sample.startIndex + $0] == 0 }
        return max(evenZeros, oddZeros) * 4 >= sample.count && min(evenZeros, oddZeros) == 0
    }

    private static func line(of offset: Int, in bytes: [UInt8]) -> Int {
        var line = 1
        var index = 0
        while index < offset {
            if bytes[index] == UInt8(ascii: "\n")
                || (bytes[index] == UInt8(ascii: "\r") && bytes[index + 1] != UInt8(ascii: "\n"))
            {
                line += 1
            }
            index += 1
        }
        return line
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
