import Foundation
import Postgres
import Queue

public struct Assessments {
    let store: Store
    var connection: Connection { store.connection }

    public init(_ store: Store) { self.store = store }

    public func questions(_ kind: QuestionnaireKind) throws -> [Question] {
        try connection.execute(
            "SELECT position, type, label, scale_low, scale_high FROM question WHERE kind = \(kind) ORDER BY position"
        ).map { row in
            let (position, type, label, low, high) = try row.decode(
                (Int, Question.AnswerType, String, String?, String?).self)
            let scale = low.flatMap { low in high.map { Question.ScaleWords(low: low, high: $0) } }
            return Question(position: position, type: type, label: label, scale: scale)
        }
    }

    /// Records a participant's response; one per questionnaire and registration.
    public func record(
        session code: String, participant email: EmailAddress, kind: QuestionnaireKind,
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
                    "\(email) has already answered the \(kind.rawValue) questionnaire of the session \(session.code).")
            }
            let response = try connection.execute(
                """
                INSERT INTO response (registration_id, kind) VALUES (\(registration), \(kind)) RETURNING id
                """)[0].decode(Int.self, at: 0)
            for (position, answer) in answers {
                let (scale, yes, text): (Int?, Bool?, String?) =
                    switch answer {
                    case .scale(let value): (value, nil, nil)
                    case .yes(let value): (nil, value, nil)
                    case .text(let value): (nil, nil, value)
                    }
                try connection.execute(
                    """
                    INSERT INTO answer (response_id, question_id, scale, yes, text)
                    SELECT \(response), id, \(scale), \(yes), \(text) FROM question WHERE kind = \(kind) AND position = \(position)
                    """)
            }
            try EventLog.append(
                AssessmentAnswered(session: session.code, registrationId: registration, kind: kind), on: connection,
                jobs: store.jobs)
            // Whoever has answered hears no more of this questionnaire.
            _ = try JobQueue(connection).cancel(.keyPrefix(Self.relanceKeyPrefix(kind, registration: registration)))
        }
    }

    /// The unique key of a questionnaire's relance `days` after its invitation, and the prefix
    /// of all of them: `questionnaire-reminder:hot:registration:42:3`.
    public static func relanceKey(_ kind: QuestionnaireKind, registration: Int, days: Int) -> String {
        relanceKeyPrefix(kind, registration: registration) + String(days)
    }

    static func relanceKeyPrefix(_ kind: QuestionnaireKind, registration: Int) -> String {
        "questionnaire-reminder:\(kind.rawValue):registration:\(registration):"
    }

    /// Whether the registration has answered the questionnaire.
    public func hasAnswered(registration: Int, kind: QuestionnaireKind) throws -> Bool {
        !(try connection.execute(
            "SELECT 1 FROM response WHERE registration_id = \(registration) AND kind = \(kind)"
        ).isEmpty)
    }

    /// Response rate, figures per question and the satisfaction rate.
    public func summary(session code: String, kind: QuestionnaireKind) throws -> AssessmentSummary {
        let session = try SessionRow(code, on: connection, locking: false)
        let counts = try connection.execute(
            """
            WITH confirmed AS (SELECT id FROM registration WHERE session_id = \(session.id) AND status = 'confirmed'),
                 attended AS (SELECT DISTINCT registration_id FROM attendance
                              WHERE session_id = \(session.id) AND status = 'present')
            SELECT CASE WHEN EXISTS (SELECT 1 FROM attendance WHERE session_id = \(session.id))
                        THEN (SELECT count(*) FROM attended) ELSE (SELECT count(*) FROM confirmed) END AS asked,
                   (SELECT count(*) FROM response WHERE kind = \(kind) AND registration_id IN (SELECT id FROM confirmed)) AS responses
            """)[0]
        let figures = try connection.execute(
            """
            SELECT q.position, q.type, q.label, count(a.question_id) AS answers,
                   round(100 * avg(a.scale))::bigint AS mean, round(100 * avg(a.yes::int))::bigint AS yes,
                   coalesce(array_agg(a.text ORDER BY rs.submitted_at) FILTER (WHERE a.text IS NOT NULL), '{}') AS texts,
                   count(*) FILTER (WHERE a.scale >= 4) AS satisfied
            FROM question q
            LEFT JOIN (answer a JOIN response rs ON rs.id = a.response_id
                       JOIN registration r ON r.id = rs.registration_id AND r.session_id = \(session.id) AND r.status = 'confirmed')
                   ON a.question_id = q.id
            WHERE q.kind = \(kind)
            GROUP BY q.id ORDER BY q.position
            """)
        var satisfied = 0
        var scaleAnswers = 0
        let questions = try figures.map { row in
            let question = Question(
                position: try row.decode(Int.self, "position"),
                type: try row.decode(Question.AnswerType.self, "type"),
                label: try row.decode(String.self, "label"))
            let answers = try row.decode(Int.self, "answers")
            if question.type == .scale {
                scaleAnswers += answers
                satisfied += try row.decode(Int.self, "satisfied")
            }
            return AssessmentSummary.QuestionFigures(
                question: question, answers: answers, meanHundredths: try row.decode(Int?.self, "mean"),
                yesPercent: try row.decode(Int?.self, "yes"), texts: try row.decode([String].self, "texts"))
        }
        return AssessmentSummary(
            session: session.code, kind: kind, asked: try counts.decode(Int.self, "asked"),
            responses: try counts.decode(Int.self, "responses"), questions: questions,
            satisfactionPercent: scaleAnswers == 0 ? nil : Claim.halfUp(100 * satisfied, scaleAnswers))
    }
}
