import Postgres
import TestSupport
import Testing

@testable import Training

/// The register of complaints, incidents and difficulties, and of the improvements they lead to
/// (Qualiopi indicators 31 and 32): kept as said, answered and done once, never removed.
@Suite struct IncidentTests {
    let fixture: Fixture
    let session: String
    var incidents: Incidents { Incidents(fixture.store) }
    var improvements: Improvements { Improvements(fixture.store) }

    init() throws {
        fixture = try Fixture(participants: 2)
        session = try fixture.sessions.schedule(try fixture.caenPlan(year: 2030)).code
    }

    func jobs(_ kind: String) throws -> Int {
        try fixture.count("SELECT count(*) FROM job WHERE kind = '\(kind)'")
    }

    @Test func anIncidentIsRecordedAsSaidAndAnsweredOnceWithAMessageQueued() throws {
        let reported = try incidents.add(
            session: session.lowercased(), kind: .reclamation, from: try .init(parsing: "participant:P1@asso.fr"),
            text: "  La salle était trop petite.\n\tOn manquait de chaises.  ")
        #expect(reported.session == session && reported.from == "participant:p1@asso.fr")
        #expect(reported.text == "La salle était trop petite.\n\tOn manquait de chaises." && reported.answer == nil)
        #expect(try fixture.events("incident.reported").count == 1)
        #expect(try jobs("incident-answer") == 0)

        let answered = try incidents.answer(reported.id, text: "Nous changeons de salle.")
        #expect(answered.answer == "Nous changeons de salle." && answered.answeredAt != nil)
        #expect(try jobs("incident-answer") == 1)
        #expect(throws: TrainingError.self) { try incidents.answer(reported.id, text: "Encore.") }
        #expect(try jobs("incident-answer") == 1)
        #expect(try incidents.list(open: true).isEmpty)
        #expect(try incidents.list(session: session).map(\.id) == [reported.id])
    }

    @Test func whoReportedItIsNamedOneWay() throws {
        #expect(try Incident.Source(parsing: "trainer:triangle") == .trainer("TRIANGLE"))
        #expect(try Incident.Source(parsing: "Other") == .other)
        for wrong in ["someone", "participant:", "other:x", "employer:ACME"] {
            #expect(
                throws: TrainingError.invalid(
                    "“\(wrong)” does not say who reported it: write participant:EMAIL, trainer:CODE, funder:CODE or other."
                )
            ) { try Incident.Source(parsing: wrong) }
        }
        #expect(throws: TrainingError.notFound("No participant has the email p9@asso.fr.")) {
            try incidents.add(
                session: nil, kind: .incident, from: .participant(try EmailAddress("p9@asso.fr")), text: "x")
        }
        #expect(throws: TrainingError.notFound("No funder has the code AFDAS.")) {
            try incidents.add(session: nil, kind: .incident, from: .funder("AFDAS"), text: "x")
        }
        #expect(throws: TrainingError.invalid("The text is empty.")) {
            try incidents.add(session: nil, kind: .incident, from: .other, text: " \n ")
        }
        #expect(try fixture.count("SELECT count(*) FROM incident") == 0)
    }

    @Test func theDatabaseKeepsWhatWasSaidAndDone() throws {
        let reported = try incidents.add(
            session: nil, kind: .difficulte, from: .trainer("MARIE"), text: "Vidéoprojecteur en panne.")
        _ = try incidents.answer(reported.id, text: "Réparé.")
        let improvement = try improvements.add(
            text: "Vérifier le matériel la veille.", from: .incident(reported.id), due: nil)
        _ = try improvements.done(improvement.id, text: "Liste de vérification affichée.")
        for (statement, rule) in [
            ("UPDATE incident SET text = 'Autre chose.'", "incident_as_reported"),
            ("UPDATE incident SET answer = 'Autre réponse.'", "incident_answered_once"),
            ("DELETE FROM incident", "incident_kept"),
            ("UPDATE improvement SET due_on = '2030-01-01'", "improvement_as_decided"),
            ("UPDATE improvement SET outcome = 'Autre.'", "improvement_done_once"),
            ("DELETE FROM improvement", "improvement_kept"),
        ] {
            let error = try #require(throws: PostgresError.self) {
                try fixture.connection.execute(PostgresQuery(unsafeSQL: statement))
            }
            #expect(error.constraint == rule, "\(statement)")
            #expect(ConstraintViolation.sentence(for: rule, table: nil) != nil)
        }
        #expect(try incidents.incident(reported.id).text == "Vidéoprojecteur en panne.")
    }

    @Test func anImprovementComesFromAnIncidentOrASessionAndIsDoneOnce() throws {
        let fromSession = try improvements.add(
            text: "Envoyer le programme plus tôt.", from: try .init(parsing: "session:\(session.lowercased())"),
            due: try LocalDate(parsing: "2030-06-30"))
        #expect(fromSession.from == "session:\(session)" && fromSession.dueOn?.description == "2030-06-30")
        #expect(throws: TrainingError.notFound("No incident has the number 7: `atelier incident list` shows them.")) {
            try improvements.add(text: "x", from: .incident(7), due: nil)
        }
        #expect(
            throws: TrainingError.invalid(
                "“incident:zéro” is not where an improvement comes from: write incident:ID or session:CODE.")
        ) {
            try Improvement.Origin(parsing: "incident:zéro")
        }
        _ = try improvements.done(fromSession.id, text: "Envoyé trois semaines avant.")
        #expect(throws: TrainingError.self) { try improvements.done(fromSession.id, text: "Encore.") }
        #expect(try improvements.list(open: true).isEmpty && improvements.list().count == 1)
    }
}
