import App
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Postgres
import TestSupport
import Testing
import Training
import Web

/// Every route of the pages, request by request, through Hummingbird's testing library: the
/// application `atelier serve` runs, its responder called in process, over the year's database.
/// (`QuestionnairePageTests` and `ServeTests` ask the real binary over loopback.)
@Suite struct PageRouterTests {
    let year: TrainingYear
    let context: AppContext

    init() throws {
        year = try TrainingYear()
        context = try AppContext(environment: [
            "ATELIER_ROOT": FileManager.default.currentDirectoryPath, "ATELIER_DATABASE_URL": year.database.url,
            "ATELIER_WEB_BASE_URL": "https://formation.asso.example",
            "ATELIER_WEB_SECRET": "a-secret-for-the-tests-only-0123456789", "ATELIER_WEB_RATE_LIMIT": "100000",
        ])
    }

    struct Answer {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let text: String
    }

    /// A form's body: `fields` encoded.
    static func form(_ fields: [(String, String)]) -> String {
        fields.map { "\($0.0)=\(QuestionnairePageTests.encoded($0.1))" }.joined(separator: "&")
    }

    /// The answers to `requests` (method, path, body, headers), asked in order of one application.
    func ask(_ requests: [(HTTPRequest.Method, String, String, HTTPFields)]) async throws -> [Answer] {
        let application = try PageServer(context: context, host: "127.0.0.1", port: 0)
            .application(logger: Logger(label: "test"))
        return try await application.test(.router) { client in
            var answers: [Answer] = []
            for (method, uri, body, headers) in requests {
                var headers = headers
                if method == .post { headers[.contentType] = "application/x-www-form-urlencoded" }
                answers.append(
                    try await client.execute(
                        uri: uri, method: method, headers: headers, body: ByteBuffer(string: body)
                    ) { Answer(status: $0.status, headers: $0.headers, text: String(buffer: $0.body)) })
            }
            return answers
        }
    }

    func get(_ uri: String) async throws -> Answer { try await ask([(.get, uri, "", [:])])[0] }

    func csrf(_ path: String) async throws -> String {
        let page = try await get(path).text
        return String(try #require(page.firstMatch(of: /name="csrf" value="([0-9a-f]{64})"/)).1)
    }

    @Test func healthAndTheStyleSheetAnswer() async throws {
        let health = try await get("/health")
        #expect(health.status == .ok)
        #expect(health.text == #"{"database":"reachable","migrations":"applied","status":"ok"}"#)
        let css = try await get("/atelier.css")
        #expect(css.status == .ok && css.headers[.contentType] == "text/css; charset=utf-8")
        #expect(css.headers[.contentSecurityPolicy] == "default-src 'self'; frame-ancestors 'none'; form-action 'self'")
        #expect(css.headers[.strictTransportSecurity] != nil, "web.base-url is https")
    }

    @Test func aLinkShowsItsQuestionnaireAndTakesItsAnswersOnce() async throws {
        let path = try year.questionnairePath("Chloé")
        let before = try year.database.fingerprint()
        let page = try await get(path)
        #expect(page.status == .ok)
        #expect(page.text.contains("<h1>Votre avis à chaud</h1>") && page.text.contains("Bonjour Chloé,"))
        #expect(try year.database.fingerprint() == before, "opening the link changes nothing")
        let token = try await csrf(path)
        let text = "<b>{{organisation}}</b> '; DROP TABLE answer; --"
        let answers = try await ask([
            (.post, path, Self.form([("csrf", token)] + QuestionnairePageTests.goodAnswers + [("q7", text)]), [:]),
            (.post, path, Self.form([("csrf", token)] + QuestionnairePageTests.goodAnswers), [:]),
            (.get, path, "", [:]),
        ])
        #expect(answers.map(\.status) == [.ok, .ok, .ok])
        #expect(answers[0].text.contains("Merci, vos réponses ont été reçues"))
        #expect(answers[1].text.contains("Vos réponses ont déjà été reçues"))
        #expect(answers[2].text.contains("Vos réponses ont déjà été reçues"))
        #expect(answers[1].text.contains("Une question\u{202F}? Écrivez à"), "the page names whom to write to")
        let stored = try year.database.connect().execute("SELECT text FROM answer WHERE text IS NOT NULL")[0]
        #expect(try stored.decode(String.self, at: 0) == text)
    }

    /// Each refusal: its status, its French sentence, and the database exactly as before.
    @Test func refusalsChangeNothing() async throws {
        let path = try year.questionnairePath("Chloé")
        let token = try await csrf(path)
        let expired = try year.questionnairePath("Alice")
        let expiredToken = try await csrf(expired)
        try year.database.connect().execute(
            """
            UPDATE questionnaire_link SET created_at = now() - interval '31 days'
            WHERE token_sha256 = sha256(convert_to(\(String(expired.dropFirst(3))), 'UTF8'))
            """)
        let cancelled = try year.questionnairePath("Gaspard")
        let answers = QuestionnairePageTests.goodAnswers
        let good = Self.form([("csrf", token)] + answers)
        let notFound = "Ce lien ne mène à aucune page"
        let forged = "Cet envoi n’a pas pu être accepté"
        let cases: [(HTTPRequest.Method, String, String, HTTPFields, HTTPResponse.Status, String)] = [
            (.get, "/q/" + String(repeating: "ab", count: 16), "", [:], .notFound, notFound),
            (.get, "/q/%3Cscript%3E", "", [:], .notFound, notFound),
            (.get, "/nowhere", "", [:], .notFound, notFound),
            (.delete, path, "", [:], .notFound, notFound),
            (.get, expired, "", [:], .gone, "Ce questionnaire n’est plus ouvert"),
            (.post, expired, Self.form([("csrf", expiredToken)] + answers), [:], .gone, "n’est plus ouvert"),
            (.get, cancelled, "", [:], .gone, "Votre inscription à cette formation a été annulée"),
            (.post, path, Self.form(answers), [:], .forbidden, forged),
            (.post, path, Self.form([("csrf", String(repeating: "0", count: 64))] + answers), [:], .forbidden, forged),
            (.post, path, Self.form([("csrf", expiredToken)] + answers), [:], .forbidden, forged),
            (.post, path, good, [HTTPField.Name("Sec-Fetch-Site")!: "cross-site"], .forbidden, forged),
            (.post, path, good, [.origin: "https://evil.example"], .forbidden, forged),
            (.post, path, "csrf=%ZZ&q1=%E9", [:], .badRequest, "Cet envoi n’a pas pu être lu"),
            (
                .post, path, "q7=" + String(repeating: "a", count: 130 * 1024), [:], .contentTooLarge,
                "Votre réponse est trop longue pour être reçue"
            ),
            (
                .post, path, Self.form([("csrf", token), ("q1", "0"), ("q2", "6"), ("q3", "x"), ("q6", "peut-être")]),
                [:], .unprocessableContent, "Choisissez une note de 1 à 5."
            ),
            (
                .post, path, Self.form([("csrf", token)] + answers + [("q7", String(repeating: "é", count: 5001))]),
                [:], .unprocessableContent, "il en faut 5\u{202F}000 au plus."
            ),
        ]
        let before = try year.database.fingerprint()
        let responses = try await ask(cases.map { ($0.0, $0.1, $0.2, $0.3) })
        for (answer, expected) in zip(responses, cases) {
            #expect(answer.status == expected.4, "\(expected.0) \(expected.1)")
            #expect(answer.text.contains(expected.5), "\(expected.0) \(expected.1) says \(expected.5)")
            #expect(answer.text.contains("<html lang=\"fr\">"))
        }
        #expect(try year.database.fingerprint() == before)
    }

    /// The signing page in process: no client address reaches the route (there is no socket),
    /// and the signature is recorded without one.
    @Test func aHalfDayIsSignedWithoutAClientAddress() async throws {
        let (session, slots) = try year.scheduleAroundNow()
        let path = try year.signingPath(try TrainingYear.email("Chloé"), in: session)
        let page = try await get(path)
        #expect(page.status == .ok && page.text.contains("À signer maintenant"))
        let token = try await csrf(path)
        let signed = try await ask([
            (
                .post, path,
                Self.form([("csrf", token), ("slot", String(slots[1])), ("name", "Chloé Caron"), ("certify", "oui")]),
                [:]
            )
        ])[0]
        #expect(signed.status == .ok && signed.text.contains("Merci, votre signature est enregistrée"))
        let row = try year.database.connect().execute(
            "SELECT client_address IS NULL, typed_name FROM attendance_evidence WHERE action = 'signature'")
        #expect(try row[0].decode((Bool, String).self) == (true, "Chloé Caron"))
        #expect(Signatures.Client(address: "unknown", userAgent: nil).address == nil)
        #expect(Signatures.Client(address: "::1", userAgent: nil).address == "::1")
        #expect(Signatures.Client(address: "203.0.113.9", userAgent: nil).address == "203.0.113.9")
    }
}
