import Foundation
import Postgres
import Queue

public struct Assessments {
    let store: Store
    var connection: Connection { store.connection }

    public init(_ store: Store) { self.store = store }

    /// Records a participant's response, one per questionnaire and registration; an adaptation
    /// asked for tells the disability referent.
    public func record(
        session code: String, participant email: EmailAddress, kind: QuestionnaireCode,
        answers: [(position: Int, answer: Answer)]
    ) throws {
        guard !answers.isEmpty else {
            throw TrainingError.invalid("A response needs at least one answer, like --answer 1=5.")
        }
        var seen = Set<Int>()
        for (position, _) in answers where !seen.insert(position).inserted {
            throw TrainingError.invalid("Question \(position) is answered twice.")
        }
        try connection.write { connection in
            let session = try SessionRow(code, on: connection, locking: false)
            guard session.status != .cancelled else {
                throw TrainingError.refused("The session \(session.code) is cancelled: it has no questionnaire.")
            }
            guard
                let row = try connection.execute(
                    """
                    SELECT r.id FROM registration r JOIN participant p ON p.id = r.participant_id
                    WHERE r.session_id = \(session.id) AND r.status = 'confirmed' AND p.email = \(email.text)
                    """
                ).first
            else {
                throw TrainingError.refused("\(email) is not a confirmed participant of the session \(session.code).")
            }
            let registration = try row.decode(Int.self, at: 0)
            guard try !hasAnswered(registration: registration, kind: kind) else {
                throw TrainingError.refused(
                    "\(email) has already answered the \(kind) questionnaire of the session \(session.code).")
            }
            let response = try connection.execute(
                """
                INSERT INTO response (registration_id, questionnaire) VALUES (\(registration), \(kind)) RETURNING id
                """)[0].decode(Int.self, at: 0)
            for (position, answer) in answers {
                for value in Self.stored(answer) {
                    try connection.execute(
                        """
                        INSERT INTO answer (response_id, question_id, objective, scale, yes, text)
                        SELECT \(response), id, \(value.objective), \(value.scale), \(value.yes), \(value.text)
                        FROM question WHERE questionnaire = \(kind) AND position = \(position) AND retired_at IS NULL
                        """)
                }
            }
            let adaptation = answers.contains {
                if case .adaptation(needed: true, _) = $0.answer { true } else { false }
            }
            try EventLog.append(
                AssessmentAnswered(
                    session: session.code, registrationId: registration, kind: kind, adaptationNeeded: adaptation),
                on: connection, jobs: store.jobs)
            // Whoever has answered hears no more of this questionnaire.
            _ = try JobQueue(connection).cancel(.keyPrefix(Self.relanceKeyPrefix(kind, registration: registration)))
        }
    }

    /// The rows of `answer` in the `answer` table: one per objective for « each objective »,
    /// one otherwise.
    private static func stored(_ answer: Answer) -> [(objective: Int, scale: Int?, yes: Bool?, text: String?)] {
        switch answer {
        case .scale(let value): [(0, value, nil, nil)]
        case .yes(let value): [(0, nil, value, nil)]
        case .text(let value): [(0, nil, nil, value)]
        case .objectives(let scores): scores.enumerated().map { ($0.offset + 1, $0.element, nil, nil) }
        case .adaptation(let needed, let detail): [(0, nil, needed, needed ? detail : nil)]
        }
    }

    /// How many objectives the programme of `session` lists: what an « each objective » answer
    /// scores.
    public func objectiveCount(session code: String) throws -> Int {
        let session = try SessionRow(code, on: connection, locking: false)
        return try connection.execute(
            "SELECT cardinality(objectives) FROM module_programme WHERE id = (SELECT programme_id FROM session WHERE id = \(session.id))"
        ).first?.decode(Int?.self, at: 0) ?? 0
    }

    /// The unique key of a questionnaire's relance `days` after its invitation, and the prefix
    /// of all of them: `questionnaire-reminder:hot:registration:42:3`.
    public static func relanceKey(_ kind: QuestionnaireCode, registration: Int, days: Int) -> String {
        relanceKeyPrefix(kind, registration: registration) + String(days)
    }

    static func relanceKeyPrefix(_ kind: QuestionnaireCode, registration: Int) -> String {
        "questionnaire-reminder:\(kind.rawValue):registration:\(registration):"
    }

    /// Whether the registration has answered the questionnaire.
    public func hasAnswered(registration: Int, kind: QuestionnaireCode) throws -> Bool {
        !(try connection.execute(
            "SELECT 1 FROM response WHERE registration_id = \(registration) AND questionnaire = \(kind)"
        ).isEmpty)
    }

    /// Response rate, figures per question and the satisfaction rate; a question retired since
    /// shows as long as someone of the session answered it.
    public func summary(session code: String, kind: QuestionnaireCode) throws -> AssessmentSummary {
        let session = try SessionRow(code, on: connection, locking: false)
        let title = try Questionnaires(store).title(kind)
        let counts = try connection.execute(
            """
            WITH confirmed AS (SELECT id FROM registration WHERE session_id = \(session.id) AND status = 'confirmed'),
                 attended AS (SELECT DISTINCT registration_id FROM attendance
                              WHERE session_id = \(session.id) AND status = 'present')
            SELECT CASE WHEN EXISTS (SELECT 1 FROM attendance WHERE session_id = \(session.id))
                        THEN (SELECT count(*) FROM attended) ELSE (SELECT count(*) FROM confirmed) END AS asked,
                   (SELECT count(*) FROM response WHERE questionnaire = \(kind) AND registration_id IN (SELECT id FROM confirmed)) AS responses
            """)[0]
        let figures = try connection.execute(
            """
            SELECT q.position, q.type, q.label, q.scale_low, q.scale_high, coalesce(q.options, '{}') AS options,
                   count(DISTINCT a.response_id) AS answers,
                   round(100 * avg(a.scale))::bigint AS mean, round(100 * avg(a.yes::int))::bigint AS yes,
                   coalesce(array_agg(a.text ORDER BY rs.submitted_at, rs.id) FILTER (WHERE q.type = 'text'), '{}') AS texts,
                   coalesce(array_agg(a.text) FILTER (WHERE q.type = 'one_choice'), '{}') AS chosen,
                   count(*) FILTER (WHERE q.type = 'scale' AND a.scale >= 4) AS satisfied,
                   count(a.scale) FILTER (WHERE q.type = 'scale') AS scores
            FROM question q
            LEFT JOIN (answer a JOIN response rs ON rs.id = a.response_id
                       JOIN registration r ON r.id = rs.registration_id AND r.session_id = \(session.id) AND r.status = 'confirmed')
                   ON a.question_id = q.id
            WHERE q.questionnaire = \(kind) AND (q.retired_at IS NULL OR a.question_id IS NOT NULL)
            GROUP BY q.id ORDER BY q.position, q.id
            """)
        var satisfied = 0
        var scores = 0
        let questions = try figures.map { row in
            let low = try row.decode(String?.self, "scale_low")
            let high = try row.decode(String?.self, "scale_high")
            let question = Question(
                position: try row.decode(Int.self, "position"),
                type: try row.decode(Question.AnswerType.self, "type"),
                label: try row.decode(String.self, "label"),
                scale: low.flatMap { low in high.map { Question.ScaleWords(low: low, high: $0) } },
                options: try row.decode([String].self, "options"))
            satisfied += try row.decode(Int.self, "satisfied")
            scores += try row.decode(Int.self, "scores")
            let chosen = try row.decode([String].self, "chosen")
            return AssessmentSummary.QuestionFigures(
                question: question, answers: try row.decode(Int.self, "answers"),
                meanHundredths: try row.decode(Int?.self, "mean"), yesPercent: try row.decode(Int?.self, "yes"),
                texts: try row.decode([String].self, "texts"),
                choices: question.options.map { option in
                    AssessmentSummary.Choice(option: option, count: chosen.count { $0 == option })
                })
        }
        return AssessmentSummary(
            session: session.code, kind: kind, title: title, asked: try counts.decode(Int.self, "asked"),
            responses: try counts.decode(Int.self, "responses"), questions: questions,
            satisfactionPercent: scores == 0 ? nil : Claim.halfUp(100 * satisfied, scores))
    }
}
