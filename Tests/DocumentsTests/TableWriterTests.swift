import Foundation
import TestSupport
import Testing

@testable import Documents

@Suite struct TableWriterTests {
    let columns = [
        Column("Participant", width: 30, repeats: true), Column("Date", width: 12), Column("Heures", width: 8),
        Column("Montant", width: 12),
    ]
    let rows: [[Cell]] = [
        [
            .text("Émilie « Lœuvre »; dite \"Mimi\""), .date(CalendarDay(year: 2027, month: 4, day: 5)),
            .number(1050, places: 2), .number(360050, places: 2),
        ],
        [
            .text("=SOMME(A1)"), .date(CalendarDay(year: 2027, month: 12, day: 31)), .number(700, places: 2),
            .number(-5, places: 2),
        ],
        [.text("Ligne\nsur deux"), .empty, .number(0, places: 2), .number(12, places: 0)],
    ]
    let totals: [Cell] = [.text("Total"), .empty, .number(1750, places: 2), .number(360045, places: 2)]

    func temporaryPath(_ suffix: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("atelier-\(UUID()).\(suffix)").path
    }

    func write(_ writer: some TableWriter) throws {
        for row in rows { try writer.write(row) }
        try writer.writeTotals(totals)
        try writer.finish()
    }

    @Test func csvReadsBackInPythonWithCommaDecimals() throws {
        let path = temporaryPath("csv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try write(try CSVWriter(path: path, columns: columns))
        let read = try ReadCSV.read(path)
        #expect(read.bom)
        #expect(read.crlf == 5, "every row ends in CRLF; the line break inside a quoted field stays as written")
        #expect(
            read.rows == [
                ["Participant", "Date", "Heures", "Montant"],
                ["Émilie « Lœuvre »; dite \"Mimi\"", "05/04/2027", "10,50", "3600,50"],
                ["'=SOMME(A1)", "31/12/2027", "7,00", "-0,05"],
                ["Ligne\nsur deux", "", "0,00", "12"],
                ["Total", "", "17,50", "3600,45"],
            ])
    }

    @Test func xlsxOpensInOpenpyxlWithTypedCellsAndSumTotals() throws {
        let path = temporaryPath("xlsx")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try write(try XLSXWriter(path: path, sheetName: "OPCO: avril/mai", columns: columns))
        let read = try ReadXLSX.read(path)
        #expect(read.sheets == ["OPCO- avril-mai"])
        #expect(read.frozen == "A2")
        #expect(read.widths["A"] == 30 && read.widths["D"] == 12)
        #expect(read.rows[0].map(\.value) == [.text("Participant"), .text("Date"), .text("Heures"), .text("Montant")])
        #expect(read.rows[0].allSatisfy { $0.bold })
        let first = read.rows[1]
        #expect(first[0].value == .text("Émilie « Lœuvre »; dite \"Mimi\""))
        #expect(first[1].value == .text("2027-04-05") && first[1].type == "datetime" && first[1].format == "dd/mm/yyyy")
        #expect(first[2].value == .number(10.5) && first[2].format == "#,##0.00")
        #expect(first[3].value == .number(3600.5))
        #expect(read.rows[2][0].value == .text("=SOMME(A1)") && read.rows[2][0].type == "str")
        #expect(read.rows[3][0].value == .text("Ligne\nsur deux") && read.rows[3][1].value == .null)
        #expect(read.rows[3][3].value == .number(12) && read.rows[3][3].format == "#,##0")
        let total = read.rows[4]
        #expect(total[2].value == .text("=SUM(C2:C4)") && total[3].value == .text("=SUM(D2:D4)"))
        #expect(total.allSatisfy { $0.value == .null || $0.bold })
        #expect(read.cached[4] == [.text("Total"), .null, .number(17.5), .number(3600.45)])
    }

    /// Texts of a repeating column are kept once, up to a limit; beyond it they are written in
    /// place: every cell reads back whatever the count, and memory does not grow with the rows.
    @Test func sharedStringsStopAtTheirLimitAndEveryCellStillReadsBack() throws {
        let path = temporaryPath("xlsx")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try XLSXWriter(
            path: path, sheetName: "A", columns: [Column("Nom", width: 10, repeats: true), Column("N", width: 5)])
        let count = XLSXWriter.sharedLimit + 50
        for index in 0..<count { try writer.write([.text("Nom \(index % (count - 10))"), .number(index, places: 0)]) }
        try writer.writeTotals([.text("Total"), .number((0..<count).reduce(0, +), places: 0)])
        try writer.finish()
        let read = try ReadXLSX.read(path)
        #expect(read.rows.count == count + 2)
        #expect(read.rows[1][0].value == .text("Nom 0") && read.rows[count][0].value == .text("Nom 9"))
        #expect(read.rows[count - 20][0].value == .text("Nom \(count - 21)"))
        #expect(read.cached[count + 1][1] == .number(Double((0..<count).reduce(0, +))))
    }

    /// Nothing is at the path until the file is complete, and a writer dropped before `finish`
    /// leaves nothing behind: no half-written export for an accountant to send.
    @Test func anUnfinishedFileLeavesNothingBehind() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            let csv = try CSVWriter(path: folder.appendingPathComponent("a.csv").path, columns: columns)
            let xlsx = try XLSXWriter(
                path: folder.appendingPathComponent("a.xlsx").path, sheetName: "A", columns: columns)
            for _ in 0..<5_000 {
                try csv.write(rows[0])
                try xlsx.write(rows[0])
            }
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(left == [])
    }

    @Test func aPathThatCannotBeWrittenIsNamed() throws {
        #expect(throws: DocumentError("Cannot write /no/such/folder/a.csv: the folder /no/such/folder does not exist."))
        {
            try CSVWriter(path: "/no/such/folder/a.csv", columns: columns)
        }
        let folder = FileManager.default.temporaryDirectory.path
        #expect(throws: DocumentError("Cannot write \(folder): it is a folder.")) {
            try XLSXWriter(path: folder, sheetName: "A", columns: columns)
        }
    }
}
