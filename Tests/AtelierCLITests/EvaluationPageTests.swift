import Foundation
import Postgres
import TestSupport
import Testing
import Training

/// The trainer's evaluation of what each participant learnt, objective by objective (Qualiopi
/// indicator 11), through the real server and the CLI: offered from the last half-day, recorded
/// from the page, read back by `assessment show --kind evaluation`.
@Suite struct EvaluationPageTests {
    let year: TrainingYear
    let server: PageServerProcess
    let pages: SigningPageTests

    init() throws {
        pages = try SigningPageTests()
        year = pages.year
        server = pages.server
        _ = try Catalogue(try year.store()).editModule("PMAE") {
            $0.objectives = ["Connaître le cadre de l’emploi associatif.", "Conduire un recrutement."]
        }
    }

    /// A session of the Scop whose last half-day began ten minutes ago (or, with `tomorrow`, is
    /// tomorrow), with Chloé and Alice confirmed: its code and their registrations.
    func session(endingTomorrow tomorrow: Bool = false) throws -> (String, [Int]) {
        let slots = try TrainingYear.slotsAroundNow()
        var plan = SessionPlan(
            module: "PMAE", slots: try (tomorrow ? slots : Array(slots.prefix(2))).map(SlotSpec.init(parsing:)))
        plan.recordsPast = true
        plan.trainers = ["MARIE"]  // the Scop gives the signing pages' session, at the same hours
        let code = try Sessions(try year.store()).schedule(plan).code
        let registrations = try ["Chloé", "Alice"].map { name in
            try Registrations(try year.store()).register(try TrainingYear.email(name), in: code)
            return try year.database.connect().execute(
                """
                SELECT r.id FROM registration r JOIN participant p ON p.id = r.participant_id
                JOIN session s ON s.id = r.session_id WHERE p.email = \(try TrainingYear.email(name).text) AND s.code = \(code)
                """)[0].decode(Int.self, at: 0)
        }
        return (code, registrations)
    }

    func levels() throws -> [String] {
        try year.database.connect().execute(
            "SELECT registration_id || '-' || position || ' ' || level || ' ' || objective FROM objective_evaluation ORDER BY registration_id, position"
        ).map { try $0.decode(String.self, at: 0) }
    }

    @Test func theTrainerEvaluatesEachParticipantFromTheLastHalfDay() throws {
        let (code, registrations) = try session()
        let path = try year.trainerPath("MARIE", in: code)
        let page = try server.request("GET", path).text
        for expected in [
            "<h2 id=\"evaluation-title\">Évaluation des acquis</h2>",
            "<li>Connaître le cadre de l’emploi associatif.</li>",
            "name=\"level-\(registrations[0])-2\"", "<option value=\"en_cours\">en cours d’acquisition</option>",
        ] {
            #expect(page.contains(expected), "the page says \(expected)")
        }
        let first = try pages.post(
            path,
            [
                ("csrf", try pages.csrf(path)), ("form", "evaluation"), ("level-\(registrations[0])-1", "acquis"),
                ("level-\(registrations[0])-2", "en_cours"), ("level-\(registrations[1])-1", "non_acquis"),
                ("level-\(registrations[1])-2", ""),
            ])
        #expect(first.status == 303)
        // Changed the next day: the last choice stands.
        #expect(
            try pages.post(
                path,
                [("csrf", try pages.csrf(path)), ("form", "evaluation"), ("level-\(registrations[1])-1", "acquis")]
            ).status == 303)
        #expect(
            try levels() == [
                "\(registrations[0])-1 acquis Connaître le cadre de l’emploi associatif.",
                "\(registrations[0])-2 en_cours Conduire un recrutement.",
                "\(registrations[1])-1 acquis Connaître le cadre de l’emploi associatif.",
            ])
        #expect(
            try server.request("GET", path).text.contains(
                "<option value=\"en_cours\" selected>en cours d’acquisition</option>"))

        let shown = try AtelierProcess.run(
            ["assessment", "show", code, "--kind", "evaluation"],
            environment: ["ATELIER_DATABASE_URL": year.database.url])
        #expect(shown.status == 0, "\(shown.standardError)")
        #expect(
            shown.standardOutput.hasPrefix("Evaluation of \(code) by its trainers: 2 of 2 participants evaluated.\n"))
        #expect(shown.standardOutput.contains("1. Connaître le cadre de l’emploi associatif.  2       0         0"))
        #expect(shown.standardOutput.contains("en cours d’acquisition"))
        let json = try AtelierProcess.run(
            ["assessment", "show", code, "--kind", "evaluation", "--json"],
            environment: ["ATELIER_DATABASE_URL": year.database.url])
        #expect(json.standardOutput.contains(#""levels" : ["#))
        // The year's results count them once the session has ended.
        let report = try AtelierProcess.run(
            ["report", "quality", "--year", String(try TrainingYear.day(0).prefix(4)), "--json"],
            environment: ["ATELIER_DATABASE_URL": year.database.url])
        #expect(report.status == 0, "\(report.standardError)")
        #expect(report.standardOutput.contains(#""objectives" : {"#))
    }

    @Test func aFormNotFromThePageChangesNothing() throws {
        let (code, registrations) = try session()
        let path = try year.trainerPath("MARIE", in: code)
        let before = try year.database.fingerprint()
        for field in [
            ("level-\(registrations[0])-1", "excellent"), ("level-\(registrations[0])-3", "acquis"),
            ("level-999999-1", "acquis"), ("level-x-1", "acquis"),
        ] {
            let refused = try pages.post(path, [("csrf", try pages.csrf(path)), ("form", "evaluation"), field])
            #expect(refused.status == 400, "\(field)")
        }
        #expect(try year.database.fingerprint() == before)
    }

    @Test func nothingIsEvaluatedBeforeTheLastHalfDay() throws {
        let (code, registrations) = try session(endingTomorrow: true)
        let path = try year.trainerPath("MARIE", in: code)
        #expect(!(try server.request("GET", path).text.contains("Évaluation des acquis")))
        let refused = try pages.post(
            path, [("csrf", try pages.csrf(path)), ("form", "evaluation"), ("level-\(registrations[0])-1", "acquis")])
        #expect(refused.status == 400)
        #expect(try levels().isEmpty)
    }
}
