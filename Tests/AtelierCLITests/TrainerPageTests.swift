import Foundation
import Postgres
import TestSupport
import Testing
import Training

/// The trainer's page of a session, through the real server: yesterday's half-day, one under way
/// and tomorrow's; participants signing from their links or on the trainer's phone; the trainer
/// marking, signing and closing each half-day once, which makes the marks the attendance.
@Suite struct TrainerPageTests {
    let year: TrainingYear
    let server: PageServerProcess
    let session: String
    /// The slots' ids: yesterday's, the one under way, tomorrow's.
    let slots: [Int]
    let pages: SigningPageTests

    init() throws {
        pages = try SigningPageTests()
        year = pages.year
        server = pages.server
        session = pages.session
        slots = pages.slots
        for name in ["Chloé", "Alice", "Damien"] {
            _ = try Registrations(try year.store()).register(try TrainingYear.email(name), in: session)
        }
    }

    func registration(_ name: String, in code: String? = nil) throws -> Int {
        try year.database.connect().execute(
            """
            SELECT r.id FROM registration r JOIN participant p ON p.id = r.participant_id
            JOIN session s ON s.id = r.session_id
            WHERE p.email = \(try TrainingYear.email(name).text) AND s.code = \(code ?? session)
            """)[0].decode(Int.self, at: 0)
    }

    /// Chloé signs the half-day under way from her own link.
    func chloeSigns() throws {
        let path = try pages.chloe()
        let signed = try pages.post(
            path, [("csrf", try pages.csrf(path)), ("slot", String(slots[1])), ("name", "Chloé C"), ("certify", "oui")])
        #expect(signed.status == 200)
    }

    /// The trainer closes `slot` with `marks` (name → status, reason), signed with a typed name.
    func close(
        _ path: String, slot: Int, marks: [(String, String, String)] = [], certify: Bool = true, drawn: Bool = false,
        in code: String? = nil
    ) throws -> HTTPExchange.Response {
        var fields = [("csrf", try pages.csrf(path)), ("slot", String(slot)), ("name", "Sophie Formatrice")]
        if certify { fields.append(("certify", "oui")) }
        if drawn { fields.append(("drawing", SigningPageTests.drawing(try SignatureImage.png()))) }
        for (name, status, reason) in marks {
            let id = try registration(name, in: code)
            fields += [("status-\(id)", status), ("reason-\(id)", reason)]
        }
        return try pages.post(path, fields)
    }

    func attendance(slot: Int) throws -> [String: String] {
        try year.database.connect().execute(
            """
            SELECT p.first_name, a.status FROM attendance a JOIN registration r ON r.id = a.registration_id
            JOIN participant p ON p.id = r.participant_id WHERE a.slot_id = \(slot)
            """
        ).reduce(into: [:]) { $0[try $1.decode(String.self, at: 0)] = try $1.decode(String.self, at: 1) }
    }

    @Test func theTrainerSeesWhoSignedAndOpeningChangesNothing() throws {
        try chloeSigns()
        let path = try year.trainerPath(in: session)
        let before = try year.database.fingerprint()
        let page = try server.request("GET", path)
        #expect(page.status == 200)
        for expected in [
            "<h1>Émargement du formateur</h1>", "Bonjour Scop L’Atelier coopératif.", "Chloé Caron",
            "Signée à ", "Pas de signature", "Faire signer sur ce téléphone", "À clore", "En cours", "À venir",
            "Je certifie avoir animé «\u{202F}Accompagner la fonction employeur\u{202F}», le ",
            "et que les présences ci-dessus sont exactes.", "name=\"slot\" value=\"\(slots[0])\"",
            "<option value=\"late\">Retard</option>", "<option value=\"absent\" selected>Absence</option>",
        ] {
            #expect(page.text.contains(expected), "the page says \(expected)")
        }
        #expect(try year.database.fingerprint() == before)
    }

    @Test func aParticipantSignsOnTheTrainersPhone() throws {
        let path = try year.trainerPath(in: session)
        let alice = try registration("Alice")
        let handed = try server.request("GET", path + "?pour=\(alice)")
        #expect(handed.status == 200 && handed.text.contains("Bonjour Alice Aubert"))
        #expect(handed.text.contains("name=\"registration\" value=\"\(alice)\""))
        let signed = try pages.post(
            path + "?pour=\(alice)",
            [
                ("csrf", try pages.csrf(path)), ("slot", String(slots[1])), ("registration", String(alice)),
                ("drawing", SigningPageTests.drawing(try SignatureImage.png())),
            ])
        #expect(signed.status == 303 && signed.headers["location"] == String(path.dropFirst(3)))
        let row = try year.database.connect().execute(
            """
            SELECT e.channel, e.actor, l.trainer_id IS NOT NULL FROM attendance_evidence e JOIN signing_link l ON l.id = e.link_id
            WHERE e.action = 'signature' AND e.registration_id = \(alice)
            """)[0]
        #expect(try row.decode((String, String, Bool).self) == ("trainer-phone", "Alice Aubert", true))
        #expect(try server.request("GET", path).text.contains("sur votre téléphone"))
        let stranger = try server.request("GET", path + "?pour=999999")
        #expect(stranger.status == 404)
    }

    @Test func theTrainerClosesAHalfDayOnceAndItsMarksBecomeTheAttendance() throws {
        try chloeSigns()
        let path = try year.trainerPath(in: session)
        let closed = try close(path, slot: slots[1], marks: [("Alice", "late", "train supprimé")], drawn: true)
        #expect(closed.status == 303, "\(closed.text)")
        #expect(try attendance(slot: slots[1]) == ["Chloé": "present", "Alice": "present", "Damien": "absent"])
        let records = try year.database.connect().execute(
            """
            SELECT action, coalesce(status, ''), coalesce(reason, ''), trainer_id IS NOT NULL FROM attendance_evidence
            WHERE slot_id = \(slots[1]) ORDER BY position
            """
        ).map { try $0.decode((String, String, String, Bool).self) }
        #expect(records.map(\.0) == ["signature", "signature", "mark", "mark", "mark", "closing"])
        #expect(records.contains { $0 == ("mark", "late", "train supprimé", true) })
        let page = try server.request("GET", path).text
        #expect(page.contains("Close à ") && page.contains("par Scop L’Atelier coopératif"))
        #expect(page.contains("Retard\u{00A0}: train supprimé"))

        let damien = try pages.link(try TrainingYear.email("Damien"))
        let before = try year.database.fingerprint()
        let again = try close(path, slot: slots[1])
        #expect(again.status == 409 && again.text.contains("Cette demi-journée est déjà close"))
        let late = try pages.post(
            damien,
            [
                ("csrf", try SigningPageTests.csrf(signing: damien)), ("slot", String(slots[1])), ("name", "D"),
                ("certify", "oui"),
            ])
        #expect(late.status == 409 && late.text.contains("Cette demi-journée est close"))
        #expect(try year.database.fingerprint() == before)

        let verify = try year.atelier(["attendance", "verify", session])
        #expect(
            verify.status == 0 && verify.standardOutput.contains("is intact: 6 records"), "\(verify.standardOutput)")
    }

    @Test func whatCannotBeClosedIsRefusedAndNothingChanges() throws {
        let path = try year.trainerPath(in: session)
        let before = try year.database.fingerprint()
        let cases: [(Int, [(String, String, String)], Bool, Int, String)] = [
            (
                slots[1], [("Alice", "late", "")], true, 422,
                "Motif manquant pour Alice Aubert\u{00A0}: donnez la raison"
            ),
            (slots[1], [("Alice", "left-early", " ")], true, 422, "Motif manquant pour Alice Aubert"),
            (slots[1], [], false, 422, "tapez vos prénom et nom, puis cochez la case"),
            (slots[2], [], true, 409, "ne se signe pas encore"),
            (123_456, [], true, 409, "ne se signe plus"),
        ]
        for (slot, marks, certify, status, sentence) in cases {
            let response = try close(path, slot: slot, marks: marks, certify: certify)
            #expect(response.status == status, "\(slot) \(marks) → \(status)")
            #expect(response.text.contains(sentence), "\(slot) \(marks) says \(sentence)")
        }
        let token = try pages.csrf(path)
        let malformed = try pages.post(
            path,
            [("csrf", token), ("slot", String(slots[1])), ("status-1", "maybe"), ("name", "S"), ("certify", "oui")])
        #expect(malformed.status == 400)
        let forged = try pages.post(path, [("csrf", String(repeating: "0", count: 64)), ("slot", String(slots[1]))])
        #expect(forged.status == 403)
        #expect(try server.request("GET", "/t/" + String(repeating: "ab", count: 16)).status == 404)
        #expect(try year.database.fingerprint() == before)

        #expect(try year.atelier(["session", "cancel", session]).status == 0)
        let gone = try server.request("GET", path)
        #expect(gone.status == 410 && gone.text.contains("Il n’y a rien à certifier"))
    }

    /// A coordinator's correction after the trainer closed: a record of its own, with its reason.
    @Test func aCoordinatorCorrectsAClosedHalfDayWithAReason() throws {
        let path = try year.trainerPath(in: session)
        #expect(try close(path, slot: slots[0]).status == 303)
        #expect(try attendance(slot: slots[0]).values.allSatisfy { $0 == "absent" })
        let correct = try year.atelier([
            "attendance", "correct", session, "--slot", try slotStart(slots[0]), "--present",
            try TrainingYear.email("Damien").text, "--reason", "feuille papier signée, retrouvée",
        ])
        #expect(correct.status == 0, "\(correct.standardError)")
        #expect(try attendance(slot: slots[0])["Damien"] == "present")
        let last = try year.database.connect().execute(
            "SELECT action, channel, reason FROM attendance_evidence ORDER BY id DESC LIMIT 1")[0]
        #expect(
            try last.decode((String, String, String).self) == ("correction", "cli", "feuille papier signée, retrouvée"))
        #expect(try year.atelier(["attendance", "verify", session]).status == 0)
    }

    /// `--slot`'s text for a slot: its start in Paris, `2027-04-05T09:00`.
    func slotStart(_ slot: Int) throws -> String {
        try year.database.connect().execute(
            "SELECT to_char(starts_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD\"T\"HH24:MI') FROM slot WHERE id = \(slot)"
        )[0].decode(String.self, at: 0)
    }

    /// The certificate issued after completion states the hours of the closed half-days: late
    /// and gone early attended, absent not.
    @Test func theCertificateStatesTheHoursOfTheClosedHalfDays() throws {
        let day = try TrainingYear.day(-2)
        let (code, halfDays) = try year.schedule(["\(day)T09:00-12:30", "\(day)T14:00-17:00"])
        for name in ["Chloé", "Alice"] {
            _ = try Registrations(try year.store()).register(try TrainingYear.email(name), in: code)
        }
        let path = try year.trainerPath(in: code)
        let morning = try close(
            path, slot: halfDays[0], marks: [("Chloé", "late", "bus en retard"), ("Alice", "absent", "")], in: code)
        #expect(morning.status == 303, "\(morning.text)")
        let afternoon = try close(
            path, slot: halfDays[1], marks: [("Chloé", "present", ""), ("Alice", "left-early", "rendez-vous médical")],
            in: code)
        #expect(afternoon.status == 303, "\(afternoon.text)")
        #expect(try year.atelier(["session", "complete", code]).status == 0)
        let catcher = try MailCatcher()
        let environment = [
            "ATELIER_DATABASE_URL": year.database.url, "ATELIER_SMTP_URL": catcher.url,
            "ATELIER_WEB_BASE_URL": "https://formation.asso.example",
        ]
        #expect(try AtelierProcess.run(["worker", "--until-idle"], environment: environment).status == 0)
        let minutes = try year.database.connect().execute(
            """
            SELECT p.first_name, c.attended_minutes FROM certificate c JOIN registration r ON r.id = c.registration_id
            JOIN participant p ON p.id = r.participant_id JOIN session s ON s.id = r.session_id WHERE s.code = \(code)
            """
        ).reduce(into: [String: Int]()) { $0[try $1.decode(String.self, at: 0)] = try $1.decode(Int.self, at: 1) }
        #expect(minutes == ["Chloé": 390, "Alice": 180])
        let certificates = try ReadMail.read(catcher.messageFiles()).filter {
            $0.to == "alice@asso.fr" && $0.subject.contains("ertificat")
        }
        #expect(
            certificates.contains {
                $0.parts.first { $0.type == "text/plain" }?.text?.contains("Il atteste des 3\u{00A0}h de formation")
                    == true
            }, "Alice's certificate for this session")
    }

    /// Each trainer with an email is sent the session's trainer link when it is scheduled, and
    /// again when its dates change; the link opens their page.
    @Test func theTrainerIsSentTheLinkWhenScheduledAndAgainWhenChanged() throws {
        try year.database.connect().execute("UPDATE trainer SET email = 'equipe@atelier.coop' WHERE code = 'SCOP'")
        let (code, _) = try year.schedule(["\(try TrainingYear.day(5))T09:00-12:30"])
        let catcher = try MailCatcher()
        let environment = [
            "ATELIER_DATABASE_URL": year.database.url, "ATELIER_SMTP_URL": catcher.url,
            "ATELIER_WEB_BASE_URL": "https://formation.asso.example",
        ]
        #expect(try AtelierProcess.run(["worker", "--until-idle"], environment: environment).status == 0)
        let first = try #require(try ReadMail.read(catcher.messageFiles()).first { $0.to == "equipe@atelier.coop" })
        #expect(first.subject.hasPrefix("Émargement : Accompagner la fonction employeur"))
        let text = try #require(first.parts.first { $0.type == "text/plain" }?.text)
        #expect(text.contains("Bonjour Scop L’Atelier coopératif,") && text.contains("vous signez et vous clôturez"))
        let link = try #require(text.firstMatch(of: /https:\/\/formation\.asso\.example(\/t\/[0-9a-f]{32})/)).1
        let page = try server.request("GET", String(link))
        #expect(page.status == 200 && page.text.contains("Émargement du formateur"))

        var plan = SessionPlan(
            module: "PMAE", slots: [try SlotSpec(parsing: "\(try TrainingYear.day(6))T09:00-12:30")])
        plan.trainers = ["SCOP"]
        _ = try Sessions(try year.store()).reschedule(code, to: plan)
        #expect(try AtelierProcess.run(["worker", "--until-idle"], environment: environment).status == 0)
        let sent = try ReadMail.read(catcher.messageFiles()).filter { $0.to == "equipe@atelier.coop" }
        #expect(sent.count == 2)
        #expect(sent.contains { $0.subject.hasPrefix("Dates modifiées — Émargement") })
    }
}
