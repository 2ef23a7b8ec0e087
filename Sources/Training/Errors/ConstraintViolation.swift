import Postgres

/// The database constraints that back the rules, each with the sentence a coordinator reads when
/// one fires. Swift checks first and says more (the value, the code); these sentences are what
/// is left when only the database could tell (two changes racing), and they keep the promise
/// that a constraint never surfaces as raw SQL.
enum ConstraintViolation {
    static let sentences: [String: String] = [
        "module_code_key": "A module already has this code.",
        "trainer_code_key": "A trainer already has this code.",
        "venue_code_key": "A venue already has this code.",
        "funder_code_key": "A funder already has this code.",
        "employer_siret_key": "An organisation already has this SIRET.",
        "employer_name_city_key": "An organisation with this name already exists in this city.",
        "participant_email_key": "A participant already has this email address.",
        "employer_siret_valid": "The SIRET is not valid: 14 digits whose check digit is right.",
        "participant_email_format": "The email is not an email address.",
        "trainer_email_format": "The email is not an email address.",
        "organisation_siret_valid": "The SIRET is not valid: 14 digits whose check digit is right.",
        "organisation_activity_number_format": "The numéro de déclaration d'activité is 11 digits.",
        "organisation_postal_code_format": "The postal code is 5 digits.",
        "venue_postal_code_format": "The postal code is 5 digits.",
        "slot_trainer_no_overlap": "A trainer is already booked at that time.",
        "slot_ends_after_start": "A slot ends after it starts.",
        "slot_within_one_day": "A slot starts and ends on the same day.",
        "registration_capacity": "The session is full.",
        "registration_once": "This participant is already registered for this session.",
        "attendance_not_in_future": "Attendance cannot be recorded for a slot that has not started.",
        "attendance_frozen": "The session is completed: its attendance is frozen; use `attendance correct`.",
    ]

    /// The domain error for a constraint violation, or `nil` for any other error.
    static func translate(_ error: PostgresError) -> TrainingError? {
        guard let name = error.constraint, let sentence = sentences[name] else { return nil }
        return error.sqlState == .checkViolation ? .invalid(sentence) : .refused(sentence)
    }
}

extension Connection {
    /// Runs `body` in one transaction, and turns the violation of a known constraint into the
    /// domain's sentence. Every write of `Training` goes through here: all or nothing.
    func write<T>(_ body: (Connection) throws -> T) throws -> T {
        do {
            return try transaction(body)
        } catch let error as PostgresError {
            throw ConstraintViolation.translate(error) ?? error
        }
    }
}
