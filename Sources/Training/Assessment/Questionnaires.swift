import Postgres

/// The questionnaires the database knows: copied from their files when a process starts, read
/// by the messages that send their links and by the pages that show them.
public struct Questionnaires {
    let store: Store
    var connection: Connection { store.connection }

    public init(_ store: Store) { self.store = store }

    /// Makes the database say what `questionnaires` say, in one transaction: a questionnaire
    /// whose file is gone is retired (sent no more), a question that changed is retired and its
    /// new words take its place, so that every answer keeps the question it answered. Nothing is
    /// written when nothing changed; two processes starting at once take turns.
    public func synchronise(_ questionnaires: [Questionnaire]) throws {
        try connection.write { connection in
            try connection.execute("SELECT pg_advisory_xact_lock(hashtext('questionnaire'))")
            try connection.execute(
                """
                UPDATE questionnaire SET retired_at = now()
                WHERE retired_at IS NULL AND code <> ALL (\(questionnaires.map(\.code.rawValue)))
                """)
            for questionnaire in questionnaires {
                try synchronise(questionnaire, on: connection)
            }
        }
    }

    private func synchronise(_ questionnaire: Questionnaire, on connection: Connection) throws {
        try connection.execute(
            """
            INSERT INTO questionnaire (code, title, respondent, sent)
            VALUES (\(questionnaire.code.rawValue), \(questionnaire.title), \(questionnaire.respondent.rawValue), \(questionnaire.sent.rawValue))
            ON CONFLICT (code) DO UPDATE SET title = EXCLUDED.title, respondent = EXCLUDED.respondent,
                sent = EXCLUDED.sent, retired_at = NULL
            WHERE (questionnaire.title, questionnaire.respondent, questionnaire.sent, questionnaire.retired_at)
                  IS DISTINCT FROM (EXCLUDED.title, EXCLUDED.respondent, EXCLUDED.sent, NULL)
            """)
        let stored = try questions(questionnaire.code, on: connection)
        let wanted = Set(questionnaire.questions)
        let retired = stored.filter { !wanted.contains($0.question) }.map(\.id)
        if !retired.isEmpty {
            try connection.execute("UPDATE question SET retired_at = now() WHERE id = ANY (\(retired))")
        }
        let kept = Set(stored.map(\.question))
        for question in questionnaire.questions where !kept.contains(question) {
            try connection.execute(
                """
                INSERT INTO question (questionnaire, position, type, label, scale_low, scale_high, options)
                VALUES (\(questionnaire.code.rawValue), \(question.position), \(question.type), \(question.label),
                        \(question.scale?.low), \(question.scale?.high), \(question.options.isEmpty ? nil : question.options))
                """)
        }
    }

    /// The questions `code` asks now, in order.
    public func questions(_ code: QuestionnaireCode) throws -> [Question] {
        try questions(code, on: connection).map(\.question)
    }

    private func questions(_ code: QuestionnaireCode, on connection: Connection) throws -> [(
        id: Int, question: Question
    )] {
        try connection.execute(
            """
            SELECT id, position, type, label, scale_low, scale_high, coalesce(options, '{}') AS options
            FROM question WHERE questionnaire = \(code.rawValue) AND retired_at IS NULL ORDER BY position
            """
        ).map { row in
            let (id, position, type, label, low, high, options) = try row.decode(
                (Int, Int, Question.AnswerType, String, String?, String?, [String]).self)
            let scale = low.flatMap { low in high.map { Question.ScaleWords(low: low, high: $0) } }
            return (id, Question(position: position, type: type, label: label, scale: scale, options: options))
        }
    }

    /// The questionnaire whose link `moment`'s message carries to `respondent`, if any.
    public func sent(_ moment: Questionnaire.Moment, to respondent: Questionnaire.Respondent) throws
        -> QuestionnaireCode?
    {
        try connection.execute(
            """
            SELECT code FROM questionnaire
            WHERE sent = \(moment.rawValue) AND respondent = \(respondent.rawValue) AND retired_at IS NULL
            """
        ).first.map { QuestionnaireCode(rawValue: try $0.decode(String.self, at: 0)) }
    }

    /// The title of `code`, or the sentence that lists the known ones.
    public func title(_ code: QuestionnaireCode) throws -> String {
        if let row = try connection.execute("SELECT title FROM questionnaire WHERE code = \(code.rawValue)").first {
            return try row.decode(String.self, at: 0)
        }
        let known = try connection.execute("SELECT code FROM questionnaire ORDER BY code").map {
            try $0.decode(String.self, at: 0)
        }
        throw TrainingError.notFound(
            "There is no questionnaire \(code): the questionnaires are \(known.joined(separator: ", ")).")
    }
}
