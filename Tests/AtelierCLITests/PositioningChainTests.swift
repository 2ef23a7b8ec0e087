import Foundation
import Postgres
import TestSupport
import Testing
import Training

/// The positioning from end to end through the binary: the worker copies `Questionnaires/` and
/// puts the positioning's link in the convocation, the participant answers on the real page each
/// objective of the session's programme and asks for an adaptation, the disability referent hears
/// of it by mail, and `assessment show --kind positioning` puts before and after side by side. The
/// last half-day's invitation is queued for when it starts.
@Suite(.serialized) struct PositioningChainTests {
    let database: TestDatabase
    let catcher: MailCatcher
    let store: Store
    let code: String
    static let baseURL = "https://formation.mda-caen.example"

    init() throws {
        database = try TestDatabase.migrated()
        catcher = try MailCatcher()
        store = try Store.repository(database.connect())
        _ = try OrganisationRecord(store).edit { organisation in
            TrainingYear.describeCaen(&organisation)
            organisation.disabilityReferentName = "Luc Petit"
            organisation.disabilityReferentEmail = "handicap@mda-caen.example"
        }
        var module = Module(code: "PMAE", title: "Accompagner la fonction employeur", durationMinutes: 630)
        module.objectives = ["Identifier les aides à l’emploi.", "Construire une fiche de poste."]
        _ = try Catalogue(store).addModule(module)
        let plan = SessionPlan(
            module: "PMAE",
            slots: try ["2030-04-04T09:00-12:30", "2030-04-04T14:00-17:30", "2030-04-18T09:00-12:30"]
                .map(SlotSpec.init(parsing:)))
        code = try Sessions(store).schedule(plan).code
        for index in 1...2 {
            _ = try People(store).addParticipant(
                Participant(
                    firstName: "Prénom\(index)", lastName: "Nom\(index)", email: try EmailAddress("p\(index)@asso.fr")))
            _ = try Registrations(store).register(EmailAddress("p\(index)@asso.fr"), in: code)
        }
    }

    var environment: [String: String] {
        [
            "ATELIER_DATABASE_URL": database.url, "ATELIER_SMTP_URL": catcher.url,
            "ATELIER_MAIL_FROM": "Atelier Caen <formation@mda-caen.example>", "ATELIER_WEB_BASE_URL": Self.baseURL,
        ]
    }

    func atelier(_ arguments: String...) throws -> AtelierProcess.Outcome {
        try AtelierProcess.run(arguments, environment: environment)
    }

    func count(_ sql: String) throws -> Int {
        try database.connect().execute(PostgresQuery(unsafeSQL: sql))[0].decode(Int.self, at: 0)
    }

    /// The path of the positioning's link in `to`'s convocation: `/q/<token>`.
    func positioningPath(to address: String) throws -> String {
        let mails = try ReadMail.read(catcher.messageFiles())
        let convocation = try #require(mails.first { $0.to == address && $0.subject.contains("Convocation") })
        let text = try #require(convocation.parts.first?.text)
        #expect(text.contains("Avant la formation, dites-nous où vous en êtes sur chacun de ses objectifs"))
        let link = try #require(
            text.split(separator: "\n").first { $0.hasPrefix(Self.baseURL + "/q/") }.map(String.init))
        return String(link.dropFirst(Self.baseURL.count))
    }

    @Test func aParticipantPositionsThemselvesAndTheReferentHearsOfTheirNeed() throws {
        let worker = try atelier("worker", "--until-idle")
        #expect(worker.status == 0, "\(worker.standardError)")
        let path = try positioningPath(to: "p1@asso.fr")
        // The last half-day's invitation waits for its start, one per participant.
        #expect(
            try count(
                """
                SELECT count(*) FROM job j JOIN slot sl ON sl.id = (j.args->>'slotId')::bigint
                WHERE j.kind = 'last-half-day' AND j.run_at = sl.starts_at AND sl.starts_at = '2030-04-18T09:00+02'
                """) == 2)

        let server = try PageServerProcess(
            environment: environment.merging([
                "ATELIER_WEB_SECRET": "a-secret-for-the-tests-only-0123456789", "ATELIER_WEB_RATE_LIMIT": "100000",
            ]) { $1 })
        let page = try server.request("GET", path)
        #expect(page.status == 200)
        for expected in [
            "<h1>Votre positionnement avant la formation</h1>", "<legend>Où en êtes-vous\u{202F}?</legend>",
            "Identifier les aides à l’emploi.", "Construire une fiche de poste.", "1\u{A0}: Je découvre",
            "name=\"q1-2\" value=\"5\"", "name=\"q3-detail\"", "avec votre nom",
        ] {
            #expect(page.text.contains(expected), "the page says \(expected)")
        }
        let csrf = try #require(page.text.firstMatch(of: /name="csrf" value="([0-9a-f]{64})"/)).1
        let post = { (fields: [(String, String)]) in
            try server.request(
                "POST", path, headers: [("Content-Type", "application/x-www-form-urlencoded")],
                body: Array(
                    fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
                        .joined(separator: "&").utf8))
        }
        let before = try database.fingerprint()
        let missing = try post([("csrf", String(csrf)), ("q1-1", "2"), ("q3", "non")])
        #expect(missing.status == 422)
        #expect(missing.text.contains("Choisissez une note de 1 à 5 pour chaque objectif."))
        #expect(missing.text.contains("id=\"q1-1-2\" name=\"q1-1\" value=\"2\" checked"))
        #expect(try database.fingerprint() == before)
        let answered = try post([
            ("csrf", String(csrf)), ("q1-1", "2"), ("q1-2", "3"), ("q2", "Savoir rédiger une fiche de poste."),
            ("q3", "oui"), ("q3-detail", "Je me déplace en fauteuil."),
        ])
        #expect(answered.status == 200)
        #expect(answered.text.contains("Merci, vos réponses ont été reçues"))

        #expect(try atelier("worker", "--until-idle").status == 0)
        let notice = try #require(
            try ReadMail.read(catcher.messageFiles()).first { $0.to == "handicap@mda-caen.example" })
        #expect(notice.toName == "Luc Petit")
        #expect(
            notice.subject
                == "Demande d’adaptation\u{202F}: Prénom1 Nom1, «\u{202F}Accompagner la fonction employeur\u{202F}»")
        let text = try #require(notice.parts.first?.text)
        #expect(text.contains("Je me déplace en fauteuil."))
        #expect(text.contains("dans le questionnaire «\u{202F}Votre positionnement avant la formation\u{202F}»"))
        #expect(try count("SELECT count(*) FROM delivery WHERE kind = 'adaptation-notice' AND state = 'accepted'") == 1)

        let shown = try atelier("assessment", "show", code, "--kind", "positioning")
        #expect(shown.status == 0, "\(shown.standardError)")
        #expect(
            shown.standardOutput.hasPrefix(
                "Objectives of \(code), before and after: 1 of 2 participants positioned, 0 self-assessed, 0 evaluated by the trainers; 1 asked for an adaptation.\n"
            ))
        let lines = shown.standardOutput.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        #expect(lines.contains("1. Identifier les aides à l’emploi. 2,00 / 5 — 0 0 0"))
        #expect(lines.contains("Prénom1 Nom1 2 → — — 3 → — — oui"))
        #expect(lines.contains("Prénom2 Nom2 — → — — — → — — —"))
    }
}
