import Foundation
import Postgres
import TestSupport
import Testing

@testable import Training

/// The year's results to publish (Qualiopi indicator 2): the Caen session of 2025, four
/// participants — one throughout, one who stopped halfway, one absent throughout, one throughout
/// — two responses à chaud, the trainer's evaluation, and a complaint answered today.
@Suite struct QualityReportTests {
    let fixture: Fixture
    let code: String

    init() throws {
        fixture = try Fixture(participants: 4)
        _ = try Catalogue(fixture.store).editModule("PMAE-EMPLOI") { $0.objectives = ["Le cadre.", "Recruter."] }
        code = try fixture.sessions.schedule(try fixture.caenPlan(year: 2025, past: true)).code
        for index in 1...4 { _ = try fixture.registrations.register(fixture.email(index), in: code) }
        let starts = [
            "2025-04-04T09:00", "2025-04-04T14:00", "2025-04-05T09:00", "2025-04-18T09:00", "2025-04-18T14:00",
            "2025-04-19T09:00",
        ]
        for (index, start) in starts.enumerated() {
            var marks = [try fixture.email(3): AttendanceStatus.absent]
            if index >= 3 { marks[try fixture.email(2)] = .absent }
            try fixture.attendances.record(
                session: code, slot: try SlotStart(parsing: start), marks: marks, everyoneElse: .present, by: "Claire")
        }
        let assessments = Assessments(fixture.store)
        let questions = try Questionnaires(fixture.store).questions(.hot)
        for (index, scores) in [(1, ["1=5", "2=4", "3=4", "4=5", "5=3"]), (2, ["1=3", "2=4", "3=2", "4=5", "5=4"])] {
            try assessments.record(
                session: code, by: .participant(fixture.email(index)), kind: .hot,
                answers: try scores.map { try Answer.parse($0, questions: questions) })
        }
        let grid = try LearningEvaluations(fixture.store).grid(session: code)
        let trainer = try fixture.connection.execute("SELECT id FROM trainer WHERE code = 'TRIANGLE'")[0].decode(
            Int.self, at: 0)
        try LearningEvaluations(fixture.store).record(
            [
                grid.participants[0].registration: [1: .acquis, 2: .acquis],
                grid.participants[1].registration: [1: .enCours],
            ],
            session: code, trainer: trainer)
        // The trainer's opinion, beside the participants'.
        let trainers = Questionnaire(
            code: QuestionnaireCode(rawValue: "trainer"), title: "Votre avis de formateur", respondent: .trainer,
            sent: .completion,
            questions: [
                Question(
                    position: 1, type: .scale, label: "Objectifs atteints ?",
                    scale: Question.ScaleWords(low: "Non", high: "Oui"))
            ])
        let questionnaires = Questionnaires(fixture.store)
        try questionnaires.synchronise([
            Questionnaire(
                code: .hot, title: "Votre avis à chaud", respondent: .participant, sent: .completion,
                questions: try questionnaires.questions(.hot)),
            trainers,
        ])
        try assessments.record(
            session: code, by: .trainer(trainer), kind: trainers.code, answers: [(1, .scale(4))])
        let incident = try Incidents(fixture.store).add(
            session: code, kind: .reclamation, from: .participant(try fixture.email(1)), text: "Salle trop petite.")
        _ = try Incidents(fixture.store).answer(incident.id, text: "Nous changeons de salle.")
    }

    @Test func theYearsFiguresComeFromEachRecord() throws {
        let report = try QualityReport.compute(year: 2025, store: fixture.store)
        #expect(report.sessions == 1)
        let hot = try #require(report.satisfaction.first { $0.questionnaire == .hot })
        // Asked: the three who attended something; 10 scores, 7 of them 4 or 5.
        #expect(hot.asked == 3 && hot.responses == 2 && hot.responseRatePercent == 67)
        #expect(hot.satisfactionPercent == 70)
        #expect(report.byModule.first { $0.questionnaire == .hot }?.of == "PMAE-EMPLOI")
        let trainers = try #require(report.satisfaction.first { $0.questionnaire.rawValue == "trainer" })
        #expect(trainers.asked == 1 && trainers.responses == 1 && trainers.satisfactionPercent == 100)
        // Two responses for the trainer: fewer than 5, so no figure that would name people.
        let trainer = try #require(report.byTrainer.first { $0.questionnaire == .hot })
        #expect(trainer.of == "TRIANGLE" && trainer.responses == 2 && trainer.satisfactionPercent == nil)
        // 4 × 1 260 minutes planned; 1 260 + 630 + 0 + 1 260 attended.
        #expect(report.courses.plannedMinutes == 5040 && report.courses.attendedMinutes == 3150)
        #expect(report.courses.completionPercent == 63)
        #expect(report.courses.interrupted == 1 && report.courses.absent == 1)
        #expect(
            report.objectives.acquis == 2 && report.objectives.enCours == 1 && report.objectives.acquisPercent == 67)
        // The complaint counts in the year it was made: this one.
        #expect(report.complaints.received == 0)
        let thisYear = French.calendar(fixture.paris).component(.year, from: Date())
        let complaints = try QualityReport.compute(year: thisYear, store: fixture.store).complaints
        #expect(complaints.received == 1 && complaints.answered == 1 && complaints.meanDaysToAnswer == 0)
        #expect(try QualityReport.compute(year: 2024, store: fixture.store).sessions == 0)
        #expect(throws: TrainingError.self) { try QualityReport.compute(year: 1700, store: fixture.store) }
    }

    /// The PDF for the organisation's site, read back as a reader's software would.
    @Test func theDocumentShowsEachFigureBesideItsBar() throws {
        let pdf = try PDFReading(try QualityReport.document(year: 2025, store: fixture.store))
        defer { pdf.remove() }
        let text = try pdf.pages().joined(separator: " ")
        for expected in [
            "Nos résultats 2025", "Sur la session de formation terminée en 2025", "70 % (2 réponses)",
            "Scop Le Triangle, à chaud", "trop peu pour un taux", "Part des heures prévues suivies 63 %",
            "Acquis 67 % (2)", "En cours d’acquisition", "33 % (1)", "0 % (0)", "Aucune réclamation reçue en 2025.",
        ] {
            #expect(text.contains(expected), "the report says \(expected): \(text)")
        }
        #expect(try pdf.info()["Title"] == "Résultats 2025")
    }
}
