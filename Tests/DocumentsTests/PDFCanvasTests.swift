import Documents
import Foundation
import Testing

@Suite struct PDFCanvasTests {
    /// Reads a PDF's text back with poppler's `pdftotext`, as a funder's software would.
    func extractText(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
        process.arguments = ["-enc", "UTF-8", path, "-"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self)
    }

    @Test func writesAOnePagePDFWhoseFrenchTextReadsBack() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-\(UUID()).pdf").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let canvas = try PDFCanvas(path: path)
        canvas.text("Certificat de réalisation", x: 72, y: 100, size: 18, weight: .bold)
        canvas.text("Émilie Lœuvre a suivi « Accompagner l’emploi associatif » : 10,5 h", x: 72, y: 140, size: 11)
        canvas.rectangle(x: 72, y: 160, width: 200, height: 60)
        try canvas.finish()

        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(data.starts(with: Array("%PDF-".utf8)))
        let text = try extractText(path)
        #expect(text.contains("Certificat de réalisation"))
        #expect(text.contains("Émilie Lœuvre a suivi « Accompagner l’emploi associatif » : 10,5 h"))
        #expect(text.components(separatedBy: "\u{0C}").filter { !$0.isEmpty }.count == 1)
    }

    @Test func anUnwritablePathIsAnError() {
        let error = #expect(throws: PDFError.self) { try PDFCanvas(path: "/no/such/folder/x.pdf").finish() }
        #expect(error?.description.hasPrefix("Cannot") == true)
    }
}
