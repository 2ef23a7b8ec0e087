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
    /// How many records follow the header.
    public let count: Int
    private let bytes: [UInt8]
    private let delimiter: UInt8
    private let fileName: String
    /// Where the first record starts, after the header, and on which line.
    private let start: (index: Int, line: Int)

    /// Checks the whole file and reads its header; the records are read by `forEachRecord`, so
    /// that a long file never takes the memory of all its fields at once.
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
        guard Self.isUTF8(bytes) else {
            throw DocumentError(
                "The file \(fileName) is not UTF-8: line \(Self.firstInvalidLine(bytes)) has a character in another encoding; save it as « CSV UTF-8 » from your spreadsheet."
            )
        }
        let firstLine = bytes.prefix { $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\r") }
        self.delimiter =
            firstLine.count(where: { $0 == UInt8(ascii: ";") }) >= firstLine.count(where: { $0 == UInt8(ascii: ",") })
            ? UInt8(ascii: ";") : UInt8(ascii: ",")
        self.bytes = bytes
        self.fileName = fileName
        // One pass to check the structure, count the records and find where the header ends;
        // only the header's fields are made into strings.
        var header: [String]?
        var start = (index: bytes.count, line: 1)
        var count = 0
        try Self.parse(bytes, from: (0, 1), delimiter: delimiter, fileName: fileName, keepingFieldsOf: 1) {
            record, next in
            if header == nil {
                header = record.fields
                start = next
            } else {
                count += 1
            }
            return true
        }
        guard let header else {
            throw DocumentError("The file \(fileName) is empty: its first line names the columns.")
        }
        self.header = header
        self.count = count
        self.start = start
    }

    /// Hands each record after the header to `body`, in file order. (`init` checked the same
    /// bytes: what it throws is what `body` throws.)
    public func forEachRecord(_ body: (Record) throws -> Void) throws {
        var failure: (any Error)?
        try Self.parse(bytes, from: start, delimiter: delimiter, fileName: fileName, keepingFieldsOf: .max) {
            record, _ in
            do {
                try body(record)
                return true
            } catch {
                failure = error
                return false
            }
        }
        if let failure { throw failure }
    }

    /// Every record after the header.
    public var records: [Record] {
        get throws {
            var records: [Record] = []
            try forEachRecord { records.append($0) }
            return records
        }
    }

    /// Reads records from `start`, handing each to `body` with where the next one starts, until
    /// the end or until `body` returns `false`. Only the first `keepingFieldsOf` records have
    /// their fields made into strings; the others come with none.
    private static func parse(
        _ bytes: [UInt8], from start: (index: Int, line: Int), delimiter: UInt8, fileName: String,
        keepingFieldsOf kept: Int, _ body: (Record, (index: Int, line: Int)) -> Bool
    ) throws(DocumentError) {
        let quote = UInt8(ascii: "\"")
        let lf = UInt8(ascii: "\n")
        let cr = UInt8(ascii: "\r")
        var fields: [String] = []
        var fieldCount = 0
        var field: [UInt8] = []
        var line = start.line
        var recordLine = start.line
        var quoted = false
        var fieldWasQuoted = false
        var records = 0
        func malformed(_ why: String) -> DocumentError {
            DocumentError("The file \(fileName) is malformed on line \(line), field \(fieldCount + 1): \(why).")
        }
        func endField() {
            if records < kept { fields.append(String(decoding: field, as: UTF8.self)) }
            fieldCount += 1
            field.removeAll(keepingCapacity: true)
            fieldWasQuoted = false
        }
        /// Whether to go on.
        func endRecord(next: Int) -> Bool {
            let blank = fieldCount == 0 && field.isEmpty && !fieldWasQuoted
            endField()
            if !blank, !body(Record(line: recordLine, fields: fields), (next, line + 1)) { return false }
            if !blank { records += 1 }
            fields = []
            fieldCount = 0
            return true
        }
        var index = start.index
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
                guard endRecord(next: index) else { return }
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
        if !field.isEmpty || fieldCount > 0 || fieldWasQuoted { _ = endRecord(next: index) }
    }

    /// Whether the bytes are UTF-8, checked a piece at a time (never cut inside a character) so
    /// that the check does not hold a copy of the whole file.
    private static func isUTF8(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { bytes in
            var start = 0
            while start < bytes.count {
                var end = min(start + 65_536, bytes.count)
                while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
                guard String(validating: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self) != nil
                else { return false }
                start = end
            }
            return true
        }
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
