import Foundation
import Postgres
import TestSupport
import Testing
import Training

/// Every stakeholder's opinion (Qualiopi indicator 30) beside the participants': the trainers'
/// questionnaire on their page once the session is completed, and the structures' three months
/// after, mailed to each structure's contact — through the binary, the real page server and a
/// real mailbox, and counted by `assessment show`.
@Suite(.serialized) struct StakeholderQuestionnaireTests {
    let year: TrainingYear
    let server: PageServerProcess

    init() throws {
        year = try TrainingYear()
        // The questionnaires of Questionnaires/, as every installation gets them.
        #expect(try year.atelier(["db", "migrate"]).status == 0)
        server = try year.pageServer()
    }

    func count(_ sql: String) throws -> Int {
        try year.database.connect().execute(PostgresQuery(unsafeSQL: sql))[0].decode(Int.self, at: 0)
    }

    func post(_ path: String, _ fields: [(String, String)]) throws -> HTTPExchange.Response {
        try server.request(
            "POST", path, headers: [("Content-Type", "application/x-www-form-urlencoded")],
            body: Array(
                fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
                    .joined(separator: "&").utf8))
    }

    func csrf(_ html: String) throws -> String {
        String(try #require(html.firstMatch(of: /name="csrf" value="([0-9a-f]{64})"/)).1)
    }

    @Test func theTrainerAnswersOnTheirPageOnceTheSessionIsCompleted() throws {
        let path = try year.trainerPath("SCOP", in: TrainingYear.march)
        let page = try server.request("GET", path).text
        for expected in [
            "<h2 id=\"opinion-title\">Votre avis de formateur</h2>",
            "<legend>Les objectifs de la formation ont-ils été atteints par le groupe\u{202F}?</legend>",
            "<input type=\"hidden\" name=\"form\" value=\"opinion\">",
        ] {
            #expect(page.contains(expected), "the page says \(expected)")
        }
        let april = try server.request("GET", try year.trainerPath("MARIE", in: TrainingYear.april)).text
        #expect(!april.contains("opinion-title"), "a session not completed asks nothing")
        let token = try csrf(page)
        let before = try year.database.fingerprint()
        let refused = try post(path, [("csrf", token), ("form", "opinion"), ("q1", "4"), ("q2", "5")])
        #expect(refused.status == 422)
        #expect(refused.text.contains("2 réponses sont à compléter."))
        #expect(refused.text.contains("id=\"q2-5\" name=\"q2\" value=\"5\" checked"))
        #expect(try year.database.fingerprint() == before)
        let answered = try post(
            path,
            [
                ("csrf", token), ("form", "opinion"), ("q1", "4"), ("q2", "5"), ("q3", "3"), ("q4", "5"),
                ("q5", "Un groupe très investi ; la salle était un peu petite."),
            ])
        #expect(answered.status == 303)
        #expect(try server.request("GET", path).text.contains("Merci, votre avis a été reçu."))
        #expect(
            try count("SELECT count(*) FROM response WHERE questionnaire = 'trainer' AND trainer_id IS NOT NULL") == 1)
        let shown = try year.atelier(["assessment", "show", TrainingYear.march, "--questionnaire", "trainer"])
        #expect(shown.status == 0, "\(shown.standardError)")
        #expect(
            shown.standardOutput.hasPrefix(
                "Votre avis de formateur (trainer), session \(TrainingYear.march): 1 response of 1 (100 %).\n"))
        #expect(shown.standardOutput.contains("« Un groupe très investi ; la salle était un peu petite. »"))
    }

    @Test func aStructureIsAskedThreeMonthsAfterByItsContact() throws {
        let catcher = try MailCatcher()
        let environment = [
            "ATELIER_SMTP_URL": catcher.url, "ATELIER_MAIL_FROM": "Atelier Caen <formation@mda-caen.example>",
            "ATELIER_WEB_BASE_URL": "https://formation.asso.example",
        ]
        let edited = try year.atelier(
            [
                "structure", "edit", "44201234000018", "--contact-name", "Jeanne Morel", "--contact-email",
                "Direction@FamillesRurales14.example",
            ])
        #expect(
            edited.standardOutput
                == "Updated Association Familles Rurales du Calvados: contact Jeanne Morel <direction@famillesrurales14.example>; no billing address.\n"
        )
        // Both structures of the March session are asked, three months after its completion.
        #expect(
            try count(
                "SELECT count(*) FROM job WHERE kind = 'structure-questionnaire' AND run_at > now() + interval '89 days'"
            )
                == 2)
        try year.database.connect().execute(
            "UPDATE job SET run_at = now() WHERE kind IN ('structure-questionnaire', 'questionnaire-cold')")
        #expect(try year.atelier(["worker", "--until-idle"], environment: environment).status == 0)
        let mails = try ReadMail.read(catcher.messageFiles()).filter { $0.to == "direction@famillesrurales14.example" }
        let mail = try #require(mails.first)
        #expect(mails.count == 1 && mail.toName == "Jeanne Morel")
        #expect(
            mail.subject
                == "Trois mois après «\u{202F}Accompagner la fonction employeur\u{202F}»\u{202F}: votre regard de structure"
        )
        let text = try #require(mail.parts.first?.text)
        #expect(
            text.contains(
                "Alice Aubert, Bruno Bénard et Émile Étienne, de Association Familles Rurales du Calvados, suivaient"))
        #expect(
            try count(
                "SELECT count(*) FROM job WHERE kind = 'structure-questionnaire' AND state = 'discarded' AND errors::text LIKE '%no contact%'"
            )
                == 1, "the structure without a contact is not asked")
        let link = try #require(
            text.split(separator: "\n").first { $0.hasPrefix("https://formation.asso.example/q/") }.map(String.init))
        let path = String(link.dropFirst("https://formation.asso.example".count))
        let page = try server.request("GET", path).text
        #expect(page.contains("<h1>Le regard de votre structure</h1>") && page.contains("Bonjour Jeanne Morel,"))
        let answered = try post(path, [("csrf", try csrf(page)), ("q1", "5"), ("q2", "4"), ("q3", "oui")])
        #expect(answered.status == 200)
        #expect(
            try count("SELECT count(*) FROM response WHERE questionnaire = 'employer' AND employer_id IS NOT NULL") == 1
        )
        let shown = try year.atelier(["assessment", "show", TrainingYear.march, "--questionnaire", "employer"])
        #expect(shown.status == 0, "\(shown.standardError)")
        #expect(
            shown.standardOutput.hasPrefix(
                "Le regard de votre structure (employer), session \(TrainingYear.march): 1 response of 1 (100 %).\n"))
    }
}
