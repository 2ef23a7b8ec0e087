import Foundation
import Postgres

/// The yearly figures an organisation publishes on its results (Qualiopi indicator 2), for the
/// sessions that ended in a calendar year in the store's time zone, by now (those not cancelled):
/// satisfaction and response rates per questionnaire — the participants', the trainers' and the
/// structures' —, per module and per trainer (a trainer's figure only from 5 answers: fewer would
/// name people), how much of the planned time was
/// followed, the courses interrupted or not followed, the objectives reached as the trainers
/// evaluated them, and the complaints received in the year and answered.
public struct QualityReport: Sendable, Codable, Hashable {
    /// One questionnaire's figures over a set of sessions.
    public struct Satisfaction: Sendable, Codable, Hashable {
        public var questionnaire: QuestionnaireCode
        /// « Votre avis à chaud ».
        public var title: String
        /// A module's or a trainer's code; none for the whole year.
        public var of: String?
        public var asked: Int
        public var responses: Int
        public var responseRatePercent: Int?
        /// The share of scores of 4 or 5 on a 1–5 scale; `nil` without answers, or for a
        /// trainer with fewer than 5 responses.
        public var satisfactionPercent: Int?
    }

    public struct Courses: Sendable, Codable, Hashable {
        public var registrations: Int
        public var plannedMinutes: Int
        public var attendedMinutes: Int
        /// Attended ÷ planned.
        public var completionPercent: Int?
        /// Present at some half-days, not all.
        public var interrupted: Int
        /// Present at none.
        public var absent: Int
    }

    public struct Objectives: Sendable, Codable, Hashable {
        public var acquis: Int
        public var enCours: Int
        public var nonAcquis: Int
        public var acquisPercent: Int?
    }

    public struct Complaints: Sendable, Codable, Hashable {
        public var received: Int
        public var reclamations: Int
        public var answered: Int
        /// From report to answer, rounded to the day, over those answered.
        public var meanDaysToAnswer: Int?
    }

    public var year: Int
    public var sessions: Int
    public var satisfaction: [Satisfaction]
    public var byModule: [Satisfaction]
    public var byTrainer: [Satisfaction]
    public var courses: Courses
    public var objectives: Objectives
    public var complaints: Complaints

    /// A row of figures as the queries give them: its scope (`year`, `module`, `trainer`) and
    /// the figures, a trainer's satisfaction hidden under `fewestForATrainer` responses.
    static func satisfaction(_ row: Row) throws -> (String, Satisfaction) {
        let scope = try row.decode(String.self, "scope")
        let (asked, responses) = (try row.decode(Int.self, "asked"), try row.decode(Int.self, "responses"))
        let scores = try row.decode(Int.self, "scores")
        let hidden = scope == "trainer" && responses < fewestForATrainer
        return (
            scope,
            Satisfaction(
                questionnaire: try row.decode(QuestionnaireCode.self, "code"),
                title: try row.decode(String.self, "title"),
                of: try row.decode(String?.self, "of"), asked: asked, responses: responses,
                responseRatePercent: asked == 0 ? nil : Claim.halfUp(100 * responses, asked),
                satisfactionPercent: scores == 0 || hidden
                    ? nil : Claim.halfUp(100 * (try row.decode(Int.self, "satisfied")), scores))
        )
    }

    /// Fewer responses than this, and a trainer's satisfaction is not shown (DOMAIN.md).
    public static let fewestForATrainer = 5
}

extension QualityReport {
    /// The year's sessions (`ended`), and their confirmed registrations with the minutes each
    /// planned and attended (`courses`), after a `bounds` of the year's first and next instants.
    static let courses = """
        ended AS (
            SELECT s.id, s.module_id FROM session s, bounds b
            WHERE s.status <> 'cancelled'
              AND (SELECT max(ends_at) FROM slot WHERE session_id = s.id) >= b.starts
              AND (SELECT max(ends_at) FROM slot WHERE session_id = s.id) < least(b.ends, now())),
        courses AS (
            SELECT r.id AS registration_id, e.id AS session_id, e.module_id,
                   (SELECT coalesce(sum(minutes), 0) FROM slot WHERE session_id = e.id AND NOT cancelled) AS planned,
                   (SELECT coalesce(sum(sl.minutes), 0) FROM attendance a JOIN slot sl ON sl.id = a.slot_id
                    WHERE a.registration_id = r.id AND a.status = 'present') AS attended
            FROM registration r JOIN ended e ON e.id = r.session_id WHERE r.status = 'confirmed')
        """

    public static func compute(year: Int, store: Store) throws -> QualityReport {
        let (first, last) = try LocalDate.wholeYear(year)
        let (start, end) = (first.start(in: store.timeZone), last.next.start(in: store.timeZone))
        let connection = store.connection
        let satisfaction = try connection.execute(
            """
            WITH bounds AS (SELECT \(start)::timestamptz AS starts, \(end)::timestamptz AS ends), \(unescaped: Self.courses),
            grouped AS (
                    SELECT c.*, m.code AS module, t.code AS trainer FROM courses c JOIN module m ON m.id = c.module_id
                    LEFT JOIN LATERAL (SELECT DISTINCT tr.code FROM slot sl JOIN slot_trainer st ON st.slot_id = sl.id
                                       JOIN trainer tr ON tr.id = st.trainer_id WHERE sl.session_id = c.session_id) t ON true)
                SELECT q.code, q.title, g.scope, g.of,
                       count(DISTINCT g.registration_id) FILTER (WHERE g.attended > 0) AS asked,
                       count(DISTINCT rs.id) AS responses,
                       count(a.scale) FILTER (WHERE a.scale >= 4) AS satisfied, count(a.scale) AS scores
                FROM questionnaire q
                CROSS JOIN LATERAL (
                    SELECT 'year' AS scope, NULL::text AS of, registration_id, attended FROM (SELECT DISTINCT registration_id, attended FROM grouped) x
                    UNION ALL SELECT DISTINCT 'module', module, registration_id, attended FROM grouped
                    UNION ALL SELECT DISTINCT 'trainer', trainer, registration_id, attended FROM grouped WHERE trainer IS NOT NULL) g
                LEFT JOIN response rs ON rs.registration_id = g.registration_id AND rs.questionnaire = q.code
                LEFT JOIN (answer a JOIN question qa ON qa.id = a.question_id AND qa.type = 'scale') ON a.response_id = rs.id
                WHERE q.respondent = 'participant' AND q.retired_at IS NULL
                  AND EXISTS (SELECT 1 FROM question x WHERE x.questionnaire = q.code AND x.type = 'scale' AND x.retired_at IS NULL)
                GROUP BY q.code, g.scope, g.of
                ORDER BY g.scope, g.of, array_position(\(Questionnaire.Moment.allCases.map(\.rawValue)), q.sent)
            """
        ).map(Self.satisfaction)
        // The trainers' and the structures' opinions, over the year's sessions: those asked are
        // each session's trainers, and the structures of its attendees that have a contact.
        let others = try connection.execute(
            """
            WITH bounds AS (SELECT \(start)::timestamptz AS starts, \(end)::timestamptz AS ends), \(unescaped: Self.courses),
            asked AS (
                    SELECT DISTINCT 'trainer' AS respondent, e.id AS session_id, st.trainer_id AS who
                    FROM ended e JOIN slot sl ON sl.session_id = e.id AND NOT sl.cancelled
                    JOIN slot_trainer st ON st.slot_id = sl.id
                    UNION
                    SELECT DISTINCT 'employer', c.session_id, p.employer_id
                    FROM courses c JOIN registration r ON r.id = c.registration_id
                    JOIN participant p ON p.id = r.participant_id JOIN employer em ON em.id = p.employer_id
                    WHERE c.attended > 0 AND em.contact_email IS NOT NULL)
                SELECT q.code, q.title, 'year' AS scope, NULL::text AS of,
                       (SELECT count(*) FROM asked x WHERE x.respondent = q.respondent) AS asked,
                       count(DISTINCT rs.id) AS responses,
                       count(a.scale) FILTER (WHERE a.scale >= 4) AS satisfied, count(a.scale) AS scores
                FROM questionnaire q
                LEFT JOIN response rs ON rs.questionnaire = q.code AND rs.session_id IN (SELECT id FROM ended)
                LEFT JOIN (answer a JOIN question qa ON qa.id = a.question_id AND qa.type = 'scale') ON a.response_id = rs.id
                WHERE q.respondent <> 'participant' AND q.retired_at IS NULL
                  AND EXISTS (SELECT 1 FROM question x WHERE x.questionnaire = q.code AND x.type = 'scale' AND x.retired_at IS NULL)
                GROUP BY q.code ORDER BY q.respondent DESC, q.code
            """
        ).map(Self.satisfaction)
        let totals = try connection.execute(
            """
            WITH bounds AS (SELECT \(start)::timestamptz AS starts, \(end)::timestamptz AS ends), \(unescaped: Self.courses)
                SELECT (SELECT count(*) FROM ended) AS sessions, count(c.registration_id) AS registrations,
                       coalesce(sum(c.planned), 0)::bigint AS planned, coalesce(sum(c.attended), 0)::bigint AS attended,
                       count(*) FILTER (WHERE c.attended > 0 AND c.attended < c.planned) AS interrupted,
                       count(*) FILTER (WHERE c.attended = 0) AS absent,
                       (SELECT count(*) FROM objective_evaluation o JOIN courses x USING (registration_id) WHERE o.level = 'acquis') AS acquis,
                       (SELECT count(*) FROM objective_evaluation o JOIN courses x USING (registration_id) WHERE o.level = 'en_cours') AS en_cours,
                       (SELECT count(*) FROM objective_evaluation o JOIN courses x USING (registration_id) WHERE o.level = 'non_acquis') AS non_acquis
                FROM courses c
            """)[0]
        let complaints = try connection.execute(
            """
            SELECT count(*) AS received, count(*) FILTER (WHERE kind = 'reclamation') AS reclamations,
                   count(answered_at) AS answered,
                   round(avg(extract(epoch FROM answered_at - reported_at) / 86400))::bigint AS days
            FROM incident WHERE reported_at >= \(start) AND reported_at < \(end)
            """)[0]
        let planned = try totals.decode(Int.self, "planned")
        let attended = try totals.decode(Int.self, "attended")
        let levels = try ["acquis", "en_cours", "non_acquis"].map { try totals.decode(Int.self, $0) }
        return QualityReport(
            year: year, sessions: try totals.decode(Int.self, "sessions"),
            satisfaction: (satisfaction + others).filter { $0.0 == "year" }.map(\.1),
            byModule: satisfaction.filter { $0.0 == "module" }.map(\.1),
            byTrainer: satisfaction.filter { $0.0 == "trainer" }.map(\.1),
            courses: Courses(
                registrations: try totals.decode(Int.self, "registrations"), plannedMinutes: planned,
                attendedMinutes: attended,
                completionPercent: planned == 0 ? nil : Claim.halfUp(100 * attended, planned),
                interrupted: try totals.decode(Int.self, "interrupted"), absent: try totals.decode(Int.self, "absent")),
            objectives: Objectives(
                acquis: levels[0], enCours: levels[1], nonAcquis: levels[2],
                acquisPercent: levels.reduce(0, +) == 0 ? nil : Claim.halfUp(100 * levels[0], levels.reduce(0, +))),
            complaints: Complaints(
                received: try complaints.decode(Int.self, "received"),
                reclamations: try complaints.decode(Int.self, "reclamations"),
                answered: try complaints.decode(Int.self, "answered"),
                meanDaysToAnswer: try complaints.decode(Int?.self, "days")))
    }
}
