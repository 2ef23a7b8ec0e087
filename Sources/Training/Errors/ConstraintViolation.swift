import Postgres

/// The database constraints that back the rules, each with the sentence a coordinator reads when
/// one fires. Swift checks first and says more (the value, the code); these sentences are what
/// is left when only the database could tell (two changes racing, a client that skipped the
/// checks), and they keep the promise that a constraint never surfaces as raw SQL.
///
/// The rules of the trade have their own sentence; the constraints on one field's shape
/// (`…_length`, `…_text`, `…_format`, `…_range`, `…_check`) get one made from the field's name.
/// A test reads every constraint and every name a trigger raises from the migrated schema and
/// fails when one has no sentence.
public enum ConstraintViolation {
    static let rules: [String: (TrainingError.Kind, String)] = [
        "module_code_key": (.conflict, "A module already has this code."),
        "trainer_code_key": (.conflict, "A trainer already has this code."),
        "venue_code_key": (.conflict, "A venue already has this code."),
        "funder_code_key": (.conflict, "A funder already has this code."),
        "session_code_key": (.conflict, "A session already has this code."),
        "competence_code_key": (.conflict, "A competence of the référentiel already has this code."),
        "referential_area_code_key": (.conflict, "An area of the référentiel already has this code."),
        "employer_siret_key": (.conflict, "An organisation already has this SIRET."),
        "employer_name_city_key": (.conflict, "An organisation with this name already exists in this city."),
        "participant_email_key": (.conflict, "A participant already has this email address."),
        "funding_agreement_reference_key": (
            .refused, "The session already has a funding agreement with this reference."
        ),
        "session_part_position_key": (.conflict, "The session already has a part at this position."),
        "question_position_key": (.conflict, "The questionnaire already has a question at this position."),
        "question_scale_words": (
            .invalidInput,
            "A scale question says what its two ends mean, in a line of at most 60 characters each; other questions do not."
        ),
        "registration_once": (.conflict, "This participant is already registered for this session."),
        "response_once": (.conflict, "This participant has already answered this questionnaire."),
        "delivery_subject_text": (.invalidInput, "A message's subject is one line of at most 998 characters."),
        "delivery_body_length": (.invalidInput, "A message's text is at most 200 000 characters."),
        "delivery_attachments_shape": (.invalidInput, "A message's attachments are a list."),
        "delivery_content_whole": (
            .invalidInput, "A message's subject, text and attachments are kept together, or none of them."
        ),
        "response_once_by_trainer": (
            .conflict, "This trainer has already answered this questionnaire for the session."
        ),
        "response_once_by_structure": (
            .conflict, "This structure has already answered this questionnaire for the session."
        ),
        "response_one_respondent": (
            .invalidInput, "A response is a participant's, a trainer's or a structure's: exactly one of them."
        ),
        "response_matches_questionnaire": (
            .invalidInput, "This questionnaire is not answered by this kind of respondent, or not for this session."
        ),
        "questionnaire_link_one_respondent": (
            .invalidInput, "A questionnaire link is a participant's, or a structure's about one session."
        ),
        "employer_siret_valid": (.invalidInput, "The SIRET is not valid: 14 digits whose check digit is right."),
        "funder_siret_valid": (.invalidInput, "The SIRET is not valid: 14 digits whose check digit is right."),
        "employer_billing_address_whole": (
            .invalidInput, "A billing address is a street, a postal code and a city: the three, or none."
        ),
        "funder_billing_address_whole": (
            .invalidInput, "A billing address is a street, a postal code and a city: the three, or none."
        ),
        "invoice_one_buyer": (.invalidInput, "An invoice has one buyer: a structure, a funder or a person."),
        "invoice_credit_cites": (
            .invalidInput, "A credit note cites the invoice it credits and says why; an invoice does neither."
        ),
        "invoice_issued_whole": (
            .invalidInput,
            "An issued invoice has its number, its dates, both parties and its PDF; a draft has none of them."
        ),
        "invoice_number_of_series": (.invalidInput, "An invoice's number is its series and its rank in it."),
        "invoice_series_of_kind": (
            .invalidInput, "Invoices are numbered in the FA series of their year, credit notes in the AV series."
        ),
        "invoice_due_within_60_days": (
            .invalidInput, "An invoice is due on its issue date or up to 60 days after it."
        ),
        "invoice_pdf_checksum": (.invalidInput, "An invoice's checksum is the SHA-256 of its PDF."),
        "invoice_number_key": (.conflict, "Another invoice already has this number."),
        "invoice_series_sequence_key": (.conflict, "Another invoice already has this number."),
        "invoice_issued_frozen": (
            .refused, "An issued invoice never changes and is never deleted: correct it with a credit note."
        ),
        "invoice_number_from_counter": (
            .refused, "An invoice takes its number from its series' counter, in the transaction that issues it."
        ),
        "invoice_total_of_lines": (.refused, "An invoice's total is the sum of its lines."),
        "invoice_counter_forward": (
            .refused, "A series' numbers go one step forward at a time, and their dates never go back."
        ),
        "invoice_credit_of_issued": (
            .refused, "A credit note credits an issued invoice of the same buyer and session."
        ),
        "invoice_credit_within_total": (.refused, "An invoice cannot be credited beyond its total."),
        "invoice_line_dedit_not_to_funder": (.refused, "A dédit is never invoiced to a funder."),
        "convention_one_party": (
            .invalidInput,
            "A convention is with one structure, a contrat de formation with one individual, a quote to one structure, funder or person."
        ),
        "convention_signature_whole": (
            .invalidInput,
            "A signature names its day, its signatory, their role and how it was given: all of them, or none."
        ),
        "convention_pdf_is_pdf": (.invalidInput, "A convention is stored as a PDF file."),
        "convention_pdf_checksum": (.invalidInput, "A convention's checksum is the SHA-256 of its PDF."),
        "convention_once": (
            .conflict, "The session already has a convention, contrat or quote of this kind with this party."
        ),
        "convention_quote_validity": (
            .invalidInput, "A quote holds until a day it names; a convention or a contrat names none."
        ),
        "convention_signed_frozen": (.refused, "A signed convention never changes and is never deleted."),
        "convention_link_token_key": (.conflict, "Another link already has this token: try again."),
        "convention_evidence_position_key": (.tryAgain, "Another signature took this place in the chain: try again."),
        "convention_evidence_once": (.refused, "This document is already signed."),
        "convention_evidence_one_mark": (
            .invalidInput, "A signature is drawn or typed: one of the two."
        ),
        "convention_evidence_frozen": (.refused, "The evidence of a signature never changes and is never deleted."),
        "invoice_individual_withdrawal": (
            .refused,
            "An individual is invoiced nothing before the ten days to withdraw from their signed contrat are over, then 30 % of their share until the training proceeds."
        ),
        "payment_individual_withdrawal": (
            .refused,
            "An individual pays nothing before the ten days to withdraw from their signed contrat are over, then 30 % of their share until the training proceeds."
        ),
        "payment_of_issued_invoice": (.refused, "A payment settles an issued invoice."),
        "payment_within_balance": (.refused, "A payment cannot exceed what is left to pay on its invoice."),
        "organisation_siret_valid": (.invalidInput, "The SIRET is not valid: 14 digits whose check digit is right."),
        "organisation_single_row": (.refused, "Atelier holds one organisation: edit it with `atelier org edit`."),
        "organisation_activity_number_format": (.invalidInput, "The numéro de déclaration d'activité is 11 digits."),
        "organisation_postal_code_format": (.invalidInput, "The postal code is 5 digits."),
        "venue_postal_code_format": (.invalidInput, "The postal code is 5 digits."),
        "participant_email_format": (
            .invalidInput, "The email is not an email address in its canonical form (lowercase, NFC)."
        ),
        "trainer_email_format": (
            .invalidInput, "The email is not an email address in its canonical form (lowercase, NFC)."
        ),
        "organisation_email_format": (
            .invalidInput, "The email is not an email address in its canonical form (lowercase, NFC)."
        ),
        "organisation_disability_referent_email_format": (
            .invalidInput, "The email is not an email address in its canonical form (lowercase, NFC)."
        ),
        "session_minimum_range": (.invalidInput, "The minimum number of participants goes from 0 to the capacity."),
        "session_completed_when": (.refused, "A session is completed exactly when it has a completion time."),
        "session_cancelled_when": (.refused, "A session is cancelled exactly when it has a cancellation time."),
        "registration_cancelled_when": (
            .refused, "A registration is cancelled exactly when it has a cancellation time."
        ),
        "slot_trainer_no_overlap": (.refused, "A trainer is already booked at that time."),
        "slot_no_overlap_in_session": (.invalidInput, "Two slots of one session overlap."),
        "slot_ends_after_start": (.invalidInput, "A slot ends after it starts."),
        "slot_within_one_day": (.invalidInput, "A slot starts and ends on the same day."),
        "registration_session_open": (
            .refused, "The session is completed or cancelled: it takes no more registrations."
        ),
        "registration_capacity": (.refused, "The session is full."),
        "session_capacity_holds": (
            .refused, "The session has more confirmed participants than that capacity: cancel registrations first."
        ),
        "attendance_not_in_future": (.refused, "Attendance cannot be recorded for a slot that has not started."),
        "attendance_registration_confirmed": (.refused, "Attendance is recorded only for confirmed participants."),
        "attendance_frozen": (
            .refused, "The session is completed: its attendance is frozen; use `attendance correct`."
        ),
        "session_ended": (.refused, "The session cannot be completed before its last slot has ended."),
        "session_attendance_complete": (
            .refused, "The session cannot be completed: attendance is missing for some participants."
        ),
        "answer_matches_question": (
            .invalidInput,
            "The answer does not fit its question: a score in its range, oui or non, one of its options, a text, or a score per objective of the session."
        ),
        "answer_one_value": (.invalidInput, "An answer holds exactly one value, or a oui with what is needed."),
        "job_running_leased": (.refused, "A job runs exactly when a worker holds its lease."),
        "job_finished_when": (.refused, "A job is finished exactly when it has a finishing time."),
        "event_name_format": (.invalidInput, "An event's name is two lowercase words joined by a dot."),
        "certificate_pdf_is_pdf": (.invalidInput, "A certificate is stored as a PDF file."),
        "certificate_checksum": (.invalidInput, "A certificate's checksum is the SHA-256 of its PDF."),
        "certificate_withdrawal_shape": (
            .invalidInput,
            "A certificate states the minutes attended and holds its PDF, or is withdrawn and holds neither."
        ),
        "attendance_evidence_signature_shape": (
            .invalidInput, "A signature is one person’s, drawn or typed, under the sentence they agreed to."
        ),
        "attendance_evidence_signed_once": (.refused, "This half-day is already signed by this participant."),
        "attendance_evidence_closed_once": (.refused, "This half-day is already closed by its trainer."),
        "attendance_evidence_trainer_signed_once": (.refused, "This half-day is already signed by this trainer."),
        "attendance_evidence_closing_shape": (
            .invalidInput, "A half-day is closed by one of its trainers, with no participant and no status."
        ),
        "attendance_evidence_reason_given": (
            .invalidInput, "A participant marked late or gone early is marked with the reason."
        ),
        "attendance_evidence_mark_shape": (
            .invalidInput, "A mark or a correction is one participant’s, with a status."
        ),
        "attendance_evidence_signed_before_closing": (
            .refused, "This half-day is closed: its trainer has certified it and it takes no more signatures."
        ),
        "signing_link_holder": (
            .invalidInput, "A signing link is a participant’s, or a trainer’s for one session."
        ),
        "room_code_shape": (
            .invalidInput, "A room code is six characters among A–Z and 2–9, without I, L, O nor U."
        ),
        "room_code_code_key": (.conflict, "This room code is already another half-day’s."),
        "signing_link_personal_code_key": (.conflict, "This personal code is already another link’s."),
        "signing_link_personal_code_holder": (
            .invalidInput, "A personal code belongs to a participant’s link, never to a trainer’s."
        ),
        "module_objectives_list": (
            .invalidInput, "Each objective is one line of at most 500 characters, and a module has at most 30."
        ),
        "module_programme_append_only": (
            .refused, "A programme version is never changed nor removed: a change to the module makes a new one."
        ),
        "organisation_pedagogical_contact_email_format": (
            .invalidInput, "The email is not an email address in its canonical form (lowercase, NFC)."
        ),
        "organisation_administrative_contact_email_format": (
            .invalidInput, "The email is not an email address in its canonical form (lowercase, NFC)."
        ),
        "incident_source_shape": (
            .invalidInput, "An incident names who reported it: a participant, a trainer, a funder, or someone else."
        ),
        "incident_answered_when": (.refused, "An incident is answered exactly when it has an answering time."),
        "incident_as_reported": (.refused, "An incident stays as it was reported: its answer says what followed."),
        "incident_answered_once": (.refused, "An incident is answered once."),
        "incident_kept": (.refused, "An incident is never removed: the register keeps the year as it happened."),
        "improvement_one_origin": (.invalidInput, "An improvement comes from an incident or a session, not both."),
        "improvement_done_when": (.refused, "An improvement is done exactly when it has a time it was done."),
        "improvement_as_decided": (.refused, "An improvement stays as it was decided: what was done is said apart."),
        "improvement_done_once": (.refused, "What was done for an improvement is recorded once."),
        "improvement_kept": (.refused, "An improvement is never removed."),
        "attendance_evidence_append_only": (
            .refused, "Attendance evidence is never changed nor removed: a correction is a record of its own."
        ),
    ]

    /// The kind and sentence for a constraint of `table`, or `nil` when the name is unknown.
    public static func sentence(for name: String, table: String?) -> (kind: TrainingError.Kind, sentence: String)? {
        if let rule = rules[name] { return rule }
        if name.hasSuffix("_pkey") { return (.conflict, "This record already exists.") }
        if name.hasSuffix("_fkey") {
            return (.refused, "This refers to a record that does not exist, or that another change removed.")
        }
        if name.hasSuffix("_key") { return (.conflict, "This record already exists.") }
        guard let table, name.hasPrefix(table + "_") else { return nil }
        let rest = name.dropFirst(table.count + 1)
        let shapes: [(suffix: String, sentence: (String) -> String)] = [
            (
                "_text",
                {
                    "The \($0) holds a character it may not (a control character, a line break, an emoji), or is not in Unicode NFC form."
                }
            ),
            ("_length", { "The \($0) is empty or too long." }),
            ("_format", { "The \($0) is not written as Atelier expects." }),
            ("_range", { "The \($0) is out of range." }),
            ("_check", { "The \($0) is not one of the words Atelier knows." }),
            ("_positive", { "The \($0) is a whole number from 1." }),
        ]
        guard let shape = shapes.first(where: { rest.hasSuffix($0.suffix) }) else { return nil }
        let field = rest.dropLast(shape.suffix.count).replacing("_", with: " ")
        return (.invalidInput, shape.sentence(String(field)))
    }

    /// The domain error for a constraint violation, or `nil` for any other error.
    static func translate(_ error: PostgresError) -> TrainingError? {
        guard let name = error.constraint, let (kind, sentence) = sentence(for: name, table: error.table) else {
            return nil
        }
        return TrainingError(kind, sentence)
    }
}
