import Foundation
import TestSupport
import Testing
import Training

/// The questionnaire in a real browser (Debian's Chromium through chromium-driver, driven by
/// `Tests/TestSupport/browser_questionnaire.py`): the link read from a real email in the mail
/// catcher, answered with the keyboard alone on a desktop, and with taps on a phone. The
/// screenshots stay in `.atelier/screenshots/` to be looked at.
@Suite(.serialized) struct BrowserTests {
    struct Said: Decodable {
        let empty: String
        let lang: String
        let width: Int
        let viewport: Int
        let errors: [String]
        let summary: String
        let confirmation: String
    }

    /// Runs one of the browser scripts beside `browser.py` and decodes what it said (its RESULT
    /// line); a browser that failed fails the test, with what the script printed.
    static func browse<Said: Decodable>(_ script: String, _ arguments: [String], as: Said.Type) throws -> Said {
        let path = AtelierProcess.packageRoot.appendingPathComponent("Tests/TestSupport/\(script)").path
        let outcome = try ExternalTool.run("/usr/bin/python3", [path] + arguments)
        try #require(outcome.status == 0, "the browser failed: \(outcome.output)")
        let result = try #require(
            outcome.output.split(separator: "\n").first { $0.hasPrefix("RESULT ") }, "\(outcome.output)")
        return try JSONDecoder().decode(Said.self, from: Data(result.dropFirst("RESULT ".count).utf8))
    }

    @Test func aParticipantAnswersFromTheLinkInTheirEmail() throws {
        let year = try TrainingYear()
        let catcher = try MailCatcher()
        let port = try PageServerProcess.freePort()
        let base = "http://127.0.0.1:\(port)"
        let environment = [
            "ATELIER_DATABASE_URL": year.database.url, "ATELIER_WEB_BASE_URL": base,
            "ATELIER_SMTP_URL": catcher.url,
        ]
        let server = try PageServerProcess(environment: environment, port: port)
        #expect(try AtelierProcess.run(["worker", "--until-idle"], environment: environment).status == 0)
        let invitations = try ReadMail.read(catcher.messageFiles()).filter {
            $0.subject.hasPrefix("Votre avis sur")
        }
        func link(_ email: String) throws -> String {
            let mail = try #require(invitations.first { $0.to == email }, "an invitation to \(email)")
            let text = try #require(mail.parts.first { $0.type == "text/plain" }?.text)
            let match = try #require(text.firstMatch(of: /http:\/\/127\.0\.0\.1:\d+\/q\/[0-9a-f]{32}/))
            return String(match.0)
        }
        let screenshots = AtelierProcess.packageRoot.appendingPathComponent(".atelier/screenshots")
        for (mode, email) in [("keyboard", "chloe@asso.fr"), ("touch", "alice@asso.fr")] {
            let said = try Self.browse(
                "browser_questionnaire.py", [mode, try link(email), screenshots.path], as: Said.self)
            #expect(said.empty == "Votre avis à chaud")
            #expect(said.lang == "fr")
            #expect(said.width <= said.viewport, "\(mode): nothing wider than the screen")
            #expect(said.summary == "5 réponses sont à compléter.")
            #expect(said.errors.count == 5)
            #expect(said.confirmation == "Merci, vos réponses ont été reçues")
            for name in ["empty", "errors", "confirmation"] {
                #expect(
                    FileManager.default.fileExists(
                        atPath: screenshots.appendingPathComponent("\(mode)-\(name).png").path))
            }
        }
        let summary = try AtelierProcess.run(
            ["assessment", "show", TrainingYear.march, "--json"], environment: environment)
        #expect(summary.standardOutput.contains(#""responses" : 2"#))
        #expect(server.logText.contains("POST /q/"))
    }

    struct Reported: Decodable {
        let heading: String
        let width: Int
        let viewport: Int
        let empty: Bool
        let thanks: String
    }

    /// « Un problème ? Dites-le nous » from a questionnaire's page, on a phone: the browser asks
    /// for the text before sending, the message is recorded as a réclamation.
    @Test func aParticipantTellsAProblemFromTheirPage() throws {
        let year = try TrainingYear()
        let port = try PageServerProcess.freePort()
        let base = "http://127.0.0.1:\(port)"
        let server = try PageServerProcess(
            environment: ["ATELIER_DATABASE_URL": year.database.url, "ATELIER_WEB_BASE_URL": base], port: port)
        let screenshots = AtelierProcess.packageRoot.appendingPathComponent(".atelier/screenshots")
        let said = try Self.browse(
            "browser_problem.py", [base + (try year.questionnairePath("Chloé")), screenshots.path], as: Reported.self)
        #expect(said.heading == "Un problème\u{202F}? Dites-le nous")
        #expect(said.width <= said.viewport, "nothing wider than the screen")
        #expect(said.empty)
        #expect(said.thanks == "Merci, votre message est transmis")
        let recorded = try year.database.connect().execute(
            "SELECT kind || ' ' || text FROM incident WHERE source = 'participant'"
        ).map { try $0.decode(String.self, at: 0) }
        #expect(recorded == ["reclamation La salle était froide : pouvez-vous chauffer ?"])
        #expect(server.logText.contains("POST /probleme/"))
    }

    struct Signed: Decodable {
        let heading: String
        let consent: String
        let width: Int
        let viewport: Int
        let pad: [Int]
        let scrolled: Int
        let confirmation: String
    }

    /// A participant on a 390×844 phone opens their signing link, taps « Signer à la main »,
    /// draws with a finger on the full-screen pad and signs: the drawing, as a PNG, is the
    /// record's signature. It is written beside the screenshots, to be looked at.
    @Test func aParticipantSignsTheHalfDayWithAFingerOnAPhone() throws {
        let year = try TrainingYear()
        let (session, _) = try year.scheduleAroundNow()
        let port = try PageServerProcess.freePort()
        let base = "http://127.0.0.1:\(port)"
        let server = try PageServerProcess(
            environment: ["ATELIER_DATABASE_URL": year.database.url, "ATELIER_WEB_BASE_URL": base], port: port)
        let link = base + (try year.signingPath(try TrainingYear.email("Chloé"), in: session))
        let screenshots = AtelierProcess.packageRoot.appendingPathComponent(".atelier/screenshots")
        let said = try Self.browse("browser_signing.py", [link, screenshots.path], as: Signed.self)
        #expect(said.heading == "Émargement")
        #expect(
            said.consent.hasPrefix(
                "Je certifie avoir assisté à «\u{202F}Accompagner la fonction employeur\u{202F}», le "))
        #expect(said.width <= said.viewport, "nothing wider than the screen")
        #expect(said.pad[0] >= 350 && said.pad[1] >= 600, "the pad takes the screen: \(said.pad)")
        #expect(said.scrolled == 0, "nothing scrolls while drawing")
        #expect(said.confirmation == "Merci, votre signature est enregistrée")
        let row = try year.database.connect().execute(
            "SELECT signature_png, channel FROM attendance_evidence WHERE action = 'signature'")
        #expect(row.count == 1)
        let png = try row[0].decode(Data.self, "signature_png")
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count < Signatures.imageLimit)
        try png.write(to: screenshots.appendingPathComponent("signing-drawn.png"))
        #expect(server.logText.contains("POST /s/"))
    }

    struct Closed: Decodable {
        let heading: String
        let closing: String
        let width: Int
        let viewport: Int
        let states: [String]
        let marks: [String]
        let form: Int
    }

    /// A participant signs the half-day with a finger, then the trainer, on their own phone,
    /// marks another participant late with the reason, draws their signature and closes it: the
    /// sheet's PDF shows both drawings. Its first page is rendered beside the screenshots, to be
    /// looked at.
    @Test func theTrainerClosesTheHalfDayAndTheSheetShowsBothSignatures() throws {
        let year = try TrainingYear()
        let (session, _) = try year.schedule([try TrainingYear.slotsAroundNow()[1]])
        let port = try PageServerProcess.freePort()
        let base = "http://127.0.0.1:\(port)"
        let server = try PageServerProcess(
            environment: ["ATELIER_DATABASE_URL": year.database.url, "ATELIER_WEB_BASE_URL": base], port: port)
        let screenshots = AtelierProcess.packageRoot.appendingPathComponent(".atelier/screenshots")
        let chloe = base + (try year.signingPath(try TrainingYear.email("Chloé"), in: session))
        _ = try year.signingPath(try TrainingYear.email("Alice"), in: session)
        let alice = try year.database.connect().execute(
            "SELECT r.id FROM registration r JOIN participant p ON p.id = r.participant_id WHERE p.email = 'alice@asso.fr' AND r.session_id = (SELECT id FROM session WHERE code = \(session))"
        )[0].decode(Int.self, at: 0)
        #expect(
            try Self.browse("browser_signing.py", [chloe, screenshots.path], as: Signed.self).confirmation
                == "Merci, votre signature est enregistrée")
        let trainer = base + (try year.trainerPath(in: session))
        let said = try Self.browse(
            "browser_trainer.py", [trainer, String(alice), "train supprimé", screenshots.path], as: Closed.self)
        #expect(said.heading == "Émargement du formateur")
        #expect(said.closing.hasPrefix("Clore le "))
        #expect(said.width <= said.viewport, "nothing wider than the screen")
        #expect(said.states.count == 1 && said.states[0].hasPrefix("Close à "), "\(said.states)")
        #expect(said.marks.sorted() == ["Présence", "Retard : train supprimé"], "\(said.marks)")
        #expect(said.form == 0, "a closed half-day is read-only")
        #expect(server.logText.contains("POST /t/"))

        let file = screenshots.appendingPathComponent("sheet-trainer.pdf").path
        #expect(try year.atelier(["attendance", "sheet", session, "--out", file]).status == 0)
        let images = try ExternalTool.run("/usr/bin/pdfimages", ["-list", file])
        let rows = images.output.split(separator: "\n").dropFirst(2)
        #expect(rows.count == 2, "the participant's and the trainer's drawings: \(images.output)")
        _ = try ExternalTool.run(
            "/usr/bin/pdftoppm",
            [
                "-r", "70", "-png", "-f", "1", "-l", "1", "-singlefile", file,
                screenshots.appendingPathComponent("sheet-trainer").path,
            ])
        #expect(try year.atelier(["attendance", "verify", session]).status == 0)
    }
}
