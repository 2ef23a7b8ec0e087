import Foundation
import Postgres

/// Where each participant stands on each objective of the session's programme, before and
/// after, side by side (Qualiopi indicators 8 and 11): their positioning (the questionnaire sent
/// with the convocation), their self-assessment (the one of the last half-day), and the
/// trainer's evaluation. Scores are from 1 to 5; `nil` where not answered.
public struct ObjectiveProgress: Sendable, Hashable, Codable {
    public struct Row: Sendable, Hashable, Codable {
        public var registration: Int
        public var participant: String
        public var before: [Int?]
        public var after: [Int?]
        public var evaluation: [LearningLevel?]
        /// Whether they asked for an adaptation in their positioning; `nil` without one.
        public var adaptationNeeded: Bool?
    }

    public struct Objective: Sendable, Hashable, Codable {
        public var text: String
        /// Mean scores in hundredths (`340` is 3,40).
        public var meanBefore: Int?
        public var meanAfter: Int?
        public var acquis: Int
        public var enCours: Int
        public var nonAcquis: Int
    }

    public var session: String
    public var objectives: [Objective]
    public var participants: [Row]

    /// Participants with a positioning, a self-assessment, an evaluation on every objective.
    public var positioned: Int { participants.count { $0.before.contains { $0 != nil } } }
    public var selfAssessed: Int { participants.count { $0.after.contains { $0 != nil } } }
    public var evaluated: Int { participants.count { !$0.evaluation.isEmpty && !$0.evaluation.contains(nil) } }
    public var adaptationsAsked: Int { participants.count { $0.adaptationNeeded == true } }
}

extension Assessments {
    public func progress(session code: String) throws -> ObjectiveProgress {
        let grid = try LearningEvaluations(store).grid(session: code)
        let questionnaires = Questionnaires(store)
        let positioning = try questionnaires.sent(.convocation, to: .participant)
        let selfAssessment = try questionnaires.sent(.lastHalfDay, to: .participant)
        var before: [Int: [Int?]] = [:]
        var after: [Int: [Int?]] = [:]
        var adaptations: [Int: Bool] = [:]
        let count = grid.objectives.count
        for row in try connection.execute(
            """
            SELECT rs.registration_id, rs.questionnaire,
                   coalesce(array_agg(a.objective ORDER BY a.objective) FILTER (WHERE a.objective > 0), '{}') AS objectives,
                   coalesce(array_agg(a.scale ORDER BY a.objective) FILTER (WHERE a.objective > 0), '{}') AS scores,
                   bool_or(a.yes) FILTER (WHERE q.type = 'adaptation') AS adaptation
            FROM response rs JOIN answer a ON a.response_id = rs.id JOIN question q ON q.id = a.question_id
            JOIN registration r ON r.id = rs.registration_id JOIN session s ON s.id = r.session_id
            WHERE s.code = \(code.typedCode) AND r.status = 'confirmed'
              AND rs.questionnaire = ANY (\([positioning, selfAssessment].compactMap { $0?.rawValue }))
            GROUP BY rs.registration_id, rs.questionnaire
            """)
        {
            let registration = try row.decode(Int.self, "registration_id")
            let placed = Self.spread(
                try row.decode([Int].self, "objectives"), try row.decode([Int].self, "scores"), count)
            if try row.decode(String.self, "questionnaire") == positioning?.rawValue {
                before[registration] = placed
                adaptations[registration] = try row.decode(Bool?.self, "adaptation")
            } else {
                after[registration] = placed
            }
        }
        let unanswered = [Int?](repeating: nil, count: count)
        let rows = grid.participants.map { row in
            ObjectiveProgress.Row(
                registration: row.registration, participant: row.participant,
                before: before[row.registration] ?? unanswered,
                after: after[row.registration] ?? unanswered, evaluation: row.levels,
                adaptationNeeded: adaptations[row.registration])
        }
        return ObjectiveProgress(
            session: grid.session,
            objectives: grid.objectives.enumerated().map { index, text in
                ObjectiveProgress.Objective(
                    text: text, meanBefore: Self.meanHundredths(rows.compactMap { $0.before[index] }),
                    meanAfter: Self.meanHundredths(rows.compactMap { $0.after[index] }),
                    acquis: grid.count(.acquis, objective: index), enCours: grid.count(.enCours, objective: index),
                    nonAcquis: grid.count(.nonAcquis, objective: index))
            }, participants: rows)
    }

    /// Scores by objective's position from 1, placed in a list of `count`.
    private static func spread(_ positions: [Int], _ scores: [Int], _ count: Int) -> [Int?] {
        var placed = [Int?](repeating: nil, count: count)
        for (position, score) in zip(positions, scores) where position >= 1 && position <= count {
            placed[position - 1] = score
        }
        return placed
    }

    private static func meanHundredths(_ scores: [Int]) -> Int? {
        scores.isEmpty ? nil : Claim.halfUp(100 * scores.reduce(0, +), scores.count)
    }
}
