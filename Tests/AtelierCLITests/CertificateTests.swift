import Foundation
import Postgres
import TestSupport
import Testing
import Training

/// Certificats de réalisation through the binary: issued by `atelier worker` when a session is
/// completed, mailed as a PDF read back by Python's `email` and poppler, issued again after a
/// correction with the old version kept, and exported.
@Suite(.serialized) struct CertificateTests {
    let year: TrainingYear
    let catcher: MailCatcher
    let folder: URL

    init() throws {
        year = try TrainingYear()
        catcher = try MailCatcher()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-certificates-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func atelier(_ arguments: String...) throws -> AtelierProcess.Outcome {
        try year.atelier(
            arguments,
            environment: [
                "ATELIER_SMTP_URL": catcher.url,
                "ATELIER_MAIL_FROM": "Maison des associations <formation@mda-caen.example>",
            ])
    }

    func certificateMails() throws -> [ReadMail] {
        try ReadMail.read(catcher.messageFiles()).filter { $0.subject.hasPrefix("Votre certificat de réalisation") }
    }

    func count(_ sql: String) throws -> Int {
        try year.database.connect().execute(PostgresQuery(unsafeSQL: sql))[0].decode(Int.self, at: 0)
    }

    /// The text a reader sees in the certificate attached to `mail`.
    func certificateText(_ mail: ReadMail) throws -> (text: String, pdf: PDFReading) {
        let part = try #require(mail.parts.first { $0.type == "application/pdf" })
        let pdf = try PDFReading(try #require(part.bytes))
        return (try pdf.pages().joined(separator: "\n"), pdf)
    }

    static let today = French.day(LocalDate(Date(), in: TimeZone(identifier: "Europe/Paris")!))

    @Test func eachAttendeeReceivesTheirCertificateWithEveryFieldOfTheModel() throws {
        #expect(try atelier("worker", "--until-idle").status == 0)
        let mails = try certificateMails()
        #expect(
            mails.map(\.to).sorted() == [
                "alice@asso.fr", "bruno@asso.fr", "chloe@asso.fr", "damien@asso.fr", "emile@asso.fr",
            ],
            "Fanny attended nothing, Gaspard cancelled")
        let chloe = try #require(mails.first { $0.to == "chloe@asso.fr" })
        #expect(
            chloe.subject == "Votre certificat de réalisation — «\u{202F}Accompagner la fonction employeur\u{202F}»")
        #expect(chloe.parts.map(\.type) == ["text/plain", "text/html", "application/pdf", "application/pdf"])
        #expect(chloe.parts[2].filename == "certificat-S-2026-001-caron-chloe.pdf")
        #expect(chloe.parts[3].filename == "attestation-fin-formation-S-2026-001-caron-chloe.pdf")
        let attestation = try PDFReading(try #require(chloe.parts[3].bytes))
        defer { attestation.remove() }
        let attested = try attestation.pages().joined(separator: "\n")
        for field in [
            "Attestation de fin de formation",
            "Je soussigné(e) Claire Martin, Directrice de Maison des associations de Caen, atteste que Chloé CARON, de la structure Comité des fêtes d’Hérouville, a suivi la formation « Accompagner la fonction employeur » le 2 mars 2026.",
            "Durée suivie : 3 h 30 sur 7 h prévues (50 %).",
            "Le programme de la formation ne fixe pas d’objectifs évaluables.",
        ] {
            #expect(attested.contains(field), "the attestation says \(field)")
        }
        #expect(
            chloe.parts[0].text?.contains("Il atteste des 3\u{00A0}h\u{00A0}30 de formation que vous avez suivies.")
                == true)
        let (text, pdf) = try certificateText(chloe)
        defer { pdf.remove() }
        for field in [
            "Maison des associations de Caen", "8 rue Daniel Huet, 14000 Caen", "SIRET 77935012000019",
            "déclaration d’activité n° 28140123414",
            "Certificat de réalisation",
            "Je soussigné(e) Claire Martin, Directrice, représentant légal du dispensateur de l’action concourant au développement des compétences Maison des associations de Caen, atteste que :",
            "Chloé CARON", "salarié(e) de la structure Comité des fêtes d’Hérouville, Hérouville-Saint-Clair",
            "a suivi l’action « Accompagner la fonction employeur »",
            "☒ action de formation ☐ bilan de compétences ☐ action de VAE ☐ action de formation par apprentissage",
            "qui s’est déroulée le 2 mars 2026 pour une durée réalisée de 3 h 30 (3 heures et 30 minutes).",
            "pendant une durée de 3 ans à compter de la fin de l’année du dernier paiement",
            "Fait à Caen, le \(Self.today).", "Claire Martin, Directrice",
            "Cachet et signature du responsable du dispensateur de l’action",
        ] {
            #expect(text.contains(field), "the certificate says « \(field) »")
        }
        #expect(try pdf.fonts().allSatisfy { $0.name.contains("DejaVuSans") && $0.embedded })
        #expect(try pdf.info()["Pages"] == "1")
        #expect(try pdf.imageCount() == 0, "no stamp configured")
        let image = try pdf.renderFirstPage()
        defer { try? FileManager.default.removeItem(atPath: image) }
        #expect(
            try Data(contentsOf: URL(fileURLWithPath: image)).starts(with: [0x89, 0x50, 0x4E, 0x47]),
            "pdftoppm renders it")
        let bytes = try #require(chloe.parts[2].data)
        #expect(
            try count(
                "SELECT count(*) FROM certificate WHERE pdf = decode('\(bytes)', 'base64') AND sha256 = sha256(pdf) AND version = 1 AND attended_minutes = 210"
            ) == 1)
        #expect(try count("SELECT count(*) FROM certificate") == 5)
    }

    /// A correction after completion issues a new version to the one participant it concerns;
    /// the earlier version stays on record, and the others get nothing new.
    @Test func aCorrectionIssuesANewVersionAndKeepsTheOldOne() throws {
        #expect(try atelier("worker", "--until-idle").status == 0)
        #expect(
            try atelier(
                "attendance", "correct", TrainingYear.march, "--slot", "2026-03-02T14:00", "--present", "bruno@asso.fr",
                "--by", "Claire Martin", "--reason", "arrivé en retard, noté absent par erreur"
            ).status == 0)
        #expect(try atelier("worker", "--until-idle").status == 0)
        let bruno = try certificateMails().filter { $0.to == "bruno@asso.fr" }
        #expect(bruno.count == 2)
        #expect(try certificateMails().count == 6)
        let second = try #require(bruno.last)
        #expect(
            second.subject
                == "Votre certificat de réalisation rectifié — «\u{202F}Accompagner la fonction employeur\u{202F}»")
        #expect(second.parts[2].filename == "certificat-S-2026-001-benard-bruno-v2.pdf")
        #expect(second.parts[0].text?.contains("Il remplace le certificat envoyé précédemment") == true)
        let (text, pdf) = try certificateText(second)
        defer { pdf.remove() }
        #expect(text.contains("pour une durée réalisée de 7 h (7 heures)."))
        #expect(
            text.contains("Version 2 : remplace le certificat du \(Self.today), après une correction de l’émargement."))
        #expect(
            try count(
                "SELECT count(*) FROM certificate c JOIN registration r ON r.id = c.registration_id JOIN participant p ON p.id = r.participant_id WHERE p.email = 'bruno@asso.fr'"
            ) == 2)
        let list = try atelier("certificate", "list", TrainingYear.march)
        #expect(list.status == 0)
        let brunoLines = list.standardOutput.split(separator: "\n").filter { $0.contains("bruno@asso.fr") }
        #expect(
            brunoLines.count == 2 && brunoLines[0].contains("3\u{00A0}h\u{00A0}30")
                && brunoLines[1].contains("7\u{00A0}h"))
    }

    @Test func exportWritesTheLatestVersionOfEachCertificate() throws {
        #expect(try atelier("worker", "--until-idle").status == 0)
        #expect(
            try atelier(
                "attendance", "correct", TrainingYear.march, "--slot", "2026-03-02T14:00", "--present", "bruno@asso.fr",
                "--reason", "arrivé en retard, noté absent par erreur"
            ).status == 0)
        #expect(try atelier("worker", "--until-idle").status == 0)
        let all = try atelier("certificate", "export", TrainingYear.march, "--out", folder.path)
        #expect(all.status == 0, "\(all.standardError)")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(
            names == [
                "certificat-S-2026-001-aubert-alice.pdf", "certificat-S-2026-001-benard-bruno-v2.pdf",
                "certificat-S-2026-001-caron-chloe.pdf",
                "certificat-S-2026-001-dupre-damien.pdf", "certificat-S-2026-001-etienne-emile.pdf",
            ])
        let bruno = try Data(contentsOf: folder.appendingPathComponent("certificat-S-2026-001-benard-bruno-v2.pdf"))
        #expect(
            try count(
                "SELECT count(*) FROM certificate WHERE version = 2 AND pdf = decode('\(bruno.base64EncodedString())', 'base64')"
            ) == 1)
        #expect(all.standardOutput.split(separator: "\n").count == 5)

        let one = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-one-\(UUID())")
        try FileManager.default.createDirectory(at: one, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: one) }
        #expect(
            try atelier(
                "certificate", "export", TrainingYear.march, "--participant", "Alice@asso.fr", "--out", one.path
            ).status == 0)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: one.path) == ["certificat-S-2026-001-aubert-alice.pdf"])
    }

    @Test func exportRefusalsSayWhatAndWriteNothing() throws {
        let before = try year.database.fingerprint()
        let cases: [([String], Int32, String)] = [
            (
                ["certificate", "export", TrainingYear.april, "--out", folder.path], 66,
                "No certificate has been issued for the session S-2026-002 yet: the worker issues them once it is completed."
            ),
            (["certificate", "export", "S-2026-404", "--out", folder.path], 66, "No session has the code S-2026-404."),
            (
                ["certificate", "export", TrainingYear.march, "--participant", "fanny@asso.fr", "--out", folder.path],
                66,
                "No certificate has been issued to fanny@asso.fr for the session S-2026-001."
            ),
            (
                ["certificate", "export", TrainingYear.march, "--participant", "nobody@asso.fr", "--out", folder.path],
                66,
                "nobody@asso.fr has no registration for the session S-2026-001."
            ),
        ]
        for (arguments, status, sentence) in cases {
            let outcome = try year.atelier(arguments)
            #expect(outcome.standardError == sentence + "\n")
            #expect(outcome.status == status)
        }
        #expect(try year.database.fingerprint() == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    /// A name longer than a line wraps within the margins instead of running off the page.
    @Test func aLongOrganisationNameWraps() throws {
        let long =
            "Union départementale des associations familiales, sociales, culturelles et sportives du Calvados et de la Manche pour l’accompagnement des bénévoles et des salariés"
        _ = try OrganisationRecord(year.store()).edit { $0.name = long }
        #expect(try atelier("worker", "--until-idle").status == 0)
        let (text, pdf) = try certificateText(try #require(try certificateMails().first))
        defer { pdf.remove() }
        let (edge, width) = try pdf.rightmostWordEdge()
        #expect(edge <= width - 50 + 0.5, "a word ends at \(edge) of \(width)")
        #expect(text.contains(long))
    }

    /// With `documents.stamp-file`, the organisation's stamp is printed in the signature box; a
    /// file that is not a PNG stops the worker before any certificate.
    @Test func theStampIsPrintedInTheSignatureBox() throws {
        // A PNG to stamp with: a page of the feuille d'émargement, drawn by pdftoppm.
        let sheet = folder.appendingPathComponent("feuille.pdf").path
        #expect(try atelier("attendance", "sheet", TrainingYear.march, "--out", sheet).status == 0)
        let stamp = try PDFReading([UInt8](Data(contentsOf: URL(fileURLWithPath: sheet)))).renderFirstPage()
        defer { try? FileManager.default.removeItem(atPath: stamp) }
        let notPNG = try year.atelier(["worker", "--until-idle"], environment: ["ATELIER_DOCUMENTS_STAMP_FILE": sheet])
        #expect(notPNG.status == 78)
        #expect(
            notPNG.standardError
                == "The setting documents.stamp-file (from environment ATELIER_DOCUMENTS_STAMP_FILE) names \(sheet), which is not a PNG image.\n"
        )
        #expect(try count("SELECT count(*) FROM certificate") == 0)

        let outcome = try year.atelier(
            ["worker", "--until-idle"],
            environment: [
                "ATELIER_SMTP_URL": catcher.url, "ATELIER_DOCUMENTS_STAMP_FILE": stamp,
            ])
        #expect(outcome.status == 0)
        let (text, pdf) = try certificateText(try #require(try certificateMails().first))
        defer { pdf.remove() }
        #expect(try pdf.imageCount() == 1)
        #expect(text.contains("Cachet et signature du responsable du dispensateur de l’action"))
    }

    @Test func previewAttachesTheCertificateWithoutIssuingIt() throws {
        let outcome = try atelier(
            "mail", "preview", "certificate", "--registration", "\(TrainingYear.march)/chloe@asso.fr")
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(
            outcome.standardOutput.contains(
                "Subject: Votre certificat de réalisation — «\u{202F}Accompagner la fonction employeur\u{202F}»"))
        #expect(outcome.standardOutput.contains("Attached: certificat-S-2026-001-caron-chloe.pdf"))
        #expect(try count("SELECT count(*) FROM certificate") == 0)
    }
}
