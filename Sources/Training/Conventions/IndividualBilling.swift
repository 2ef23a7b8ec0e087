import Postgres

/// What an individual who pays may be invoiced or pay (L6353-6): nothing without a signed
/// contrat nor before the ten days to withdraw have passed; then 30 % of their share, and more
/// as the training proceeds. The limit is the database's `individual_billing_limit`, which its
/// triggers enforce too; this says why, in a sentence, before they have to.
enum IndividualBilling {
    enum Act: String {
        case invoiced, paid
    }

    /// Refuses bringing what the participant was `act` for the session to `total` cents on `day`.
    static func check(session: Int, participant: Int, day: LocalDate, total: Int, act: Act, on connection: Connection)
        throws
    {
        let row = try connection.execute(
            """
            SELECT p.first_name || ' ' || p.last_name AS name, p.email, s.code, c.signed_on,
                   individual_billing_limit(\(session), \(participant), \(day)) AS most
            FROM participant p CROSS JOIN session s
            LEFT JOIN convention c ON c.session_id = s.id AND c.participant_id = p.id AND c.kind = 'contrat'
            WHERE p.id = \(participant) AND s.id = \(session)
            """)[0]
        let most = try row.decode(Int.self, "most")
        guard total > most else { return }
        let (name, email, code) = try row.decode((String, String, String).self)
        guard let signed = try row.decode(LocalDate?.self, "signed_on") else {
            throw TrainingError.refused(
                "\(name) pays part of the training: a signed contrat de formation comes first (L6353-3), drawn with `atelier convention draw \(code) --buyer participant:\(email)` and signed with `atelier convention sign`."
            )
        }
        let free = signed.adding(days: 10)
        guard day >= free else {
            throw TrainingError.refused(
                "\(name)'s contrat was signed on \(signed): nothing may be \(act.rawValue) before \(free), when the ten days to withdraw are over (L6353-6)."
            )
        }
        throw TrainingError.refused(
            "On \(day), at most \(Money(cents: most)) may be \(act.rawValue) by or to \(name) (30 % of their share until the training proceeds, L6353-6): this would bring it to \(Money(cents: total))."
        )
    }
}
