import Foundation
import TestSupport
import Testing

/// A certificate never outlives the attendance that justified it: a correction that leaves a
/// participant nothing attended withdraws it (a version of its own, kept, never exported, and
/// the participant told why); a correction back issues the next version.
extension CertificateTests {
    func correct(_ mark: String, _ email: String) throws {
        let outcome = try atelier(
            "attendance", "correct", TrainingYear.march, "--slot", "2026-03-02T09:00", mark, email, "--by",
            "Claire Martin", "--reason", "feuille papier relue")
        try #require(outcome.status == 0, "\(outcome.standardError)")
    }

    @Test func aCorrectionToNothingAttendedWithdrawsTheCertificate() throws {
        #expect(try atelier("worker", "--until-idle").status == 0)
        // Bruno was there in the morning only: 3 h 30, now absent then too.
        try correct("--absent", "bruno@asso.fr")
        #expect(try atelier("worker", "--until-idle").status == 0)

        let mails = try ReadMail.read(catcher.messageFiles()).filter {
            $0.to == "bruno@asso.fr" && !$0.subject.hasPrefix("Votre avis")
        }
        #expect(mails.count == 2)
        let withdrawal = try #require(mails.last)
        #expect(
            withdrawal.subject
                == "Retrait de votre certificat de réalisation — «\u{202F}Accompagner la fonction employeur\u{202F}»")
        #expect(withdrawal.parts.map(\.type) == ["text/plain", "text/html"])
        let text = try #require(withdrawal.parts.first?.text)
        #expect(text.contains("a été corrigée\u{A0}: vous n’y êtes plus noté(e) présent(e) à aucune séance."))
        #expect(text.contains("Le certificat de réalisation que nous vous avions envoyé est donc retiré"))
        #expect(try certificateMails().count == 5, "the others get nothing new")

        let list = try atelier("certificate", "list", TrainingYear.march)
        let bruno = list.standardOutput.split(separator: "\n").filter { $0.contains("bruno@asso.fr") }
        #expect(bruno.count == 2)
        #expect(bruno.first?.contains("3\u{A0}h\u{A0}30") == true)
        #expect(bruno.last?.contains("withdrawn") == true)

        let before = try year.database.fingerprint()
        let one = try atelier(
            "certificate", "export", TrainingYear.march, "--participant", "bruno@asso.fr", "--out", folder.path)
        #expect(one.status == 66)
        #expect(
            one.standardError
                == "The certificate of bruno@asso.fr for the session S-2026-001 was withdrawn on \(Self.today), after a correction of the attendance: there is none to export.\n"
        )
        #expect(try year.database.fingerprint() == before)
        let all = try atelier("certificate", "export", TrainingYear.march, "--out", folder.path)
        #expect(all.status == 0)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == [
                "certificat-S-2026-001-aubert-alice.pdf", "certificat-S-2026-001-caron-chloe.pdf",
                "certificat-S-2026-001-dupre-damien.pdf", "certificat-S-2026-001-etienne-emile.pdf",
            ])
        // A second run finds nothing more to withdraw.
        #expect(try atelier("worker", "--until-idle").status == 0)
        #expect(try count("SELECT count(*) FROM certificate WHERE withdrawn") == 1)
    }

    @Test func aCorrectionBackIssuesTheNextVersion() throws {
        #expect(try atelier("worker", "--until-idle").status == 0)
        try correct("--absent", "bruno@asso.fr")
        #expect(try atelier("worker", "--until-idle").status == 0)
        try correct("--present", "bruno@asso.fr")
        #expect(try atelier("worker", "--until-idle").status == 0)
        let mails = try ReadMail.read(catcher.messageFiles()).filter {
            $0.to == "bruno@asso.fr" && !$0.subject.hasPrefix("Votre avis")
        }
        #expect(mails.count == 3)
        let third = try #require(mails.last)
        #expect(third.subject.hasPrefix("Votre certificat de réalisation rectifié"))
        #expect(
            third.parts.compactMap(\.filename) == [
                "certificat-S-2026-001-benard-bruno-v3.pdf", "attestation-fin-formation-S-2026-001-benard-bruno.pdf",
            ])
        let (text, pdf) = try certificateText(third)
        defer { pdf.remove() }
        #expect(text.contains("pour une durée réalisée de 3 h 30"))
        let list = try atelier("certificate", "list", TrainingYear.march)
        #expect(list.standardOutput.split(separator: "\n").filter { $0.contains("bruno@asso.fr") }.count == 3)
        let export = try atelier(
            "certificate", "export", TrainingYear.march, "--participant", "bruno@asso.fr", "--out", folder.path)
        #expect(export.status == 0)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.path) == [
                "certificat-S-2026-001-benard-bruno-v3.pdf"
            ])
    }
}
