import Foundation
import Postgres
import TestSupport
import Testing
import Training

/// « Un problème ? Dites-le nous » from every personal link, through the real server: the form
/// reached from the link's page, a réclamation recorded in the holder's name, a refusal with a
/// French page and the database as it was.
@Suite struct ProblemPageTests {
    let year: TrainingYear
    let server: PageServerProcess

    init() throws {
        year = try TrainingYear()
        server = try year.pageServer()
    }

    /// `/probleme/<token>` for the page at `path` (`/q/<token>`…), read from that page's link.
    func problemPath(from path: String) throws -> String {
        let page = try server.request("GET", path).text
        let link = try #require(page.firstMatch(of: /<a href="(\.\.\/probleme\/[0-9a-f]{32})">Un problème/))
        #expect(page.contains("Un problème&#8239;? Dites-le nous"))
        return String(link.1.dropFirst(2))
    }

    func csrf(_ path: String) throws -> String {
        let match = try #require(
            try server.request("GET", path).text.firstMatch(of: /name="csrf" value="([0-9a-f]{64})"/))
        return String(match.1)
    }

    func post(_ path: String, _ fields: [(String, String)]) throws -> HTTPExchange.Response {
        try server.request(
            "POST", path, headers: [("Content-Type", "application/x-www-form-urlencoded")],
            body: Array(fields.map { "\($0.0)=\(QuestionnairePageTests.encoded($0.1))" }.joined(separator: "&").utf8))
    }

    func incidents() throws -> [(String, String, String)] {
        try year.database.connect().execute(
            """
            SELECT i.source || ':' || coalesce(p.email, t.code), s.code, i.text FROM incident i
            LEFT JOIN participant p ON p.id = i.participant_id LEFT JOIN trainer t ON t.id = i.trainer_id
            JOIN session s ON s.id = i.session_id ORDER BY i.id
            """
        ).map { try $0.decode((String, String, String).self) }
    }

    @Test func aParticipantReportsFromTheirQuestionnaireAndSigningLinks() throws {
        let questionnaire = try problemPath(from: try year.questionnairePath("Chloé"))
        let before = try year.database.fingerprint()
        let form = try server.request("GET", questionnaire)
        #expect(form.status == 200 && form.headers["cache-control"] == "no-store")
        for expected in [
            "<h1>Un problème&#8239;? Dites-le nous</h1>", "«&#8239;Accompagner la fonction employeur&#8239;»",
            "<textarea id=\"text\" name=\"text\"", "<a href=\"../q/",
        ] {
            #expect(form.text.contains(expected), "the page says \(expected)")
        }
        #expect(try year.database.fingerprint() == before)

        let recorded = try post(
            questionnaire, [("csrf", try csrf(questionnaire)), ("text", "  La salle était froide.\r\nTrès froide.  ")])
        #expect(recorded.status == 200)
        #expect(recorded.text.contains("Merci, votre message est transmis"))

        let email = try TrainingYear.email("Alice")
        let signing = try problemPath(from: try year.signingPath(email, in: TrainingYear.march))
        #expect(
            try post(signing, [("csrf", try csrf(signing)), ("text", "Le lien de signature ne s’ouvrait pas.")]).status
                == 200)
        #expect(
            try incidents().map { "\($0.0) \($0.1) \($0.2)" } == [
                "participant:\(try TrainingYear.email("Chloé").text) \(TrainingYear.march) La salle était froide.\nTrès froide.",
                "participant:\(email.text) \(TrainingYear.march) Le lien de signature ne s’ouvrait pas.",
            ])
    }

    /// The problem page's token is personal as its link's: cut in the log, counted by the limit.
    @Test func theLogCutsTheToken() throws {
        let path = try problemPath(from: try year.questionnairePath("Chloé"))
        #expect(try server.request("GET", path).status == 200)
        let token = path.dropFirst("/probleme/".count)
        #expect(server.logText.contains("GET /probleme/\(token.prefix(6))…"))
        #expect(!server.logText.contains(String(token)))
    }

    @Test func aTrainerReportsFromTheirLink() throws {
        let path = try problemPath(from: try year.trainerPath(in: TrainingYear.march))
        #expect(try post(path, [("csrf", try csrf(path)), ("text", "Il manquait un vidéoprojecteur.")]).status == 200)
        #expect(try incidents().map(\.0) == ["trainer:SCOP"])
    }

    @Test func aRefusedMessageChangesNothing() throws {
        let path = try problemPath(from: try year.questionnairePath("Chloé"))
        let token = try csrf(path)
        let before = try year.database.fingerprint()
        let empty = try post(path, [("csrf", token), ("text", " \n ")])
        #expect(empty.status == 422)
        #expect(empty.text.contains("role=\"alert\" id=\"text-error\">Écrivez ce qui ne va pas avant d’envoyer.</p>"))
        let long = try post(path, [("csrf", token), ("text", String(repeating: "é", count: 5001))])
        #expect(long.status == 422)
        #expect(long.text.contains("Votre message dépasse 5\u{202F}000 caractères\u{A0}: raccourcissez-le."))
        let control = try post(path, [("csrf", token), ("text", "Bip\u{7}")])
        #expect(control.status == 422)
        #expect(control.text.contains("Votre message contient un caractère qui ne peut pas être enregistré."))
        let forged = try post(path, [("csrf", String(repeating: "0", count: 64)), ("text", "Faux.")])
        #expect(forged.status == 403)
        let unknown = try server.request("GET", "/probleme/" + String(repeating: "a", count: 32))
        #expect(unknown.status == 404 && unknown.text.contains("Ce lien ne mène à aucune page"))
        #expect(
            try post("/probleme/" + String(repeating: "a", count: 32), [("csrf", token), ("text", "x")]).status == 403)
        #expect(try year.database.fingerprint() == before)
    }
}
