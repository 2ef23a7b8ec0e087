import Foundation
import Postgres
import TestSupport
import Testing
import Training

@testable import App

/// `Questionnaires/*.yaml`: read and checked at start, each problem said with its file and line,
/// and the shipped à-chaud and à-froid sets exactly what the database held before they moved.
@Suite struct QuestionnaireFilesTests {
    let shipped = AtelierProcess.packageRoot.appendingPathComponent("Questionnaires")

    /// A folder with `files`, by name.
    func folder(_ files: [String: String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("questionnaires-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files {
            try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return folder
    }

    @Test func theShippedFilesAskParticipantsTrainersAndStructures() throws {
        let questionnaires = try QuestionnaireFiles.load(shipped)
        #expect(
            questionnaires.map(\.code.rawValue) == [
                "cold", "employer", "hot", "positioning", "self-assessment", "trainer",
            ])
        #expect(
            questionnaires.map(\.sent) == [
                .threeMonthsAfter, .threeMonthsAfter, .completion, .convocation, .lastHalfDay, .completion,
            ])
        #expect(
            questionnaires.map(\.respondent) == [
                .participant, .employer, .participant, .participant, .participant, .trainer,
            ])
        let positioning = try #require(questionnaires.first { $0.code.rawValue == "positioning" })
        #expect(positioning.questions.map(\.type) == [.eachObjective, .text, .adaptation])
        #expect(positioning.questions[0].scale == Question.ScaleWords(low: "Je découvre", high: "Je maîtrise"))
    }

    /// The migration that made questionnaires data kept the questions the database had; the
    /// shipped files say exactly those, so that copying them retires and adds nothing.
    @Test func theHotAndColdSetsMovedUnchanged() throws {
        let database = try TestDatabase.migrated()
        let connection = try database.connect()
        let store = Store(connection, jobs: try JobCatalogue([:], kinds: []), timeZone: TimeZone(secondsFromGMT: 0)!)
        let before = try ["hot", "cold"].map { try Questionnaires(store).questions(QuestionnaireCode(rawValue: $0)) }
        try Questionnaires(store).synchronise(try QuestionnaireFiles.load(shipped))
        let after = try ["hot", "cold"].map { try Questionnaires(store).questions(QuestionnaireCode(rawValue: $0)) }
        #expect(before == after)
        #expect(before.map(\.count) == [7, 4])
        #expect(
            try connection.execute("SELECT count(*) FROM question WHERE retired_at IS NOT NULL")[0].decode(
                Int.self, at: 0) == 0)
        #expect(try Questionnaires(store).sent(.convocation, to: .participant)?.rawValue == "positioning")
        #expect(try Questionnaires(store).sent(.lastHalfDay, to: .participant)?.rawValue == "self-assessment")
    }

    static let header = "title: Votre avis\nanswered-by: participant\nsent-with: completion\n"

    @Test(arguments: [
        (
            "hot.yaml", header + "questions:\n  - scale: Satisfait·e ?\n    low: Non\n    hihg: Oui\n",
            "line 7: “hihg” is not a key here; the keys are adaptation, each-objective, high, low, one-choice, options, scale, score, text, yes-no"
        ),
        ("hot.yaml", "answered-by: participant\nsent-with: completion\nquestions: []\n", "line 1: title is missing"),
        (
            "hot.yaml", "title: T\nanswered-by: coordinator\nsent-with: completion\nquestions: []\n",
            "line 2: answered-by is one of participant, trainer, employer"
        ),
        ("hot.yaml", header + "questions: []\n", "line 1: it asks between 1 and 40 questions"),
        (
            "hot.yaml", header + "questions:\n  - one-choice: Comment ?\n    options: [Seul]\n",
            "line 5: question 1 offers between 2 and 12 different options"
        ),
        (
            "hot.yaml", header + "questions:\n  - yes-no: Utile ?\n    low: Non\n",
            "line 6: question 1 (yes-no) has no low"
        ),
        (
            "hot.yaml", header + "questions:\n  - scale: Utile ?\n    yes-no: Vraiment ?\n",
            "line 5: question 1 needs one type among adaptation, each-objective, one-choice, scale, score, text, yes-no, with its words as value"
        ),
        (
            "trainer.yaml",
            "title: T\nanswered-by: trainer\nsent-with: completion\nquestions:\n  - adaptation: Besoin ?\n",
            "line 1: question 1 asks what only a participant answers, and the questionnaire is answered by the trainer"
        ),
        (
            "Chaud.yaml", header + "questions:\n  - text: Remarques\n",
            "its name is not a questionnaire's code: lowercase letters, digits and hyphens, a letter first"
        ),
        (
            "hot.yaml", header + "questions:\n  - text: \"Vos remarques\\u0007\"\n",
            "line 5: the text holds the character U+0007 (ALERT): it is one line of text"
        ),
    ])
    func aFileThatCannotBeUsedIsNamedWithItsLine(name: String, text: String, reason: String) throws {
        let folder = try folder([name: text])
        let error = #expect(throws: SettingsError.self) { try QuestionnaireFiles.load(folder) }
        #expect(error?.description == "The file \(folder.appendingPathComponent(name).path) cannot be used: \(reason).")
    }

    @Test func twoQuestionnairesForTheSameMessageAreRefused() throws {
        let text = Self.header + "questions:\n  - text: Remarques\n"
        let folder = try folder(["a.yaml": text, "b.yaml": text])
        let error = #expect(throws: SettingsError.self) { try QuestionnaireFiles.load(folder) }
        #expect(
            error?.description
                == "The file \(folder.appendingPathComponent("b.yaml").path) cannot be used: a.yaml is already the participants' questionnaire sent with completion; a message carries one."
        )
    }
}
