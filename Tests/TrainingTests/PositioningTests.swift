import Foundation
import Postgres
import TestSupport
import Testing

@testable import Training

/// Questionnaires as data, the positioning before and the self-assessment after (Qualiopi
/// indicators 4, 8 and 11): copied into the database without ever rewriting a question that was
/// answered, each objective of the session's programme scored, an adaptation that tells the
/// disability referent, and before and after side by side with the trainer's evaluation.
@Suite struct PositioningTests {
    let fixture: Fixture
    let session: String
    var assessments: Assessments { Assessments(fixture.store) }
    var questionnaires: Questionnaires { Questionnaires(fixture.store) }

    static let objectives = Question.ScaleWords(low: "Je découvre", high: "Je maîtrise")
    static let positioning = Questionnaire(
        code: QuestionnaireCode(rawValue: "positioning"), title: "Votre positionnement", respondent: .participant,
        sent: .convocation,
        questions: [
            Question(position: 1, type: .eachObjective, label: "Où en êtes-vous ?", scale: objectives),
            Question(position: 2, type: .text, label: "Vos attentes"),
            Question(position: 3, type: .adaptation, label: "Une adaptation ?"),
            Question(
                position: 4, type: .oneChoice, label: "Comment nous avez-vous connus ?", options: ["Site", "Réseau"]),
            Question(
                position: 5, type: .score, label: "Recommanderiez-vous ?",
                scale: Question.ScaleWords(low: "Jamais", high: "Sûrement")),
        ])
    static let selfAssessment = Questionnaire(
        code: QuestionnaireCode(rawValue: "self-assessment"), title: "Votre auto-évaluation", respondent: .participant,
        sent: .lastHalfDay,
        questions: [Question(position: 1, type: .eachObjective, label: "Et maintenant ?", scale: objectives)])

    init() throws {
        fixture = try Fixture(participants: 3)
        _ = try Catalogue(fixture.store).editModule("PMAE-EMPLOI") {
            $0.objectives = ["Le cadre.", "Recruter.", "Accueillir."]
        }
        session = try fixture.sessions.schedule(try fixture.caenPlan(year: 2030)).code
        for index in 1...3 { _ = try fixture.registrations.register(try fixture.email(index), in: session) }
        try questionnaires.synchronise([Self.positioning, Self.selfAssessment])
    }

    func record(_ index: Int, _ code: String, _ texts: [String]) throws {
        let kind = QuestionnaireCode(rawValue: code)
        let questions = try questionnaires.questions(kind)
        try assessments.record(
            session: session, by: .participant(try fixture.email(index)), kind: kind,
            answers: try texts.map { try Answer.parse($0, questions: questions, objectives: 3) })
    }

    @Test func eachTypeIsReadAsItsQuestionSays() throws {
        let questions = try questionnaires.questions(QuestionnaireCode(rawValue: "positioning"))
        #expect(try Answer.parse("1=2,3,4", questions: questions, objectives: 3) == (1, .objectives([2, 3, 4])))
        #expect(
            try Answer.parse("3=oui: une rampe", questions: questions).answer
                == .adaptation(needed: true, detail: "une rampe"))
        #expect(try Answer.parse("3=non", questions: questions).answer == .adaptation(needed: false, detail: nil))
        #expect(try Answer.parse("4=2", questions: questions).answer == .text("Réseau"))
        #expect(try Answer.parse("4=site", questions: questions).answer == .text("Site"))
        #expect(try Answer.parse("5=0", questions: questions).answer == .scale(0))
        for (text, sentence) in [
            (
                "1=2,3",
                "The answer to question 1 is one score from 1 to 5 per objective of the session, 3 separated by commas, not “2,3”."
            ),
            ("1=2,3,6", "The answer to question 1 is a score from 1 to 5, not “6”."),
            ("3=non: rien", "The answer to question 3 says what is needed only beside a oui."),
            ("4=Presse", "The answer to question 4 is one of “Site”, “Réseau” or its number, not “Presse”."),
            ("5=11", "The answer to question 5 is a score from 0 to 10, not “11”."),
        ] {
            #expect(throws: TrainingError.invalid(sentence)) {
                try Answer.parse(text, questions: questions, objectives: 3)
            }
        }
    }

    @Test func beforeAndAfterAreSideBySideWithTheTrainersEvaluation() throws {
        try record(
            1, "positioning", ["1=1,2,3", "2=Savoir recruter", "3=oui: Je me déplace en fauteuil.", "4=1", "5=9"])
        try record(2, "positioning", ["1=3,3,3", "3=non", "4=2", "5=7"])
        try record(1, "self-assessment", ["1=4,4,5"])
        let grid = try LearningEvaluations(fixture.store).grid(session: session)
        let trainer = try fixture.connection.execute("SELECT id FROM trainer WHERE code = 'TRIANGLE'")[0].decode(
            Int.self, at: 0)
        try LearningEvaluations(fixture.store).record(
            [grid.participants[0].registration: [1: .acquis, 2: .acquis, 3: .enCours]], session: session,
            trainer: trainer)
        let progress = try assessments.progress(session: session)
        #expect(progress.objectives.map(\.text) == ["Le cadre.", "Recruter.", "Accueillir."])
        #expect(progress.objectives.map(\.meanBefore) == [200, 250, 300])
        #expect(progress.objectives.map(\.meanAfter) == [400, 400, 500])
        #expect(progress.objectives.map(\.acquis) == [1, 1, 0] && progress.objectives[2].enCours == 1)
        #expect(progress.participants[0].before == [1, 2, 3] && progress.participants[0].after == [4, 4, 5])
        #expect(progress.participants[0].evaluation == [.acquis, .acquis, .enCours])
        #expect(progress.participants[0].adaptationNeeded == true && progress.participants[1].adaptationNeeded == false)
        #expect(progress.participants[2].before == [nil, nil, nil] && progress.participants[2].adaptationNeeded == nil)
        #expect(
            (progress.positioned, progress.selfAssessed, progress.evaluated, progress.adaptationsAsked) == (2, 1, 1, 1))
        // What is needed is kept beside the oui only, and the referent is told once.
        #expect(try fixture.count("SELECT count(*) FROM answer WHERE text = 'Je me déplace en fauteuil.'") == 1)
        #expect(try fixture.count("SELECT count(*) FROM job WHERE kind = 'adaptation-notice'") == 1)
        let summary = try assessments.summary(session: session, kind: QuestionnaireCode(rawValue: "positioning"))
        #expect(summary.questions[2].yesPercent == 50)
        #expect(summary.questions[3].choices.map(\.count) == [1, 1])
        #expect(summary.questions[4].meanHundredths == 800)
    }

    /// The database refuses what the Swift checks would: an objective beyond the programme the
    /// session keeps.
    @Test func anObjectiveBeyondTheProgrammeIsRefusedByTheDatabase() throws {
        try record(1, "self-assessment", ["1=4,4,5"])
        #expect(throws: PostgresError.self) {
            try fixture.connection.execute(
                """
                INSERT INTO answer (response_id, question_id, objective, scale)
                SELECT rs.id, q.id, 4, 3 FROM response rs JOIN question q ON q.questionnaire = rs.questionnaire
                """)
        }
    }

    /// A question that changes is retired, never rewritten: the answers given keep the words
    /// they answered, and a questionnaire whose file is gone is sent no more.
    @Test func aChangedQuestionIsRetiredWithItsAnswersKept() throws {
        try record(1, "self-assessment", ["1=4,4,5"])
        let changed = Questionnaire(
            code: Self.selfAssessment.code, title: "Votre auto-évaluation", respondent: .participant,
            sent: .lastHalfDay,
            questions: [
                Question(position: 1, type: .eachObjective, label: "Où en êtes-vous à la fin ?", scale: Self.objectives)
            ])
        try questionnaires.synchronise([Self.positioning, changed])
        try questionnaires.synchronise([Self.positioning, changed])
        #expect(try questionnaires.questions(changed.code) == changed.questions)
        #expect(try fixture.count("SELECT count(*) FROM question WHERE questionnaire = 'self-assessment'") == 2)
        let summary = try assessments.summary(session: session, kind: changed.code)
        #expect(summary.questions.map(\.question.label) == ["Et maintenant ?", "Où en êtes-vous à la fin ?"])
        #expect(summary.questions.map(\.answers) == [1, 0])
        try questionnaires.synchronise([Self.positioning])
        #expect(try questionnaires.sent(.lastHalfDay, to: .participant) == nil)
        #expect(try questionnaires.sent(.convocation, to: .participant) == Self.positioning.code)
    }

    /// A trainer answers for a session they teach, a structure for one its people follow, each
    /// once; the database refuses a respondent of another kind than the questionnaire's.
    @Test func eachRespondentIsCheckedAgainstTheSession() throws {
        let trainers = Questionnaire(
            code: QuestionnaireCode(rawValue: "trainer"), title: "Votre avis de formateur", respondent: .trainer,
            sent: .completion, questions: [Question(position: 1, type: .text, label: "Remarques")])
        try questionnaires.synchronise([Self.positioning, Self.selfAssessment, trainers])
        let id = { (code: String) in
            try fixture.connection.execute("SELECT id FROM trainer WHERE code = \(code)")[0].decode(Int.self, at: 0)
        }
        let answer = [(position: 1, answer: Answer.text("Un bon groupe."))]
        try assessments.record(session: session, by: .trainer(try id("TRIANGLE")), kind: trainers.code, answers: answer)
        #expect(
            throws: TrainingError.refused(
                "Scop Le Triangle has already answered the trainer questionnaire of the session \(session).")
        ) {
            try assessments.record(
                session: session, by: .trainer(try id("TRIANGLE")), kind: trainers.code, answers: answer)
        }
        let marie = try id("MARIE")
        #expect(throws: TrainingError.refused("The trainer \(marie) teaches no half-day of the session \(session).")) {
            try assessments.record(session: session, by: .trainer(marie), kind: trainers.code, answers: answer)
        }
        #expect(throws: TrainingError.refused("The structure 999 has no participant in the session \(session).")) {
            try assessments.record(session: session, by: .structure(999), kind: trainers.code, answers: answer)
        }
        #expect(throws: PostgresError.self, "a participant's response to the trainers' questionnaire") {
            try fixture.connection.execute(
                """
                INSERT INTO response (questionnaire, session_id, registration_id)
                SELECT 'trainer', session_id, id FROM registration LIMIT 1
                """)
        }
    }

    /// The attestation de fin de formation states the time followed of the time planned, and
    /// each objective with the positioning, the self-assessment and the trainer's evaluation.
    @Test func theAttestationSaysWhereTheParticipantStandsOnEachObjective() throws {
        try fixture.describeOrganisation()
        let past = try fixture.sessions.schedule(try fixture.caenPlan(year: 2025, past: true)).code
        _ = try fixture.registrations.register(try fixture.email(1), in: past)
        for (index, start) in ["2025-04-04T09:00", "2025-04-04T14:00", "2025-04-05T09:00"].enumerated() {
            try fixture.attendances.record(
                session: past, slot: try SlotStart(parsing: start), marks: [:],
                everyoneElse: index == 2 ? .absent : .present, by: "Claire")
        }
        let kind = Self.positioning.code
        let questions = try questionnaires.questions(kind)
        try assessments.record(
            session: past, by: .participant(try fixture.email(1)), kind: kind,
            answers: [try Answer.parse("1=1,2,3", questions: questions, objectives: 3)])
        let registration = try LearningEvaluations(fixture.store).grid(session: past).participants[0].registration
        let trainer = try fixture.connection.execute("SELECT id FROM trainer WHERE code = 'TRIANGLE'")[0].decode(
            Int.self, at: 0)
        try LearningEvaluations(fixture.store).record(
            [registration: [1: .acquis, 2: .enCours]], session: past, trainer: trainer)
        let issued = try #require(ISO8601DateFormatter().date(from: "2025-04-20T10:00:00Z"))
        let attestation = try #require(
            try Certificates(fixture.store).attestation(registration: registration, at: issued))
        #expect(attestation.fileName == "attestation-fin-formation-\(past)-nom1-prenom1.pdf")
        let pdf = try PDFReading(attestation.pdf)
        defer { pdf.remove() }
        let text = try pdf.pages().joined(separator: "\n")
        for expected in [
            "Attestation de fin de formation",
            "a suivi la formation « Accompagner la fonction employeur » du 4 avril 2025 au 19 avril 2025.",
            "Durée suivie : 7 h sur 21 h prévues (33 %).", "1. Le cadre. 1/5 — acquis",
            "2. Recruter. 2/5 — en cours d’acquisition", "3. Accueillir. 3/5 — non évalué",
            "Fait à", "le 20 avril 2025.",
        ] {
            #expect(text.contains(expected), "the attestation says \(expected)")
        }
    }
}
