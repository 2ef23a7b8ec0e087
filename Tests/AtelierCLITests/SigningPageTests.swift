import App
import Foundation
import Postgres
import TestSupport
import Testing
import Training

/// The signing page of a personal link, through the real server: a session whose half-days were
/// yesterday, are now and are tomorrow, signed from its participants' links, each signature a
/// record of the attendance evidence; every refusal a French page with the database as it was.
@Suite struct SigningPageTests {
    let year: TrainingYear
    let server: PageServerProcess
    let session: String
    /// The slots' ids: yesterday's, the one open now, tomorrow's.
    let slots: [Int]

    init() throws {
        year = try TrainingYear()
        server = try year.pageServer()
        (session, slots) = try year.scheduleAroundNow()
    }

    func link(_ email: EmailAddress, in code: String? = nil) throws -> String {
        try year.signingPath(email, in: code ?? session)
    }

    func chloe() throws -> String { try link(try TrainingYear.email("Chloé")) }

    func csrf(_ path: String) throws -> String {
        let page = try server.request("GET", path).text
        return String(try #require(page.firstMatch(of: /name="csrf" value="([0-9a-f]{64})"/)).1)
    }

    func post(_ path: String, _ fields: [(String, String)]) throws -> HTTPExchange.Response {
        let body = fields.map { "\($0.0)=\(QuestionnairePageTests.encoded($0.1))" }.joined(separator: "&")
        return try server.request(
            "POST", path,
            headers: [
                ("Content-Type", "application/x-www-form-urlencoded"),
                ("User-Agent", "Mozilla/5.0 (Linux; Android 14)"),
            ],
            body: Array(body.utf8))
    }

    /// The CSRF token of `path`, as the server signs it: for a page that shows no form.
    static func csrf(signing path: String) throws -> String {
        let outcome = try ExternalTool.run(
            "/usr/bin/python3",
            [
                "-c",
                "import hashlib, hmac, sys; print(hmac.new(sys.argv[1].encode(), sys.argv[2].encode(), hashlib.sha256).hexdigest())",
                "a-secret-for-the-tests-only-0123456789", path,
            ])
        return outcome.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func count(_ sql: String) throws -> Int {
        try year.database.connect().execute(PostgresQuery(unsafeSQL: sql))[0].decode(Int.self, at: 0)
    }

    static func drawing(_ png: [UInt8]) -> String { "data:image/png;base64," + Data(png).base64EncodedString() }

    @Test func thePageShowsTheHalfDaysAndChangesNothing() throws {
        let path = try chloe()
        let before = try year.database.fingerprint()
        let page = try server.request("GET", path)
        #expect(page.status == 200)
        let html = page.text
        for expected in [
            "<h1>Émargement</h1>", "«\u{202F}Accompagner la fonction employeur\u{202F}»", "Pas encore ouverte",
            "Non signée", "À signer maintenant",
            "Je certifie avoir assisté à «\u{202F}Accompagner la fonction employeur\u{202F}», le ",
            "formation animée par Scop L’Atelier coopératif.", "name=\"slot\" value=\"\(slots[1])\"",
            "<label for=\"name\">Vos prénom et nom</label>", "<script src=\"../signature.js\"></script>",
        ] {
            #expect(html.contains(expected), "the page says \(expected)")
        }
        #expect(try year.database.fingerprint() == before)
        let script = try server.request("GET", "/signature.js")
        #expect(script.status == 200 && script.headers["content-type"] == "text/javascript; charset=utf-8")
    }

    @Test func aHalfDayIsSignedOnceDrawnOrTyped() throws {
        let path = try chloe()
        let token = try csrf(path)
        let drawn = try post(
            path, [("csrf", token), ("slot", String(slots[1])), ("drawing", Self.drawing(try SignatureImage.png()))])
        #expect(drawn.status == 200)
        #expect(drawn.text.contains("Merci, votre signature est enregistrée"))
        let again = try post(
            path, [("csrf", token), ("slot", String(slots[1])), ("name", "Chloé"), ("certify", "oui")])
        #expect(again.text.contains("Vous avez déjà signé cette demi-journée"))
        #expect(try server.request("GET", path).text.contains("Signée à "))

        let alice = try link(try TrainingYear.email("Alice"))
        let typed = try post(
            alice,
            [("csrf", try csrf(alice)), ("slot", String(slots[1])), ("name", "Alice Bernard"), ("certify", "oui")])
        #expect(typed.status == 200)
        let rows = try year.database.connect().execute(
            """
            SELECT channel, host(client_address), user_agent = 'Mozilla/5.0 (Linux; Android 14)', typed_name,
                   signature_png IS NOT NULL
            FROM attendance_evidence WHERE action = 'signature' ORDER BY position
            """)
        #expect(rows.count == 2)
        #expect(
            try rows[0].decode((String, String, Bool, String?, Bool).self) == (
                "personal-link", "127.0.0.1", true, nil, true
            ))
        #expect(try rows[1].decode((String, String, Bool, String?, Bool).self).3 == "Alice Bernard")
        let verify = try year.atelier(["attendance", "verify", session])
        #expect(verify.status == 0 && verify.standardOutput.contains("is intact: 2 records"))
    }

    @Test func whatCannotBeSignedIsRefusedAndNothingChanges() throws {
        let path = try chloe()
        let token = try csrf(path)
        let otherSession = try link(try TrainingYear.email("Chloé"), in: TrainingYear.march)
        let otherToken = try Self.csrf(signing: otherSession)
        let now = String(slots[1])
        let before = try year.database.fingerprint()
        let cases: [(String, [(String, String)], Int, String)] = [
            (path, [("csrf", token), ("slot", now), ("name", "Chloé")], 422, "Cochez la case"),
            (
                path, [("csrf", token), ("slot", now), ("name", "  "), ("certify", "oui")], 422,
                "Tapez vos prénom et nom"
            ),
            (
                path,
                [("csrf", token), ("slot", now), ("drawing", Self.drawing(try SignatureImage.png(drawn: false)))],
                422, "Votre signature est vide"
            ),
            (
                path, [("csrf", token), ("slot", now), ("drawing", "data:image/png;base64,bm90IGEgcG5n")], 422,
                "n’a pas pu être lue"
            ),
            (
                path, [("csrf", token), ("slot", String(slots[2])), ("name", "C"), ("certify", "oui")], 409,
                "ne se signe pas encore"
            ),
            (
                path, [("csrf", token), ("slot", String(slots[0])), ("name", "C"), ("certify", "oui")], 409,
                "ne se signe plus"
            ),
            (
                otherSession, [("csrf", otherToken), ("slot", now), ("name", "C"), ("certify", "oui")], 409,
                "ne se signe plus"
            ),
            (
                path, [("csrf", otherToken), ("slot", now), ("name", "C"), ("certify", "oui")], 403,
                "Cet envoi n’a pas pu être accepté"
            ),
            (
                path, [("csrf", token), ("slot", "demain"), ("name", "C"), ("certify", "oui")], 400,
                "Cet envoi n’a pas pu être lu"
            ),
        ]
        for (target, fields, status, sentence) in cases {
            let response = try post(target, fields)
            #expect(response.status == status, "\(fields.map(\.0)) → \(status)")
            #expect(response.text.contains(sentence), "\(fields.map(\.0)) says \(sentence)")
        }
        let unknown = try server.request("GET", "/s/" + String(repeating: "ab", count: 16))
        #expect(unknown.status == 404 && unknown.text.contains("Ce lien ne mène à aucune page"))
        let huge = try server.request(
            "POST", path, headers: [("Content-Type", "application/x-www-form-urlencoded")],
            body: Array(("drawing=" + String(repeating: "A", count: 10 * 1024 * 1024)).utf8))
        #expect(huge.status == 413)
        #expect(try year.database.fingerprint() == before)
    }

    /// Thirty participants signing the half-day at once: thirty records, the chain intact.
    @Test func thirtyParticipantsSigningAtOnceAreThirtyRecordsInOneChain() async throws {
        let store = try year.store()
        var paths: [String] = []
        for index in 1...30 {
            let email = try EmailAddress("salle\(index)@asso.fr")
            _ = try People(store).addParticipant(Participant(firstName: "P\(index)", lastName: "Salle", email: email))
            paths.append(try link(email))
        }
        let tokens = try paths.map { try csrf($0) }
        let now = String(slots[1])
        let responses = try await withThrowingTaskGroup(of: HTTPExchange.Response.self) { group in
            for (path, token) in zip(paths, tokens) {
                group.addTask {
                    try post(path, [("csrf", token), ("slot", now), ("name", "P Salle"), ("certify", "oui")])
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(responses.allSatisfy { $0.status == 200 && $0.text.contains("votre signature est enregistrée") })
        #expect(try count("SELECT count(*) FROM attendance_evidence WHERE action = 'signature'") == 30)
        let verify = try year.atelier(["attendance", "verify", session])
        #expect(
            verify.status == 0 && verify.standardOutput.contains("is intact: 30 records"), "\(verify.standardError)")
    }

    /// The convocation of a new registration carries the participant's own signing link, which
    /// opens their page, and their personal code, which opens it from the room's page.
    @Test func theConvocationCarriesThePersonalSigningLink() throws {
        let catcher = try MailCatcher()
        _ = try Registrations(try year.store()).register(try TrainingYear.email("Chloé"), in: session)
        let environment = [
            "ATELIER_DATABASE_URL": year.database.url, "ATELIER_SMTP_URL": catcher.url,
            "ATELIER_WEB_BASE_URL": "https://formation.asso.example",
        ]
        #expect(try AtelierProcess.run(["worker", "--until-idle"], environment: environment).status == 0)
        let convocation = try #require(
            try ReadMail.read(catcher.messageFiles()).first {
                $0.to == "chloe@asso.fr" && $0.subject.hasPrefix("Convocation")
            })
        let text = try #require(convocation.parts.first { $0.type == "text/plain" }?.text)
        #expect(text.contains("signez votre présence à chaque demi-journée depuis votre lien personnel"))
        let link = try #require(text.firstMatch(of: /https:\/\/formation\.asso\.example(\/s\/[0-9a-f]{32})/))
        let page = try server.request("GET", String(link.1))
        #expect(page.status == 200 && page.text.contains("Bonjour Chloé Caron"))
        let html = try #require(convocation.parts.first { $0.type == "text/html" }?.text)
        #expect(html.contains("<a href=\"https://formation.asso.example/s/"))

        let code = try #require(text.firstMatch(of: /code personnel\u{00A0}: ([A-Z2-9]{4} [A-Z2-9]{4})\n/))
        #expect(html.contains(">\(code.1)</strong>"))
        let room = try RoomCodes(try year.store()).code(
            session: session, slot: try SlotStart(parsing: try year.start(of: slots[1])))
        let path = WebLinks.roomPath + room.code
        let opened = try post(path, [("csrf", try Self.csrf(signing: path)), ("code", String(code.1))])
        #expect(opened.status == 200 && opened.text.contains("Bonjour Chloé Caron"))
    }

    /// « Pensez à signer »: queued with the convocation for each half-day not over, sent
    /// `attendance.signature-request-minutes` after it starts to whoever has not signed it;
    /// none with 0.
    @Test func whoeverHasNotSignedIsRemindedToSign() throws {
        let catcher = try MailCatcher()
        let store = try year.store()
        for name in ["Chloé", "Alice", "Damien"] {
            _ = try Registrations(store).register(try TrainingYear.email(name), in: session)
        }
        let alice = try link(try TrainingYear.email("Alice"))
        let signed = try post(
            alice,
            [("csrf", try csrf(alice)), ("slot", String(slots[1])), ("name", "Alice Aubert"), ("certify", "oui")])
        #expect(signed.status == 200)
        let environment = [
            "ATELIER_DATABASE_URL": year.database.url, "ATELIER_SMTP_URL": catcher.url,
            "ATELIER_WEB_BASE_URL": "https://formation.asso.example",
            "ATELIER_ATTENDANCE_SIGNATURE_REQUEST_MINUTES": "1",
        ]
        #expect(try AtelierProcess.run(["worker", "--until-idle"], environment: environment).status == 0)
        let requests = try ReadMail.read(catcher.messageFiles()).filter { $0.subject.hasPrefix("Pensez à signer") }
        #expect(requests.map(\.to).sorted() == ["chloe@asso.fr", "damien@asso.fr"], "Alice has signed")
        let text = try #require(requests.first?.parts.first { $0.type == "text/plain" }?.text)
        #expect(text.contains("a commencé") && text.contains("votre signature n’est pas encore enregistrée"))
        let path = try #require(text.firstMatch(of: /https:\/\/formation\.asso\.example(\/s\/[0-9a-f]{32})/)).1
        #expect(try server.request("GET", String(path)).text.contains("À signer maintenant"))
        #expect(
            try count(
                "SELECT count(*) FROM job WHERE kind = 'signature-request' AND state = 'scheduled'") == 3,
            "tomorrow's half-day, for each of the three")
        #expect(
            try count("SELECT count(*) FROM job WHERE kind = 'signature-request' AND state = 'completed'") == 2,
            "today's: two sent")
        #expect(
            try count("SELECT count(*) FROM job WHERE kind = 'signature-request' AND state = 'discarded'") == 1,
            "Alice's not sent: she has signed")

        let quiet = environment.merging(["ATELIER_ATTENDANCE_SIGNATURE_REQUEST_MINUTES": "0"]) { $1 }
        _ = try Registrations(store).register(try TrainingYear.email("Émile"), in: session)
        #expect(try AtelierProcess.run(["worker", "--until-idle"], environment: quiet).status == 0)
        #expect(try count("SELECT count(*) FROM job WHERE kind = 'signature-request'") == 6, "none for Émile")
    }
}
