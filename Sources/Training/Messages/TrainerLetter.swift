/// What the message to a trainer says: the session as the participants' letters give it, and
/// the trainer's link to certify its half-days (`Jobs/trainer-link/*.mustache`).
public struct TrainerLetter: Sendable, Hashable {
    public struct Trainer: Sendable, Hashable {
        public var name: String
        public var email: String
    }

    public var trainer: Trainer
    public var session: Letter.Session
    public var organisation: Letter.Organisation
    /// `web.base-url` + `/t/` + a random token.
    public var trainerLink: String
    /// Sent again because the session's dates changed.
    public var changed: Bool

    /// A letter with every value, for checking templates.
    static var example: TrainerLetter {
        let letter = Letter.example(for: .convocation)
        return TrainerLetter(
            trainer: Trainer(name: "Scop Le Triangle", email: "contact@triangle.coop"), session: letter.session,
            organisation: letter.organisation, trainerLink: "https://atelier.test/t/0123456789abcdef", changed: true)
    }
}

extension Letters {
    /// The letter to the trainer `trainer` (an id) of the session `code`, with their link; `nil`
    /// when the trainer has no email or gives none of the session's half-days any more.
    public func trainerLetter(session code: String, trainer: Int, link: String, changed: Bool) throws -> TrainerLetter?
    {
        guard
            let row = try connection.execute(
                """
                SELECT t.name, t.email FROM trainer t
                WHERE t.id = \(trainer) AND t.email IS NOT NULL AND EXISTS (
                    SELECT 1 FROM slot_trainer st JOIN slot sl ON sl.id = st.slot_id JOIN session s ON s.id = sl.session_id
                    WHERE st.trainer_id = t.id AND s.code = \(code) AND NOT sl.cancelled)
                """
            ).first
        else { return nil }
        let (name, email) = try row.decode((String, String).self)
        return TrainerLetter(
            trainer: .init(name: name, email: email), session: try session(code), organisation: try organisation(),
            trainerLink: link, changed: changed)
    }
}
