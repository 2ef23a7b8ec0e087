import Documents
import Foundation
import Testing

/// The reader refuses what it cannot read for sure, with the line and field, and reads every
/// line end spreadsheets write.
@Suite struct CSVReaderTests {
    func read(_ text: String) throws(DocumentError) -> CSVReader { try CSVReader(Data(text.utf8), fileName: "f.csv") }

    @Test func lineEndsOfEveryKind() throws {
        for end in ["\n", "\r\n", "\r"] {
            let csv = try read(["a;b", "1;2", "\"x\(end)y\";3", ""].joined(separator: end))
            #expect(csv.header == ["a", "b"])
            #expect(
                try csv.records.map(\.fields) == [["1", "2"], ["x\(end)y", "3"]], "\(end.unicodeScalars.map(\.value))")
            #expect(try csv.records.map(\.line) == [2, 3])
        }
    }

    @Test func quotesOutOfPlaceAreNamed() throws {
        #expect(
            throws: DocumentError(
                "The file f.csv is malformed on line 2, field 2: a quote stands inside a field that does not start with one; put the whole field in quotes and double the quote (\"\")."
            )
        ) {
            try read("a;b\n1;ab\"c\n")
        }
        #expect(
            throws: DocumentError(
                "The file f.csv is malformed on line 3, field 1: text follows the closing quote of a field.")
        ) {
            try read("a;b\n1;2\n\"x\"y;2\n")
        }
        #expect(try read("a;b\n\"say \"\"hi\"\"\";2\n").records[0].fields == ["say \"hi\"", "2"])
    }

    /// The check reads the file in pieces of 64 KiB: a character across two pieces is whole,
    /// and a stray byte far into the file is still found, on its line.
    @Test func longFilesAreCheckedWhole() throws {
        var text = Array("a;b\n".utf8)
        while text.count < 65_535 { text += Array("Élodie;Lœuvre\n".utf8) }
        text = Array(text.prefix(65_535)) + Array("é;x\n".utf8)
        let lines = text.count { $0 == UInt8(ascii: "\n") }
        #expect(try CSVReader(Data(text), fileName: "f.csv").count == lines - 1)
        #expect(
            throws: DocumentError(
                "The file f.csv is not UTF-8: line \(lines + 1) has a character in another encoding; save it as « CSV UTF-8 » from your spreadsheet."
            )
        ) {
            try CSVReader(Data(text + [0x45, 0xE9, 0x0A]), fileName: "f.csv")
        }
    }

    @Test func otherEncodingsAndNulAreNamed() throws {
        let utf16 = Data("prenom;nom\nA;B\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        #expect(throws: DocumentError("The file f.csv is UTF-16 text: save it as « CSV UTF-8 » from your spreadsheet."))
        {
            try CSVReader(utf16, fileName: "f.csv")
        }
        #expect(
            throws: DocumentError(
                "The file f.csv has a NUL character on line 3: it is not a text file; save it as « CSV UTF-8 » from your spreadsheet."
            )
        ) {
            try read("a;b\n1;2\nx\u{0}y;3\n")
        }
    }
}
