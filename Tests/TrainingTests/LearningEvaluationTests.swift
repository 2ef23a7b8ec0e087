import Postgres
import TestSupport
import Testing

@testable import Training

/// The trainers' evaluation per participant and objective (Qualiopi indicator 11): recorded for
/// the session's confirmed participants and the objectives of the programme it keeps, all or
/// nothing.
@Suite struct LearningEvaluationTests {
    let fixture: Fixture
    let session: String
    var evaluations: LearningEvaluations { LearningEvaluations(fixture.store) }

    init() throws {
        fixture = try Fixture(participants: 2)
        _ = try Catalogue(fixture.store).editModule("PMAE-EMPLOI") { $0.objectives = ["Le cadre.", "Recruter."] }
        session = try fixture.sessions.schedule(try fixture.caenPlan(year: 2030)).code
        for index in 1...2 { _ = try fixture.registrations.register(try fixture.email(index), in: session) }
    }

    func trainer() throws -> Int {
        try fixture.connection.execute("SELECT id FROM trainer WHERE code = 'TRIANGLE'")[0].decode(Int.self, at: 0)
    }

    @Test func theGridFollowsTheProgrammeTheSessionKeeps() throws {
        let grid = try evaluations.grid(session: session)
        #expect(grid.objectives == ["Le cadre.", "Recruter."])
        #expect(grid.participants.map(\.participant) == ["Prénom1 Nom1", "Prénom2 Nom2"])
        let first = grid.participants[0].registration
        try evaluations.record([first: [2: .enCours]], session: session, trainer: try trainer())
        _ = try Catalogue(fixture.store).editModule("PMAE-EMPLOI") { $0.objectives = ["Autre chose."] }
        let again = try evaluations.grid(session: session)
        #expect(again.objectives == ["Le cadre.", "Recruter."])
        #expect(again.participants[0].levels == [nil, .enCours])
        #expect(again.count(.enCours, objective: 1) == 1 && again.count(.acquis, objective: 0) == 0)
    }

    @Test func aWrongLineRefusesTheWhole() throws {
        let grid = try evaluations.grid(session: session)
        let (first, second) = (grid.participants[0].registration, grid.participants[1].registration)
        #expect(throws: TrainingError.invalid("The session \(session) has 2 objectives: there is no objective 3.")) {
            try evaluations.record(
                [first: [1: .acquis], second: [3: .acquis]], session: session, trainer: try trainer())
        }
        #expect(throws: TrainingError.refused("The registration 999 is not a confirmed one of \(session).")) {
            try evaluations.record([999: [1: .acquis]], session: session, trainer: try trainer())
        }
        #expect(try fixture.count("SELECT count(*) FROM objective_evaluation") == 0)
    }
}
