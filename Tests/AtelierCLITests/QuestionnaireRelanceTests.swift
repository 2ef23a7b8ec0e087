import Foundation
import Postgres
import TestSupport
import Testing

/// Relances: days after a questionnaire's invitation, whoever has not answered gets it again
/// with a link of their own; answering, from the CLI or the page, cancels what is left.
@Suite struct QuestionnaireRelanceTests {
    let year: TrainingYear
    let catcher: MailCatcher
    let environment: [String: String]

    init() throws {
        year = try TrainingYear()
        catcher = try MailCatcher()
        environment = [
            "ATELIER_DATABASE_URL": year.database.url, "ATELIER_SMTP_URL": catcher.url,
            "ATELIER_WEB_BASE_URL": "https://formation.asso.example",
        ]
    }

    func count(_ sql: String) throws -> Int {
        try year.database.connect().execute(PostgresQuery(unsafeSQL: sql))[0].decode(Int.self, at: 0)
    }

    /// The questionnaire links in the messages to `email`, in order.
    func links(in mails: [ReadMail], to email: String) -> [String] {
        mails.filter { $0.to == email }.compactMap { mail in
            mail.parts.first { $0.type == "text/plain" }?.text?.firstMatch(of: /\/q\/[0-9a-f]{32}/).map { String($0.0) }
        }
    }

    @Test func whoeverHasNotAnsweredIsRemindedWithALinkOfTheirOwn() throws {
        #expect(try AtelierProcess.run(["worker", "--until-idle"], environment: environment).status == 0)
        // Five attendees invited (Fanny attended nothing), each with two relances at +3 and +7 days.
        #expect(
            try count(
                """
                SELECT count(*) FROM job WHERE kind = 'questionnaire-reminder' AND state = 'scheduled'
                AND (run_at BETWEEN now() + interval '3 days' - interval '10 minutes' AND now() + interval '3 days'
                     OR run_at BETWEEN now() + interval '7 days' - interval '10 minutes' AND now() + interval '7 days')
                """) == 10)

        let answered = try AtelierProcess.run(
            [
                "assessment", "record", TrainingYear.march, "--participant", "chloe@asso.fr", "--answer", "1=5",
                "--answer", "6=oui",
            ], environment: environment)
        #expect(answered.status == 0, "\(answered.standardError)")
        #expect(
            try count(
                "SELECT count(*) FROM job WHERE kind = 'questionnaire-reminder' AND state = 'cancelled' AND unique_key LIKE 'questionnaire-reminder:hot:registration:%'"
            ) == 2)

        // Three days later.
        try year.database.connect().execute(
            "UPDATE job SET run_at = now(), state = 'available' WHERE kind = 'questionnaire-reminder' AND state = 'scheduled' AND unique_key LIKE '%:3'"
        )
        let invitations = try ReadMail.read(catcher.messageFiles())
        #expect(try AtelierProcess.run(["worker", "--until-idle"], environment: environment).status == 0)
        let relances = try ReadMail.read(catcher.messageFiles()).filter {
            $0.subject == "Rappel\u{00A0}: votre avis sur «\u{202F}Accompagner la fonction employeur\u{202F}»"
        }
        #expect(
            relances.map(\.to).sorted() == ["alice@asso.fr", "bruno@asso.fr", "damien@asso.fr", "emile@asso.fr"])
        let first = try #require(links(in: invitations, to: "alice@asso.fr").first)
        let again = try #require(links(in: relances, to: "alice@asso.fr").first)
        #expect(first != again, "each message has a link of its own")

        let server = try PageServerProcess(environment: environment)
        for path in [first, again] {
            #expect(try server.request("GET", path).text.contains("<h1>Votre avis à chaud</h1>"))
        }
        // Alice answers from the relance's link: her last relance is cancelled with it.
        let page = try server.request("GET", again).text
        let csrf = String(try #require(page.firstMatch(of: /name="csrf" value="([0-9a-f]{64})"/)).1)
        let body = "csrf=\(csrf)&q1=4&q2=4&q3=4&q4=4&q5=4&q6=oui"
        let posted = try server.request(
            "POST", again, headers: [("Content-Type", "application/x-www-form-urlencoded")], body: Array(body.utf8))
        #expect(posted.status == 200)
        #expect(
            try count(
                """
                SELECT count(*) FROM job j JOIN registration r ON j.unique_key = 'questionnaire-reminder:hot:registration:' || r.id || ':7'
                JOIN participant p ON p.id = r.participant_id WHERE p.email = 'alice@asso.fr' AND j.state = 'cancelled'
                """) == 1)
        #expect(try server.request("GET", first).text.contains("Vos réponses ont déjà été reçues"))
    }
}
