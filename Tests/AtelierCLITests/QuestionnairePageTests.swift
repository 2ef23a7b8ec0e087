import Foundation
import Postgres
import TestSupport
import Testing
import Training

/// The questionnaire page of a personal link, through the real server: shown without a change,
/// answered once, refused with a French page and the database as it was.
@Suite struct QuestionnairePageTests {
    let year: TrainingYear
    let server: PageServerProcess

    init() throws {
        year = try TrainingYear()
        server = try year.pageServer()
    }

    func link(_ name: String, _ questionnaire: QuestionnaireCode = .hot) throws -> String {
        try year.questionnairePath(name, questionnaire)
    }

    func count(_ sql: String) throws -> Int {
        try year.database.connect().execute(PostgresQuery(unsafeSQL: sql))[0].decode(Int.self, at: 0)
    }

    /// The CSRF token in the page's form.
    func csrf(_ path: String) throws -> String {
        let page = try server.request("GET", path).text
        let match = try #require(page.firstMatch(of: /name="csrf" value="([0-9a-f]{64})"/))
        return String(match.1)
    }

    func post(
        _ path: String, _ fields: [(String, String)], headers: [(String, String)] = []
    ) throws -> HTTPExchange.Response {
        let body = fields.map { "\($0.0)=\(Self.encoded($0.1))" }.joined(separator: "&")
        return try server.request(
            "POST", path, headers: [("Content-Type", "application/x-www-form-urlencoded")] + headers,
            body: Array(body.utf8))
    }

    static func encoded(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    static let goodAnswers = [("q1", "5"), ("q2", "4"), ("q3", "4"), ("q4", "5"), ("q5", "3"), ("q6", "oui")]

    @Test func openingTheLinkShowsTheQuestionnaireAndChangesNothing() throws {
        let path = try link("Chloé")
        let before = try year.database.fingerprint()
        let page = try server.request("GET", path)
        #expect(page.status == 200)
        #expect(page.headers["content-type"] == "text/html; charset=utf-8")
        #expect(page.headers["cache-control"] == "no-store")
        let html = page.text
        for expected in [
            "<html lang=\"fr\">", "<h1>Votre avis à chaud</h1>",
            "«\u{202F}Accompagner la fonction employeur\u{202F}»", "Bonjour Chloé,",
            "<legend>Globalement, êtes-vous satisfait·e de la formation\u{202F}?</legend>",
            "1\u{00A0}: Pas du tout satisfait·e", "5\u{00A0}: Très satisfait·e",
            "<legend>Recommanderiez-vous cette formation\u{202F}?</legend>",
            "<legend>Comment jugez-vous l’animation\u{202F}?</legend>",
            "<label for=\"q7\">Vos remarques et suggestions",
            "Maison des associations de Caen",
        ] {
            #expect(html.contains(expected), "the page says \(expected)")
        }
        #expect(html.components(separatedBy: "<fieldset").count - 1 == 6)
        #expect(html.components(separatedBy: "type=\"radio\"").count - 1 == 5 * 5 + 2)
        #expect(!html.contains("http://") && !html.contains("https://"), "no asset from elsewhere")
        #expect(try year.database.fingerprint() == before)
        let css = try server.request("GET", "/atelier.css")
        #expect(css.status == 200 && css.headers["content-type"] == "text/css; charset=utf-8")
    }

    @Test func answersAreRecordedOnceWithTheirEvent() throws {
        let path = try link("Chloé")
        let token = try csrf(path)
        let text = "<script>alert('x')</script> {{organisation}} '; DROP TABLE answer; -- \u{202E}enif"
        let first = try post(path, [("csrf", token)] + Self.goodAnswers + [("q7", text)])
        #expect(first.status == 200)
        #expect(first.text.contains("Merci, vos réponses ont été reçues"))
        #expect(try count("SELECT count(*) FROM response") == 1)
        #expect(try count("SELECT count(*) FROM answer") == 7)
        #expect(try count("SELECT count(*) FROM event WHERE name = 'assessment.answered'") == 1)
        let stored = try year.database.connect().execute("SELECT text FROM answer WHERE text IS NOT NULL")[0]
            .decode(String.self, at: 0)
        #expect(stored == text, "stored verbatim")

        let before = try year.database.fingerprint()
        let again = try post(path, [("csrf", token)] + Self.goodAnswers)
        #expect(again.status == 200)
        #expect(again.text.contains("Vos réponses ont déjà été reçues"))
        #expect(try server.request("GET", path).text.contains("Vos réponses ont déjà été reçues"))
        #expect(try year.database.fingerprint() == before)

        let summary = try year.atelier(["assessment", "show", TrainingYear.march, "--json"])
        #expect(summary.status == 0)
        #expect(summary.standardOutput.contains(#""responses" : 1"#))
        #expect(summary.standardOutput.contains(#"<script>alert('x')</script>"#), "JSON carries the text as typed")
        let shown = try year.atelier(["assessment", "show", TrainingYear.march]).standardOutput
        #expect(
            shown.contains(#"« <script>alert('x')</script> {{organisation}} '; DROP TABLE answer; -- \u{202E}enif »"#))
        #expect(!shown.unicodeScalars.contains("\u{202E}"), "a terminal never gets the override that reorders a line")

        let report = FileManager.default.temporaryDirectory.appendingPathComponent("bilan-\(UUID()).pdf").path
        let written = try year.atelier(["assessment", "report", TrainingYear.march, "--out", report])
        #expect(written.status == 0, "\(written.standardError)")
        let pdf = try PDFReading(try [UInt8](Data(contentsOf: URL(fileURLWithPath: report))))
        defer { pdf.remove() }
        let printed = try pdf.pages().joined()
        #expect(printed.contains("Bilan — Votre avis à chaud"))
        #expect(printed.contains("1 sur 5 participants interrogés (20"))
        #expect(
            printed.contains("<script>alert('x')</script> {{organisation}} '; DROP TABLE answer; --"),
            "the PDF prints the text as typed")
    }

    @Test func missingAnswersAreShownNextToTheirQuestionsWithWhatWasTyped() throws {
        let path = try link("Chloé")
        let token = try csrf(path)
        let before = try year.database.fingerprint()
        let refused = try post(
            path, [("csrf", token), ("q1", "5"), ("q2", "9"), ("q7", "Très <b>bien</b> & utile")])
        #expect(refused.status == 422)
        let html = refused.text
        #expect(html.contains("5 réponses sont à compléter."))
        #expect(html.contains(#"<p class="error" id="q2-error">Choisissez une note de 1 à 5.</p>"#))
        #expect(html.contains(#"<p class="error" id="q6-error">Répondez par oui ou par non.</p>"#))
        #expect(!html.contains(#"id="q1-error""#))
        #expect(html.contains(#"id="q1-5" name="q1" value="5" checked"#), "what was chosen stays chosen")
        #expect(html.contains("Très &lt;b&gt;bien&lt;/b&gt; &amp; utile</textarea>"), "what was typed stays, escaped")
        let long = try post(path, [("csrf", token)] + Self.goodAnswers + [("q7", String(repeating: "é", count: 5001))])
        #expect(long.status == 422)
        #expect(
            long.text.contains("Votre texte compte 5\u{202F}001 caractères\u{202F}; il en faut 5\u{202F}000 au plus."))
        #expect(try year.database.fingerprint() == before)
    }

    @Test func forgedSubmissionsAreRefusedAndChangeNothing() throws {
        let path = try link("Chloé")
        let token = try csrf(path)
        let other = try link("Alice")
        let before = try year.database.fingerprint()
        for (fields, headers) in [
            (Self.goodAnswers, []),
            ([("csrf", String(repeating: "0", count: 64))] + Self.goodAnswers, []),
            ([("csrf", try csrf(other))] + Self.goodAnswers, []),
            ([("csrf", token)] + Self.goodAnswers, [("Sec-Fetch-Site", "cross-site")]),
            ([("csrf", token)] + Self.goodAnswers, [("Sec-Fetch-Site", "same-site")]),
            ([("csrf", token)] + Self.goodAnswers, [("Origin", "https://evil.example")]),
            ([("csrf", token)] + Self.goodAnswers, [("Origin", "https://formation.asso.example:8443")]),
        ] as [([(String, String)], [(String, String)])] {
            let response = try post(path, fields, headers: headers)
            #expect(response.status == 403)
            #expect(response.text.contains("Cet envoi n’a pas pu être accepté"))
        }
        #expect(try year.database.fingerprint() == before)
        let sameOrigin = try post(
            path, [("csrf", token)] + Self.goodAnswers,
            headers: [("Origin", "null"), ("Sec-Fetch-Site", "same-origin")])
        #expect(sameOrigin.status == 200, "a page without referrer posts with Origin: null")
        #expect(try count("SELECT count(*) FROM response") == 1)
    }

    @Test func unknownExpiredAndCancelledLinksGetTheirFrenchPage() throws {
        let unknown = try server.request("GET", "/q/" + String(repeating: "ab", count: 16))
        let garbage = try server.request("GET", "/q/%3Cscript%3E")
        let nowhere = try server.request("GET", "/nowhere")
        for response in [unknown, garbage, nowhere] {
            #expect(response.status == 404)
            #expect(response.text.contains("Ce lien ne mène à aucune page"))
        }
        #expect(unknown.text == garbage.text, "every unknown token gets the same page")

        let expired = try link("Alice")
        try year.database.connect().execute(
            "UPDATE questionnaire_link SET created_at = now() - interval '31 days'")
        let old = try server.request("GET", expired)
        #expect(old.status == 410)
        #expect(old.text.contains("Ce questionnaire n’est plus ouvert"))

        let cancelled = try link("Gaspard")
        let gone = try server.request("GET", cancelled)
        #expect(gone.status == 410)
        #expect(gone.text.contains("Votre inscription à cette formation a été annulée"))
    }

    @Test func anOversizeOrMalformedBodyIsRefused() throws {
        let path = try link("Chloé")
        let before = try year.database.fingerprint()
        let huge = try server.request(
            "POST", path, headers: [("Content-Type", "application/x-www-form-urlencoded")],
            body: Array(("q7=" + String(repeating: "a", count: 130 * 1024)).utf8))
        #expect(huge.status == 413)
        #expect(huge.text.contains("Votre réponse est trop longue pour être reçue"))
        #expect(huge.headers["connection"] == "close", "the rest of the body is never read")
        let broken = try server.request(
            "POST", path, headers: [("Content-Type", "application/x-www-form-urlencoded")],
            body: Array("csrf=%ZZ&q1=%E9".utf8))
        #expect(broken.status == 400)
        #expect(broken.text.contains("Cet envoi n’a pas pu être lu"))
        #expect(try year.database.fingerprint() == before)
    }

    /// Fifty participants answering at once, each from their own link: fifty responses.
    @Test func fiftyLinksSubmittedAtOnceAreFiftyResponses() async throws {
        let store = try year.store()
        var plan = SessionPlan(module: "PMAE", slots: [try SlotSpec(parsing: "2026-05-04T09:00-12:30")])
        plan.recordsPast = true
        plan.capacity = 60
        let session = try Sessions(store).schedule(plan).code
        var paths: [String] = []
        for index in 1...50 {
            let email = try EmailAddress("foule\(index)@asso.fr")
            _ = try People(store).addParticipant(Participant(firstName: "P\(index)", lastName: "Foule", email: email))
            _ = try Registrations(store).register(email, in: session)
            let registration = try store.connection.execute(
                """
                SELECT r.id FROM registration r JOIN participant p ON p.id = r.participant_id
                WHERE p.email = \(email.text)
                """)[0].decode(Int.self, at: 0)
            paths.append("/q/" + (try QuestionnaireLinks(store).issue(registration: registration, .hot)))
        }
        let tokens = try paths.map { try csrf($0) }
        let responses = try await withThrowingTaskGroup(of: HTTPExchange.Response.self) { group in
            for (path, token) in zip(paths, tokens) {
                group.addTask { try post(path, [("csrf", token)] + Self.goodAnswers) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(responses.count == 50)
        #expect(responses.allSatisfy { $0.status == 200 && $0.text.contains("Merci, vos réponses ont été reçues") })
        #expect(try count("SELECT count(*) FROM response") == 50)
    }

    /// Ten submissions of one link at once: one is recorded, nine are told it already was.
    @Test func theSameLinkSubmittedTenTimesAtOnceIsRecordedOnce() async throws {
        let path = try link("Chloé")
        let token = try csrf(path)
        let responses = try await withThrowingTaskGroup(of: HTTPExchange.Response.self) { group in
            for _ in 0..<10 {
                group.addTask { try post(path, [("csrf", token)] + Self.goodAnswers) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(responses.allSatisfy { $0.status == 200 })
        #expect(responses.filter { $0.text.contains("Merci, vos réponses ont été reçues") }.count == 1)
        #expect(responses.filter { $0.text.contains("Vos réponses ont déjà été reçues") }.count == 9)
        #expect(try count("SELECT count(*) FROM response") == 1)
    }
}
