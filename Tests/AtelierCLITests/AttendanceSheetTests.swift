import Foundation
import TestSupport
import Testing
import Training

/// `atelier attendance sheet`: the feuille d'émargement, read back with poppler.
@Suite struct AttendanceSheetTests {
    static let year = Result { try TrainingYear() }
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-sheet-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func sheet(_ arguments: [String]) throws -> (pages: [String], pdf: PDFReading) {
        let file = folder.appendingPathComponent("emargement-\(UUID()).pdf").path
        let outcome = try Self.year.get().atelier(["attendance", "sheet"] + arguments + ["--out", file])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.standardOutput == "Wrote \(file).\n")
        let pdf = try PDFReading(try [UInt8](Data(contentsOf: URL(fileURLWithPath: file))))
        return (try pdf.pages(), pdf)
    }

    @Test func aPagePerHalfDayWithEveryParticipantAndTheirMark() throws {
        let (pages, pdf) = try sheet([TrainingYear.march])
        defer { pdf.remove() }
        #expect(try pdf.info()["Pages"] == "3", "a page per half-day, then the audit trail")
        #expect(try pdf.fonts().allSatisfy(\.embedded))
        let morning = pages[0]
        let afternoon = pages[1]
        for field in [
            "Maison des associations de Caen", "Feuille d’émargement",
            "Action Accompagner la fonction employeur (S-2026-001)",
            "Date lundi 2 mars 2026", "Horaires de 9 h à 12 h 30 (3 h 30)",
            "Lieu Maison des associations, 8 rue Daniel Huet, 14000 Caen",
            "Formation animée par Scop L’Atelier coopératif", "Participant Structure Présence", "Signature",
            "Alice AUBERT Association Familles Rurales du Calvados présent(e)",
            "Chloé CARON Comité des fêtes d’Hérouville absence excusée",
            "Fanny FOURNIER Comité des fêtes d’Hérouville absent(e)",
            "Signature du formateur", "Feuille d’émargement S-2026-001 — page 1 sur 3",
        ] {
            #expect(morning.contains(field), "the morning's page says « \(field) »")
        }
        #expect(!morning.contains("GUÉRIN"), "a cancelled registration has no line")
        #expect(afternoon.contains("Horaires de 14 h à 17 h 30 (3 h 30)"))
        #expect(afternoon.contains("Bruno BÉNARD Association Familles Rurales du Calvados absent(e)"))
        #expect(afternoon.contains("Chloé CARON Comité des fêtes d’Hérouville présent(e)"))
        #expect(afternoon.contains("page 2 sur 3"))
    }

    /// The last page lists every record of the attendance evidence and ends with the chain's
    /// last hash, the one `attendance verify` gives.
    @Test func theAuditTrailEndsTheSheet() throws {
        let (pages, pdf) = try sheet([TrainingYear.march])
        defer { pdf.remove() }
        let trail = try #require(pages.last)
        #expect(trail.contains("Piste d’audit"))
        #expect(trail.contains("N° Date et heure Action Par Canal Adresse Empreinte"))
        #expect(trail.contains("Pointage : excusé — Chloé Caron Claire Martin coordination"))
        #expect(trail.components(separatedBy: "Pointage : ").count - 1 == 12, "the March marks")
        let verified = try Self.year.get().atelier(["attendance", "verify", TrainingYear.march]).standardOutput
        let last = try #require(verified.firstMatch(of: /the last hash ([0-9a-f]{64})/)).1
        #expect(trail.contains("Dernière empreinte de la chaîne : \(last)"))
        #expect(trail.contains("À vérifier avec « atelier attendance verify S-2026-001 »."))
    }

    @Test func aBlankSheetHasNoMarks() throws {
        let (pages, pdf) = try sheet([TrainingYear.march, "--blank"])
        defer { pdf.remove() }
        #expect(pages.count == 2)
        #expect(pages.allSatisfy { !$0.contains("présent(e)") && !$0.contains("absent(e)") && !$0.contains("excusée") })
        #expect(pages[0].contains("Alice AUBERT Association Familles Rurales du Calvados Bruno BÉNARD"))
    }

    @Test func refusalsLeaveNoFile() throws {
        let year = try Self.year.get()
        let missing = folder.appendingPathComponent("nowhere/e.pdf").path
        let cases: [([String], Int32, String)] = [
            (
                ["attendance", "sheet", "S-2026-404", "--out", folder.appendingPathComponent("e.pdf").path], 66,
                "No session has the code S-2026-404."
            ),
            (
                ["attendance", "sheet", TrainingYear.march, "--out", missing], 73,
                "Cannot write \(missing): the folder \(folder.appendingPathComponent("nowhere").path) does not exist."
            ),
        ]
        for (arguments, status, sentence) in cases {
            let before = try year.database.fingerprint()
            let outcome = try year.atelier(arguments)
            #expect(outcome.standardError == sentence + "\n")
            #expect(outcome.status == status)
            #expect(try year.database.fingerprint() == before)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }
}
