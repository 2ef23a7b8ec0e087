import Foundation
import Postgres
import Testing

@testable import Training

@Suite struct AssessmentTests {
    let fixture: Fixture
    let code: String
    let assessments: Assessments

    init() throws {
        fixture = try Fixture(participants: 4)
        code = try fixture.sessions.schedule(try fixture.caenPlan(year: 2025, past: true)).code
        for index in 1...4 { _ = try fixture.registrations.register(fixture.email(index), in: code) }
        assessments = Assessments(fixture.store)
    }

    func answers(_ texts: [String]) throws -> [(position: Int, answer: Answer)] {
        let questions = try Questionnaires(fixture.store).questions(.hot)
        return try texts.map { try Answer.parse($0, questions: questions) }
    }

    @Test func figuresAreResponseRateMeansAndSatisfaction() throws {
        try assessments.record(
            session: code, by: .participant(fixture.email(1)), kind: .hot,
            answers: answers(["1=5", "2=4", "3=4", "4=5", "5=3", "6=oui", "7=Très concret, merci !"]))
        try assessments.record(
            session: code, by: .participant(fixture.email(2)), kind: .hot,
            answers: answers(["1=3", "2=4", "3=2", "4=5", "5=4", "6=non"]))
        let summary = try assessments.summary(session: code, kind: .hot)
        #expect(summary.asked == 4 && summary.responses == 2)
        #expect(summary.responseRatePercent == 50)
        #expect(summary.questions[0].meanHundredths == 400)
        #expect(summary.questions[5].yesPercent == 50)
        #expect(summary.questions[6].texts == ["Très concret, merci !"])
        // 10 scale answers, 7 of them 4 or 5.
        #expect(summary.satisfactionPercent == 70)
    }

    @Test func answersAreCheckedAgainstTheQuestions() throws {
        let questions = try Questionnaires(fixture.store).questions(.hot)
        #expect(throws: TrainingError.invalid("The answer to question 1 is a score from 1 to 5, not “6”.")) {
            try Answer.parse("1=6", questions: questions)
        }
        #expect(throws: TrainingError.invalid("The answer to question 6 is oui or non, not “peut-être”.")) {
            try Answer.parse("6=peut-être", questions: questions)
        }
        #expect(throws: TrainingError.notFound("There is no question 9: the questionnaire has 7.")) {
            try Answer.parse("9=5", questions: questions)
        }
        #expect(throws: TrainingError.invalid("The answer “5” is not of the form QUESTION=VALUE, like 1=5.")) {
            try Answer.parse("5", questions: questions)
        }
    }

    @Test func oneResponsePerParticipantAndQuestionnaire() throws {
        try assessments.record(session: code, by: .participant(fixture.email(1)), kind: .hot, answers: answers(["1=5"]))
        #expect(
            throws: TrainingError.refused(
                "p1@asso.fr has already answered the hot questionnaire of the session S-2025-001.")
        ) {
            try assessments.record(
                session: code, by: .participant(fixture.email(1)), kind: .hot, answers: answers(["1=4"]))
        }
        #expect(throws: TrainingError.refused("x@y.fr is not a confirmed participant of the session S-2025-001.")) {
            try assessments.record(
                session: code, by: .participant(EmailAddress("x@y.fr")), kind: .hot, answers: answers(["1=4"]))
        }
        #expect(try fixture.count("SELECT count(*) FROM response") == 1)
    }
}
