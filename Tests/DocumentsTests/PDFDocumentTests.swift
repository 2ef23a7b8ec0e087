import Documents
import Foundation
import TestSupport
import Testing

@Suite struct PDFDocumentTests {
    let document = PDFDocument(title: "Essai", created: "2027-04-09T17:30:00+02:00") { "Page \($0) sur \($1)" }

    @Test func frenchTextReadsBackInAnEmbeddedFont() throws {
        let pdf = try PDFReading(
            try document.render([
                .text("Certificat de réalisation", .title),
                .text(
                    "Émilie Lœuvre a suivi « Accompagner l’emploi associatif » : 10,5\u{00A0}h ☒ action de formation ☐ bilan"
                ),
            ]))
        defer { pdf.remove() }
        let pages = try pdf.pages()
        #expect(pages.count == 1)
        #expect(pages[0].contains("Certificat de réalisation"))
        // pdftotext reads the no-break space back as a space.
        #expect(
            pages[0].contains(
                "Émilie Lœuvre a suivi « Accompagner l’emploi associatif » : 10,5 h ☒ action de formation ☐ bilan"))
        #expect(pages[0].contains("Page 1 sur 1"))
        let fonts = try pdf.fonts()
        #expect(!fonts.isEmpty)
        #expect(fonts.allSatisfy { $0.name.contains("DejaVuSans") && $0.embedded })
        let info = try pdf.info()
        #expect(info["Title"] == "Essai")
        #expect(info["Page size"]?.hasPrefix("595.276 x 841.89") == true)
    }

    /// Every name in its own script: Japanese from Noto Sans CJK, Arabic joined and right to left
    /// in Noto Sans Arabic, inside a French sentence too, French in DejaVu Sans; each reads back
    /// as typed (a character no font has would read back as the hex digits of its box), and
    /// every font is embedded.
    @Test func everyNameReadsBackInItsOwnScript() throws {
        let names = ["山田 太郎", "محمد العربي", "Zoé Œuvray"]
        let table = PDFTable(
            columns: [.init("Prénom", weight: 1), .init("Nom", weight: 1)],
            rows: names.map { $0.split(separator: " ").map(String.init) })
        let pdf = try PDFReading(
            try document.render(
                names.map { .text($0, TextStyle(size: 14, weight: .bold)) } + [
                    .text("Présente : محمد العربي, de Caen."), .table(table),
                ]))
        defer { pdf.remove() }
        let page = try #require(try pdf.pages().first)
        #expect(page.hasPrefix("山田 太郎 محمد العربي Zoé Œuvray Présente : محمد العربي"))
        #expect(page.contains("Prénom Nom 山田 太郎 محمد العربي Zoé Œuvray"))
        let fonts = try pdf.fonts()
        for family in ["DejaVuSans-Bold", "DejaVuSans", "NotoSansCJKjp-Regular", "NotoSansArabic-Regular"] {
            #expect(fonts.contains { $0.name.hasSuffix("+" + family) }, "\(family) in \(fonts.map(\.name))")
        }
        #expect(fonts.allSatisfy { $0.embedded })
    }

    /// Wrapping follows Unicode's line breaking: Japanese breaks between characters, a no-break
    /// space holds its words together.
    @Test func linesBreakWhereTheirScriptAllows() throws {
        let canvas = try PDFCanvas(title: "Essai", created: "2027-04-09T17:30:00+02:00")
        let japanese = String(repeating: "山田太郎", count: 10)
        let lines = canvas.lines(of: japanese, width: 100, size: 10)
        #expect(lines.count > 1)
        #expect(lines.joined() == japanese)
        #expect(lines.allSatisfy { canvas.width(of: $0, size: 10) <= 100 })
        #expect(
            canvas.lines(of: "durée 10,5\u{00A0}h", width: canvas.width(of: "durée 10,5", size: 10), size: 10) == [
                "durée", "10,5\u{00A0}h",
            ])
    }

    /// A name too long for its line or its cell wraps: no word goes past the right margin, and
    /// every word is still there.
    @Test func longTextWrapsWithinTheMargins() throws {
        let name =
            "Fédération départementale des associations d’accompagnement à l’emploi associatif et de l’économie sociale et solidaire du Calvados"
        let table = PDFTable(
            columns: [.init("Nom", weight: 1), .init("Structure", weight: 2)],
            rows: [["Durand", name], ["Mot", String(repeating: "Anticonstitutionnellement", count: 4)]])
        let pdf = try PDFReading(try document.render([.text(name + " — " + name, TextStyle(size: 14)), .table(table)]))
        defer { pdf.remove() }
        let (edge, pageWidth) = try pdf.rightmostWordEdge()
        #expect(pageWidth > 595 && pageWidth < 596)
        #expect(edge <= pageWidth - 50 + 0.5, "a word ends at \(edge)")
        let words = try pdf.pages()[0]
        #expect(words.contains("Calvados — Fédération"))
        #expect(words.contains("Anticonstitutionnellement".prefix(12)))
    }

    /// A long table continues on the next pages, its header row drawn again on each; every page
    /// says its number and the count; no row is lost or split.
    @Test func aLongTableBreaksPagesAndRepeatsItsHeader() throws {
        let rows = (1...120).map { ["Participant \($0)", "Structure \($0)", ""] }
        let table = PDFTable(
            columns: [.init("Nom", weight: 2), .init("Structure", weight: 2), .init("Signature", weight: 1)],
            rows: rows, minimumRowHeight: 24)
        let pdf = try PDFReading(try document.render([.text("Feuille", .title), .table(table)]))
        defer { pdf.remove() }
        let pages = try pdf.pages()
        #expect(try pdf.info()["Pages"] == String(pages.count))
        #expect(pages.count == 5)
        for (index, page) in pages.enumerated() {
            #expect(page.contains("Signature"), "page \(index + 1) repeats the header")
            #expect(page.contains("Page \(index + 1) sur \(pages.count)"))
        }
        let found = pages.joined().components(separatedBy: "Participant ").dropFirst().compactMap {
            Int($0.prefix { $0.isNumber })
        }
        #expect(found == Array(1...120))
    }

    /// The same drawing on the same date is the same file: a document's checksum names its content.
    @Test func theSameDocumentIsTheSameBytes() throws {
        let blocks: [PDFBlock] = [
            .text("Certificat", .title), .table(PDFTable(columns: [.init("A", weight: 1)], rows: [["x"]])),
        ]
        let first = try document.render(blocks)
        let second = try document.render(blocks)
        #expect(first == second)
        #expect(first.starts(with: Array("%PDF-".utf8)))
        var later = document
        later.created = "2027-04-10T09:00:00+02:00"
        #expect(try later.render(blocks) != first)
    }

    /// A box holds its caption and, when given, a PNG drawn inside; bytes that are not a PNG are
    /// refused with a sentence.
    @Test func aBoxCarriesItsImage() throws {
        let page = try PDFReading(try document.render([.text("Tampon")]))
        defer { page.remove() }
        let image = try page.renderFirstPage()
        defer { try? FileManager.default.removeItem(atPath: image) }
        let png = try [UInt8](Data(contentsOf: URL(fileURLWithPath: image)))
        let boxed = try PDFReading(try document.render([.box(caption: "Cachet et signature", height: 120, image: png)]))
        defer { boxed.remove() }
        #expect(try boxed.imageCount() == 1)
        #expect(try boxed.pages()[0].contains("Cachet et signature"))
        let error = #expect(throws: DocumentError.self) {
            try document.render([.box(caption: "x", height: 50, image: Array("%PDF-".utf8))])
        }
        #expect(error?.description.hasPrefix("The image is not a PNG cairo can read: ") == true)
    }
}
