import Foundation
import Postgres
import Queue
import TestSupport
import Testing
import Training

/// The whole chain through the binary: a coordinator's command, its jobs, `atelier worker`, and
/// the message in a real mailbox (aiosmtpd), read back by Python's email package.
@Suite(.serialized) struct MailChainTests {
    let database: TestDatabase
    let catcher: MailCatcher
    let store: Store
    let code: String

    init() throws {
        database = try TestDatabase.migrated()
        catcher = try MailCatcher()
        store = try Store.repository(database.connect())
        _ = try OrganisationRecord(store).edit { organisation in
            TrainingYear.describeCaen(&organisation)
            organisation.disabilityReferentName = "Luc Petit"
            organisation.pedagogicalContactName = "Claire Martin"
            organisation.pedagogicalContactEmail = "claire@mda-caen.example"
        }
        var module = Module(code: "PMAE", title: "Accompagner la fonction employeur", durationMinutes: 630)
        module.whatToBring = "Les statuts de votre association."
        module.objectives = ["Identifier les aides à l'emploi.", "Construire une fiche de poste."]
        module.defaultCapacity = 300
        _ = try Catalogue(store).addModule(module)
        _ = try Catalogue(store).addVenue(
            Venue(
                code: "MDA", name: "Maison des associations", street: "8 rue Daniel Huet", postalCode: "14000",
                city: "Caen"))
        var plan = SessionPlan(
            module: "PMAE",
            slots: try ["2030-04-04T09:00-12:30", "2030-04-04T14:00-17:30", "2030-04-18T09:00-12:30"]
                .map(SlotSpec.init(parsing:)))
        plan.venue = "MDA"
        plan.partTitles = ["Le cadre", "La pratique"]
        code = try Sessions(store).schedule(plan).code
    }

    var base: [String: String] {
        [
            "ATELIER_DATABASE_URL": database.url, "ATELIER_SMTP_URL": catcher.url, "ATELIER_MAIL_RETRY_SECONDS": "1",
            "ATELIER_MAIL_FROM": "Atelier Caen <formation@mda-caen.example>",
        ]
    }

    func atelier(_ arguments: String..., environment: [String: String] = [:]) throws -> AtelierProcess.Outcome {
        try AtelierProcess.run(arguments, environment: base.merging(environment) { $1 })
    }

    func addParticipants(_ count: Int) throws {
        for index in 1...count {
            _ = try People(store).addParticipant(
                Participant(
                    firstName: "Prénom\(index)", lastName: "Nom\(index)",
                    email: try EmailAddress("p\(index)@asso.fr")))
        }
    }

    func register(_ count: Int) throws {
        for index in 1...count { _ = try Registrations(store).register(EmailAddress("p\(index)@asso.fr"), in: code) }
    }

    /// Moves the session's first part to `firstDay`, the second to 20 May 2030, as a coordinator
    /// would (the rescheduling's reactions queue its notices).
    func reschedule(firstDay: String) throws {
        var plan = SessionPlan(
            module: "PMAE",
            slots: try ["\(firstDay)T09:00-12:30", "2030-05-20T09:00-12:30"].map(SlotSpec.init(parsing:)))
        plan.venue = "MDA"
        plan.partTitles = ["Le cadre", "La pratique"]
        _ = try Sessions(store).reschedule(code, to: plan)
    }

    func count(_ sql: String) throws -> Int {
        try store.connection.execute(PostgresQuery(unsafeSQL: sql))[0].decode(Int.self, at: 0)
    }

    @Test func aRegistrationReachesTheMailboxWithItsInvite() throws {
        try addParticipants(1)
        #expect(try atelier("register", code, "p1@asso.fr").status == 0)
        // Time passes: the J-7 reminder is due, J-1 is not yet.
        try store.connection.execute(
            "UPDATE job SET run_at = now() - interval '1 minute' WHERE unique_key LIKE 'reminder:%:j7'")
        let worker = try atelier("worker", "--until-idle")
        #expect(worker.status == 0, "\(worker.standardError)")
        let mails = try ReadMail.read(catcher.messageFiles())
        #expect(
            mails.map(\.subject) == [
                "Convocation\u{A0}: Accompagner la fonction employeur, jeudi 4 avril 2030",
                "Rappel\u{A0}: «\u{202F}Accompagner la fonction employeur\u{202F}» commence dans 7 jours",
            ])
        let convocation = try #require(mails.first)
        #expect(convocation.to == "p1@asso.fr" && convocation.toName == "Prénom1 Nom1")
        #expect(convocation.fromName == "Atelier Caen")
        #expect(convocation.parts.map(\.type) == ["text/plain", "text/html", "text/calendar", "application/pdf"])
        #expect(
            convocation.parts[0].text?.contains(
                "jeudi 4 avril 2030 de 9\u{A0}h à 12\u{A0}h\u{A0}30 et de 14\u{A0}h à 17\u{A0}h\u{A0}30") == true)
        #expect(
            convocation.parts[0].text?.contains(
                "Objectifs\u{A0}:\n– Identifier les aides à l'emploi.\n– Construire une fiche de poste.") == true)
        #expect(
            convocation.parts[0].text?.contains(
                "Une question sur le contenu de la formation\u{202F}? Claire Martin, référent·e pédagogique\u{A0}: claire@mda-caen.example.\nUne situation de handicap"
            ) == true)
        // The programme the session keeps, as published.
        #expect(convocation.parts[3].filename == "programme-PMAE-v1.pdf")
        let programme = try PDFReading(try #require(convocation.parts[3].bytes))
        defer { programme.remove() }
        let text = try programme.pages().joined(separator: " ")
        #expect(text.contains("Programme de formation") && text.contains("Accompagner la fonction employeur"))
        #expect(text.contains("– Identifier les aides à l'emploi."))
        #expect(text.contains("n° 1, en vigueur depuis le"))
        #expect(mails.last?.parts.map(\.type) == ["text/plain", "text/html"])
        #expect(convocation.method == "REQUEST")
        #expect(convocation.events.map(\.start) == ["2030-04-04T09:00:00+02:00", "2030-04-18T09:00:00+02:00"])
        #expect(
            convocation.events.map(\.uid) == [
                "registration-1-part-1@mda-caen.example", "registration-1-part-2@mda-caen.example",
            ])
        #expect(
            try count("SELECT count(*) FROM job WHERE unique_key LIKE 'reminder:%:j1' AND state = 'scheduled'") == 1)
        #expect(try count("SELECT count(*) FROM delivery WHERE state = 'accepted'") == 2)
    }

    /// A rescheduling sends the same UIDs with a higher SEQUENCE; a cancellation withdraws them.
    @Test func aCalendarFollowsReschedulingAndCancellation() throws {
        try addParticipants(1)
        try register(1)
        #expect(try atelier("worker", "--until-idle").status == 0)
        try reschedule(firstDay: "2030-05-06")
        #expect(try atelier("worker", "--until-idle").status == 0)
        _ = try Sessions(store).cancel(code)
        #expect(try atelier("worker", "--until-idle").status == 0)
        let mails = try ReadMail.read(catcher.messageFiles())
        #expect(mails.map(\.method) == ["REQUEST", "REQUEST", "CANCEL"])
        #expect(mails.map { $0.events.map(\.sequence) } == [[0, 0], [1, 1], [2, 2]])
        #expect(
            Set(mails.flatMap { $0.events.map(\.uid) }) == [
                "registration-1-part-1@mda-caen.example", "registration-1-part-2@mda-caen.example",
            ])
        #expect(mails[1].subject == "Nouvelles dates\u{A0}: Accompagner la fonction employeur")
        #expect(mails[1].events.map(\.start) == ["2030-05-06T09:00:00+02:00", "2030-05-20T09:00:00+02:00"])
        #expect(mails[2].subject == "Annulation\u{A0}: Accompagner la fonction employeur du lundi 6 mai 2030")
    }

    /// The à-chaud questionnaire of a completed session: a personal link whose token only the
    /// email knows; the database keeps its SHA-256.
    @Test func aCompletedSessionInvitesToItsQuestionnaireWithAPersonalLink() throws {
        try addParticipants(1)
        var plan = SessionPlan(module: "PMAE", slots: [try SlotSpec(parsing: "2026-01-05T09:00-12:30")])
        plan.recordsPast = true
        let past = try Sessions(store).schedule(plan).code
        _ = try Registrations(store).register(EmailAddress("p1@asso.fr"), in: past)
        _ = try Attendances(store).record(
            session: past, slot: try SlotStart(parsing: "2026-01-05T09:00"), marks: [:], everyoneElse: .present,
            by: "Claire Martin")
        _ = try Sessions(store).complete(past)
        #expect(
            try atelier(
                "worker", "--until-idle", environment: ["ATELIER_WEB_BASE_URL": "https://formation.mda-caen.example/"]
            ).status == 0)
        let mail = try #require(try ReadMail.read(catcher.messageFiles()).first { $0.subject.hasPrefix("Votre avis") })
        let text = try #require(mail.parts.first?.text)
        let link = try #require(text.split(separator: "\n").first { $0.hasPrefix("https://") }.map(String.init))
        #expect(link.hasPrefix("https://formation.mda-caen.example/q/"))
        let token = String(link.dropFirst("https://formation.mda-caen.example/q/".count))
        #expect(token.count == 32 && token.allSatisfy(\.isHexDigit))
        #expect(
            try count(
                "SELECT count(*) FROM questionnaire_link WHERE questionnaire = 'hot' AND token_sha256 = sha256(convert_to('\(token)', 'UTF8'))"
            ) == 1)
        #expect(
            try count("SELECT count(*) FROM questionnaire_link WHERE token_sha256 = convert_to('\(token)', 'UTF8')")
                == 0)
    }

    @Test func aBusyMailboxIsTriedAgainAndAnUnknownOneIsRefusedAndShown() throws {
        try addParticipants(2)
        try catcher.setRules(["451 p1@asso.fr 1", "550 p2@asso.fr"])
        try register(2)
        #expect(try atelier("worker", "--until-idle").status == 0)
        #expect(catcher.messageFiles().isEmpty)
        #expect(try count("SELECT count(*) FROM job WHERE kind = 'convocation' AND state = 'retryable'") == 1)
        #expect(try count("SELECT count(*) FROM job WHERE kind = 'convocation' AND state = 'discarded'") == 1)
        Thread.sleep(forTimeInterval: 1.5)
        #expect(try atelier("worker", "--until-idle").status == 0)
        #expect(try ReadMail.read(catcher.messageFiles()).map(\.to) == ["p1@asso.fr"])

        let list = try atelier("registration", "list", code)
        let refusedLine = try #require(list.standardOutput.split(separator: "\n").first { $0.contains("p2@asso.fr") })
        #expect(
            refusedLine.hasSuffix(
                "refused — convocation: 550 5.1.1 No such user here (RCPT failed: 550)"))
        let discarded = try count("SELECT id FROM job WHERE kind = 'convocation' AND state = 'discarded'")
        #expect(
            try atelier("jobs", "show", String(discarded)).standardOutput
                .contains("refused by the mail server: 550 5.1.1 No such user here"))
    }

    /// The relay is down while 100 messages are due: they wait; once it is back, each arrives once,
    /// over one connection per lane.
    @Test func anOutageIsWaitedOutAndNothingArrivesTwice() throws {
        try addParticipants(100)
        try register(100)
        catcher.stop()
        #expect(try atelier("worker", "--until-idle", environment: ["ATELIER_WORKER_LANES": "1"]).status == 0)
        #expect(try count("SELECT count(*) FROM job WHERE kind = 'convocation' AND state = 'retryable'") == 100)
        try catcher.start()
        Thread.sleep(forTimeInterval: 1.5)
        #expect(try atelier("worker", "--until-idle", environment: ["ATELIER_WORKER_LANES": "1"]).status == 0)
        let mails = try ReadMail.read(catcher.messageFiles())
        #expect(mails.count == 100)
        #expect(Set(mails.map(\.messageId)).count == 100)
        #expect(catcher.connections == 1)
        #expect(try count("SELECT count(*) FROM delivery WHERE state = 'accepted'") == 100)
    }

    /// A worker killed in the middle of a batch of sends: another one takes its jobs over once
    /// their lease expires, and each message arrives once — or twice for the one the server had
    /// accepted when the kill came and whose transaction had not committed (the window).
    @Test func aWorkerKilledWhileSendingLosesNothingAndDoublesAtMostOne() throws {
        try addParticipants(150)
        try register(150)
        let environment = ["ATELIER_WORKER_LANES": "1", "ATELIER_WORKER_LEASE_SECONDS": "3"]
        let first = try AtelierProcess.start(["worker"], environment: environment.merging(base) { $1 })
        let deadline = Date().addingTimeInterval(30)
        while catcher.messageFiles().count < 30 && Date() < deadline { Thread.sleep(forTimeInterval: 0.005) }
        first.send(SIGKILL)
        #expect(first.finish().status == SIGKILL)
        let sentBeforeTheKill = catcher.messageFiles().count
        #expect(sentBeforeTheKill < 150)
        // Usually the killed worker held a claimed batch; rarely the kill falls between two.
        let heldByTheDead = try count("SELECT count(*) FROM job WHERE state = 'running'")
        let second = try AtelierProcess.start(["worker"], environment: environment.merging(base) { $1 })
        let end = Date().addingTimeInterval(60)
        while try count("SELECT count(*) FROM job WHERE kind = 'convocation' AND state = 'completed'") < 150
            && Date() < end
        {
            Thread.sleep(forTimeInterval: 0.1)
        }
        second.send(SIGTERM)
        let log = second.finish()
        #expect(log.status == 0)
        #expect(log.standardError.contains("rescued jobs whose worker stopped heartbeating") == (heldByTheDead > 0))
        let mails = try ReadMail.read(catcher.messageFiles())
        #expect(Set(mails.map(\.messageId)).count == 150)
        #expect(mails.count <= 151, "\(mails.count - 150) sent twice")
        #expect(try count("SELECT count(*) FROM delivery WHERE state = 'accepted'") == 150)
    }

    @Test func webhooksAreSignedRetriedAndRefusedForGood() throws {
        let receiver = try WebhookReceiver()
        let added = try atelier("webhook", "add", receiver.url())
        receiver.secret = try #require(added.standardOutput.split(separator: "\n").last.map(String.init))
        let gone = try WebhookReceiver()
        gone.secret = try #require(
            try atelier("webhook", "add", gone.url("/gone")).standardOutput.split(separator: "\n").last.map(String.init)
        )
        try receiver.answer([500])
        try gone.answer([410])
        try addParticipants(1)
        _ = try atelier("participant", "edit", "p1@asso.fr", "--city", "Caen")
        #expect(try atelier("worker", "--until-idle").status == 0)
        Thread.sleep(forTimeInterval: 1.5)
        #expect(try atelier("worker", "--until-idle").status == 0)
        let calls = try receiver.requests()
        #expect(calls.map(\.status) == [500, 200])
        #expect(calls.allSatisfy { $0.signatureValid == true })
        #expect(Set(calls.map(\.eventId)).count == 1)
        #expect(try gone.requests().map(\.status) == [410])
        #expect(try count("SELECT count(*) FROM delivery WHERE channel = 'webhook' AND state = 'accepted'") == 1)
        #expect(try count("SELECT count(*) FROM delivery WHERE channel = 'webhook' AND state = 'refused'") == 1)
    }

    @Test func mailTestSaysWhatTheRelayAnswered() throws {
        let accepted = try atelier("mail", "test", "coordination@asso.fr")
        #expect(accepted.status == 0)
        #expect(
            accepted.standardOutput
                == "\(catcher.url) accepted the message to coordination@asso.fr: 250 2.0.0 Ok: queued as 1\n")
        #expect(try ReadMail.read(catcher.messageFiles()).map(\.subject) == ["Atelier\u{A0}: message d’essai"])
        try catcher.setRules(["550 nobody@asso.fr"])
        let refused = try atelier("mail", "test", "nobody@asso.fr")
        #expect(refused.status == 69)
        #expect(
            refused.standardError
                == "\(catcher.url) refused the message to nobody@asso.fr: 550 5.1.1 No such user here (RCPT failed: 550).\n"
        )
        catcher.stop()
        let away = try atelier("mail", "test", "coordination@asso.fr")
        #expect(away.status == 75)
        // libcurl's own account, from its error buffer: which address, how long it tried.
        #expect(
            away.standardError.hasPrefix(
                "\(catcher.url) could not take the message now: Failed to connect to 127.0.0.1"))
        #expect(away.standardError.hasSuffix(": Couldn't connect to server.\n"))
    }

    /// With `documents.rules-file`, convocations attach the règlement intérieur after the
    /// programme; a file that is not a PDF stops the worker before it sends anything.
    @Test func theConvocationAttachesTheRulesOfTheHouse() throws {
        try addParticipants(1)
        try register(1)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let notPDF = folder.appendingPathComponent("reglement.txt").path
        try Data("Article 1 : horaires.".utf8).write(to: URL(fileURLWithPath: notPDF))
        let refused = try atelier("worker", "--until-idle", environment: ["ATELIER_DOCUMENTS_RULES_FILE": notPDF])
        #expect(refused.status == 78)
        #expect(
            refused.standardError
                == "The setting documents.rules-file (from environment ATELIER_DOCUMENTS_RULES_FILE) names \(notPDF), which is not a PDF.\n"
        )
        #expect(catcher.messageFiles().isEmpty)

        let rules = folder.appendingPathComponent("reglement.pdf").path
        #expect(try atelier("module", "programme", "PMAE", "--out", rules).status == 0)
        let sent = try atelier("worker", "--until-idle", environment: ["ATELIER_DOCUMENTS_RULES_FILE": rules])
        #expect(sent.status == 0, "\(sent.standardError)")
        let convocation = try #require(try ReadMail.read(catcher.messageFiles()).first)
        #expect(
            convocation.parts.compactMap(\.filename) == [
                "invitation.ics", "programme-PMAE-v1.pdf", "reglement-interieur.pdf",
            ])
        #expect(convocation.parts.last?.bytes == [UInt8](try Data(contentsOf: URL(fileURLWithPath: rules))))
        // What went is kept with its delivery: the subject, the text, each attachment's digest.
        let kept = try database.connect().execute(
            """
            SELECT subject, body, attachments::text FROM delivery WHERE kind = 'convocation' AND state = 'accepted'
            """)[0]
        let (subject, body, attachments) = try kept.decode((String, String, String).self)
        #expect(subject == convocation.subject)
        #expect(body.replacingOccurrences(of: "\r\n", with: "\n") == convocation.parts.first?.text)
        let rulesDigest = try ExternalTool.run("/usr/bin/sha256sum", [rules]).output.prefix(64)
        let rulesSize = try Data(contentsOf: URL(fileURLWithPath: rules)).count
        #expect(
            attachments.hasSuffix(
                "{\"name\": \"reglement-interieur.pdf\", \"bytes\": \(rulesSize), \"sha256\": \"\(rulesDigest)\"}]"))
        #expect(attachments.contains("\"name\": \"programme-PMAE-v1.pdf\""))
    }

    /// An answered complaint reaches whoever made it; an answer to someone Atelier has no email
    /// for stays in the register, its job discarded with the reason.
    @Test func anAnswerReachesWhoComplained() throws {
        try addParticipants(1)
        #expect(
            try atelier(
                "incident", "add", "--session", code, "--kind", "réclamation", "--from", "participant:p1@asso.fr",
                "--text", "La salle était trop petite : nous étions serrés."
            ).standardOutput == "Recorded the réclamation 1.\n")
        #expect(
            try atelier("incident", "add", "--kind", "difficulte", "--from", "other", "--text", "Parking fermé.")
                .status == 0)
        #expect(try atelier("incident", "answer", "1", "--text", "Nous prenons la grande salle : merci !").status == 0)
        #expect(try atelier("incident", "answer", "2", "--text", "Le parking du tram est ouvert.").status == 0)
        let worker = try atelier("worker", "--until-idle")
        #expect(worker.status == 0, "\(worker.standardError)")
        let mails = try ReadMail.read(catcher.messageFiles())
        let answer = try #require(mails.first { $0.subject.hasPrefix("Réponse") })
        #expect(mails.filter { $0.subject.hasPrefix("Réponse") }.count == 1)
        #expect(answer.to == "p1@asso.fr" && answer.toName == "Prénom1 Nom1")
        #expect(answer.subject.hasPrefix("Réponse à votre réclamation du "))
        let text = try #require(answer.parts.first?.text)
        #expect(text.contains("à propos de la formation «\u{202F}Accompagner la fonction employeur\u{202F}»"))
        #expect(text.contains("La salle était trop petite\u{A0}: nous étions serrés."))
        #expect(text.contains("Nous prenons la grande salle\u{A0}: merci\u{202F}!"))
        #expect(try count("SELECT count(*) FROM delivery WHERE kind = 'incident-answer' AND state = 'accepted'") == 1)
        #expect(
            try count(
                "SELECT count(*) FROM job WHERE kind = 'incident-answer' AND state = 'discarded' AND errors::text LIKE '%no email%'"
            ) == 1)
    }

    @Test func mailPreviewPrintsTheMessageWithoutSendingIt() throws {
        try addParticipants(1)
        try register(1)
        let before = try database.fingerprint()
        let preview = try atelier("mail", "preview", "convocation", "--registration", "\(code)/p1@asso.fr")
        #expect(preview.status == 0)
        #expect(
            preview.standardOutput.hasPrefix(
                """
                From: Atelier Caen <formation@mda-caen.example>
                To: Prénom1 Nom1 <p1@asso.fr>
                Subject: Convocation\u{A0}: Accompagner la fonction employeur, jeudi 4 avril 2030
                Attached: invitation.ics, programme-PMAE-v1.pdf

                Bonjour Prénom1,
                """))
        let raw = try atelier("mail", "preview", "questionnaire-hot", "--registration", "1", "--raw")
        #expect(raw.standardOutput.contains("Content-Type: text/html; charset=UTF-8"))
        #expect(
            try atelier("mail", "preview", "questionnaire-hot", "--registration", "1").standardOutput.contains(
                "/q/<lien personnel>"))
        #expect(catcher.messageFiles().isEmpty)
        #expect(try database.fingerprint() == before)

        let unknown = try atelier("mail", "preview", "convocation", "--registration", "\(code)/p9@asso.fr")
        #expect(unknown.status == 66)
        #expect(unknown.standardError == "p9@asso.fr has no registration for the session \(code).\n")
        let malformed = try atelier("mail", "preview", "convocation", "--registration", "p1@asso.fr")
        #expect(malformed.status == 64)
        #expect(
            malformed.standardError.hasPrefix(
                "Error: --registration takes an id or SESSION/EMAIL, like S-2027-001/emilie@asso.fr."))
        let negative = try atelier("mail", "preview", "reminder", "--registration", "1", "--days-before", "0")
        #expect(negative.status == 64)
        #expect(negative.standardError.hasPrefix("Error: --days-before takes a number of days from 1 to 365."))
        #expect(try database.fingerprint() == before)
    }
}
