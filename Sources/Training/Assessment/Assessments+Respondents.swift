import Postgres

extension Assessments {
    /// Who answers a questionnaire: a participant of the session, one of its trainers (by id),
    /// or a structure its participants came from (by id).
    public enum Respondent: Sendable, Hashable {
        case participant(EmailAddress)
        case trainer(Int)
        case structure(Int)
    }

    /// The respondent as `response` names them, and as a sentence does.
    struct Found {
        var registration: Int?
        var trainer: Int?
        var structure: Int?
        var name: String
    }

    /// `respondent` checked against the session: a confirmed participant of it, a trainer of one
    /// of its half-days, a structure with a confirmed participant in it.
    func find(_ respondent: Respondent, in session: SessionRow, on connection: Connection) throws -> Found {
        switch respondent {
        case .participant(let email):
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
            return Found(registration: try row.decode(Int.self, at: 0), name: email.text)
        case .trainer(let id):
            guard
                let row = try connection.execute(
                    """
                    SELECT t.name FROM trainer t WHERE t.id = \(id) AND EXISTS (
                        SELECT 1 FROM slot_trainer st JOIN slot sl ON sl.id = st.slot_id
                        WHERE st.trainer_id = t.id AND sl.session_id = \(session.id) AND NOT sl.cancelled)
                    """
                ).first
            else {
                throw TrainingError.refused("The trainer \(id) teaches no half-day of the session \(session.code).")
            }
            return Found(trainer: id, name: try row.decode(String.self, at: 0))
        case .structure(let id):
            guard
                let row = try connection.execute(
                    """
                    SELECT e.name FROM employer e WHERE e.id = \(id) AND EXISTS (
                        SELECT 1 FROM registration r JOIN participant p ON p.id = r.participant_id
                        WHERE p.employer_id = e.id AND r.session_id = \(session.id) AND r.status = 'confirmed')
                    """
                ).first
            else {
                throw TrainingError.refused("The structure \(id) has no participant in the session \(session.code).")
            }
            return Found(structure: id, name: try row.decode(String.self, at: 0))
        }
    }

    func hasAnswered(_ found: Found, kind: QuestionnaireCode, session: Int, on connection: Connection) throws -> Bool {
        !(try connection.execute(
            """
            SELECT 1 FROM response WHERE questionnaire = \(kind) AND session_id = \(session)
              AND registration_id IS NOT DISTINCT FROM \(found.registration)::bigint
              AND trainer_id IS NOT DISTINCT FROM \(found.trainer)::bigint
              AND employer_id IS NOT DISTINCT FROM \(found.structure)::bigint
            """
        ).isEmpty)
    }
}
