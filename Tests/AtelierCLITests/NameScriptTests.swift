import Foundation
import TestSupport
import Testing

/// Every name in its own script, through the binary: participants renamed by `participant edit`
/// to 太郎 山田, محمد العربي and Zoé Œuvray get certificates and a feuille d'émargement that read
/// back as typed with poppler, set in the Noto fallbacks they need, embedded.
extension CertificateTests {
    static let renamed = [
        ("alice@asso.fr", "太郎", "山田"), ("bruno@asso.fr", "محمد", "العربي"), ("chloe@asso.fr", "Zoé", "Œuvray"),
    ]

    func rename() throws {
        for (email, first, last) in Self.renamed {
            let outcome = try atelier("participant", "edit", email, "--first-name", first, "--last-name", last)
            try #require(outcome.status == 0, "\(outcome.standardError)")
        }
    }

    @Test func certificatesPrintEveryNameInItsOwnScript() throws {
        try rename()
        #expect(try atelier("worker", "--until-idle").status == 0)
        let mails = try certificateMails()
        for (email, first, last) in Self.renamed {
            let mail = try #require(mails.first { $0.to == email })
            let (text, pdf) = try certificateText(mail)
            defer { pdf.remove() }
            // Prénom NOM in bold, as for every participant; uppercasing leaves Japanese and Arabic
            // alone.
            let printed = "\(first) \(last.uppercased())"
            #expect(text.contains("atteste que : \(printed) salarié(e) de la structure"), "\(text)")
            #expect(try pdf.info()["Title"] == "Certificat de réalisation — \(first) \(last)")
            let fonts = try pdf.fonts()
            #expect(fonts.allSatisfy { $0.embedded })
            let fallback =
                switch email {
                case "alice@asso.fr": "NotoSansCJKjp-"
                case "bruno@asso.fr": "NotoSansArabic-"
                default: nil as String?
                }
            if let fallback {
                #expect(fonts.contains { $0.name.contains("+" + fallback) }, "\(fonts.map(\.name))")
            } else {
                #expect(fonts.allSatisfy { $0.name.contains("DejaVuSans") }, "\(fonts.map(\.name))")
            }
        }
    }

    @Test func theAttendanceSheetPrintsEveryNameInItsOwnScript() throws {
        try rename()
        let sheet = folder.appendingPathComponent("feuille.pdf").path
        let outcome = try atelier("attendance", "sheet", TrainingYear.march, "--out", sheet)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let pdf = try PDFReading([UInt8](Data(contentsOf: URL(fileURLWithPath: sheet))))
        defer { pdf.remove() }
        let text = try pdf.pages().joined(separator: " ")
        for (_, first, last) in Self.renamed {
            #expect(text.contains("\(first) \(last.uppercased())"), "\(text)")
        }
        let fonts = try pdf.fonts().map(\.name)
        #expect(
            fonts.contains { $0.hasSuffix("+NotoSansCJKjp-Regular") }
                && fonts.contains { $0.hasSuffix("+NotoSansArabic-Regular") })
    }
}
