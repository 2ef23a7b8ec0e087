import Foundation
import Postgres
import Training

extension AppContext {
    /// The questionnaires of `Questionnaires/`, checked, and made what the database says over
    /// `connection`: what the worker sends, the pages show and the commands read from then on.
    /// The worker calls it when it starts, and `atelier db migrate` after the migrations. A
    /// folder without `Questionnaires/` (a schema's own tests) has none to copy.
    @discardableResult
    public func synchroniseQuestionnaires(_ connection: Connection) throws -> [Questionnaire] {
        guard FileManager.default.fileExists(atPath: root.questionnaires.path) else { return [] }
        let questionnaires = try QuestionnaireFiles.load(root.questionnaires)
        try Questionnaires(Store(connection, timeZone: timeZone) { try jobCatalogue() }).synchronise(questionnaires)
        return questionnaires
    }
}
