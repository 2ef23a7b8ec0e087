import Foundation
import Postgres
import Queue

public struct Assessments {
    let store: Store
    var connection: Connection { store.connection }

    public init(_ store: Store) { self.store = store }

    /// Records a response of `respondent`, once per questionnaire; an adaptation asked for
    /// tells the disability referent.
    public func record(
        session code: String, by respondent: Respondent, kind: QuestionnaireCode,
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
            let found = try find(respondent, in: session, on: connection)
            guard try !hasAnswered(found, kind: kind, session: session.id, on: connection) else {
                throw TrainingError.refused(
                    "\(found.name) has already answered the \(kind) questionnaire of the session \(session.code).")
            }
            let response = try connection.execute(
                """
                INSERT INTO response (questionnaire, session_id, registration_id, trainer_id, employer_id)
                VALUES (\(kind), \(session.id), \(found.registration), \(found.trainer), \(found.structure)) RETURNING id
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
                    session: session.code, registrationId: found.registration, kind: kind,
                    adaptationNeeded: adaptation),
                on: connection, jobs: store.jobs)
            if let registration = found.registration {
                // Whoever has answered hears no more of this questionnaire.
                _ = try JobQueue(connection).cancel(.keyPrefix(Self.relanceKeyPrefix(kind, registration: registration)))
            }
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

    /// Whether the structure has answered the questionnaire about the session.
    public func hasAnswered(structure: Int, session: Int, kind: QuestionnaireCode) throws -> Bool {
        try hasAnswered(Found(structure: structure, name: ""), kind: kind, session: session, on: connection)
    }

    /// Whether the trainer has answered the questionnaire about the session.
    public func hasAnswered(trainer: Int, session: Int, kind: QuestionnaireCode) throws -> Bool {
        try hasAnswered(Found(trainer: trainer, name: ""), kind: kind, session: session, on: connection)
    }

    /// Response rate, figures per question and the satisfaction rate; a question retired since
    /// shows as long as someone of the session answered it.
    public func summary(session code: String, kind: QuestionnaireCode) throws -> AssessmentSummary {
        let session = try SessionRow(code, on: connection, locking: false)
        let title = try Questionnaires(store).title(kind)
        // Those asked: the participants who attended something (all confirmed ones before any
        // attendance), the session's trainers, or the structures of its attendees with a contact.
        let counts = try connection.execute(
            """
            WITH confirmed AS (SELECT id FROM registration WHERE session_id = \(session.id) AND status = 'confirmed'),
                 attended AS (SELECT DISTINCT registration_id FROM attendance
                              WHERE session_id = \(session.id) AND status = 'present')
            SELECT CASE q.respondent
                     WHEN 'participant' THEN
                       CASE WHEN EXISTS (SELECT 1 FROM attendance WHERE session_id = \(session.id))
                            THEN (SELECT count(*) FROM attended) ELSE (SELECT count(*) FROM confirmed) END
                     WHEN 'trainer' THEN
                       (SELECT count(DISTINCT st.trainer_id) FROM slot sl JOIN slot_trainer st ON st.slot_id = sl.id
                        WHERE sl.session_id = \(session.id) AND NOT sl.cancelled)
                     ELSE
                       (SELECT count(DISTINCT e.id) FROM attended a JOIN registration r ON r.id = a.registration_id
                        JOIN participant p ON p.id = r.participant_id JOIN employer e ON e.id = p.employer_id
                        WHERE e.contact_email IS NOT NULL)
                   END AS asked,
                   (SELECT count(*) FROM response rs WHERE rs.questionnaire = q.code AND rs.session_id = \(session.id)
                      AND (rs.registration_id IS NULL OR rs.registration_id IN (SELECT id FROM confirmed))) AS responses
            FROM questionnaire q WHERE q.code = \(kind)
            """)[0]
        let figures = try connection.execute(
            """
            SELECT q.position, q.type, q.label, q.scale_low, q.scale_high, coalesce(q.options, '{}') AS options,
                   count(DISTINCT a.response_id) AS answers,
                   round(100 * avg(a.scale))::bigint AS mean, round(100 * avg(a.yes::int))::bigint AS yes,
                   coalesce(array_agg(a.text ORDER BY a.submitted_at, a.response_id) FILTER (WHERE q.type = 'text' AND a.text IS NOT NULL), '{}') AS texts,
                   coalesce(array_agg(a.text) FILTER (WHERE q.type = 'one_choice' AND a.text IS NOT NULL), '{}') AS chosen,
                   count(*) FILTER (WHERE q.type = 'scale' AND a.scale >= 4) AS satisfied,
                   count(a.scale) FILTER (WHERE q.type = 'scale') AS scores
            FROM question q
            LEFT JOIN (SELECT a.*, rs.submitted_at FROM answer a JOIN response rs ON rs.id = a.response_id
                       LEFT JOIN registration r ON r.id = rs.registration_id
                       WHERE rs.session_id = \(session.id) AND (rs.registration_id IS NULL OR r.status = 'confirmed')) a
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
