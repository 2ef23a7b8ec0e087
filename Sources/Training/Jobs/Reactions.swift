import Foundation
import Postgres
import Queue

/// The jobs each domain event implies, enqueued (or cancelled) in the event's transaction.
///
/// Unique keys make every reaction safe to repeat: `reminder:registration:42:j1` is queued once
/// while live, and cancelled by its prefix when the registration goes.
struct Reactions {
    let connection: Connection
    let jobs: JobCatalogue
    let queue: JobQueue

    init(_ connection: Connection, jobs: JobCatalogue) {
        self.connection = connection
        self.jobs = jobs
        queue = JobQueue(connection)
    }

    /// Reminders go this many days before the first slot, at 09:00 where the slot was entered.
    static let reminderDays = [7, 1]
    static let coldQuestionnaireDays = 90

    func react(to event: some DomainEvent, id: Int) throws {
        try queue.enqueue(
            try connection.execute("SELECT id, url FROM webhook_endpoint WHERE removed_at IS NULL ORDER BY id").map {
                row in
                let (endpoint, url) = try row.decode((Int, String).self)
                return try jobs.job(
                    .webhook,
                    WebhookArguments(event: id, name: event.name, endpoint: endpoint, url: URLCredentials.masked(url)),
                    key: "webhook:event:\(id):endpoint:\(endpoint)")
            })
        switch event {
        case let event as RegistrationEvent: try react(to: event)
        case let event as SessionEvent: try react(to: event, id: id)
        case let event as AttendanceEvent where event.corrected: try reactToCorrection(event, id: id)
        case let event as IncidentEvent where event.change == .answered:
            try queue.enqueue([
                try jobs.job(
                    .incidentAnswer, IncidentAnswerArguments(incidentId: event.incidentId),
                    key: "incident-answer:\(event.incidentId)")
            ])
        case let event as InvoiceIssued:
            let arguments = InvoiceArguments(invoiceId: event.invoiceId)
            try queue.enqueue(
                [try jobs.job(.invoice, arguments, key: "invoice:\(event.invoiceId)")]
                    + (try event.remindAt.map { remindAt in
                        [
                            try jobs.job(
                                .invoiceReminder, arguments, runAt: remindAt, key: "invoice-reminder:\(event.invoiceId)"
                            )
                        ]
                    } ?? []))
        case let event as AssessmentAnswered where event.adaptationNeeded:
            guard let registration = event.registrationId else { break }
            try queue.enqueue([
                try jobs.job(
                    .adaptationNotice,
                    AdaptationNoticeArguments(registrationId: registration, questionnaire: event.kind),
                    key: "adaptation-notice:registration:\(registration):\(event.kind)")
            ])
        default: break
        }
    }

    /// A correction after completion may change what a certificate states: the certificate job
    /// of each attendee, and of each holder of a certificate (whom the correction may have left
    /// with nothing attended), runs again, and issues, withdraws and sends only where it changed.
    private func reactToCorrection(_ event: AttendanceEvent, id: Int) throws {
        guard
            try connection.execute("SELECT status = 'completed' FROM session WHERE id = \(event.sessionId)")
                .first?.decode(Bool.self, at: 0) == true
        else { return }
        try queue.enqueue(
            try attendees(session: event.session, id: event.sessionId, orCertified: true).map { arguments in
                try jobs.job(
                    .certificate, arguments,
                    key: "certificate:registration:\(arguments.registrationId):correction:\(id)")
            })
    }

    /// A draft is prepared in silence: its participants hear of it when it is published. A
    /// session recorded after it was given convokes no one.
    private func react(to event: RegistrationEvent) throws {
        guard try event.change == .cancelled || isAnnounced(event.sessionId) else { return }
        let arguments = JobKind.Arguments(
            session: event.session, sessionId: event.sessionId,
            registrationId: event.registrationId, participantId: event.participantId)
        let key = "registration:\(event.registrationId)"
        switch event.change {
        case .confirmed:
            try queue.enqueue([try jobs.job(.convocation, arguments, key: "convocation:\(key)")] + reminders(arguments))
        case .promoted:
            try queue.enqueue(
                [try jobs.job(.promotionNotice, arguments, key: "promotion-notice:\(key)")] + reminders(arguments))
        case .waitlisted:
            try queue.enqueue([try jobs.job(.waitlistNotice, arguments, key: "waitlist-notice:\(key)")])
        case .cancelled:
            try queue.cancel(.keyPrefix("reminder:\(key):"))
        }
    }

    private func react(to event: SessionEvent, id: Int) throws {
        switch event.change {
        case .scheduled:
            for arguments in try registrations(of: event, status: "confirmed") {
                try queue.enqueue(
                    [try jobs.job(.convocation, arguments, key: "convocation:registration:\(arguments.registrationId)")]
                        + reminders(arguments))
            }
            try queue.enqueue(try trainerLinks(of: event, changed: false, key: { "trainer-link:\($0)" }))
            try queue.enqueue(
                try registrations(of: event, status: "waitlisted").map { arguments in
                    try jobs.job(
                        .waitlistNotice, arguments, key: "waitlist-notice:registration:\(arguments.registrationId)")
                })
        case .rescheduled:
            for arguments in try registrations(of: event, status: "confirmed") {
                let key = "registration:\(arguments.registrationId)"
                try queue.cancel(.keyPrefix("reminder:\(key):"))
                // A notice not sent yet tells of a schedule that is no more: this one replaces it.
                try queue.cancel(.keyPrefix("reschedule-notice:\(key):"))
                try queue.enqueue(
                    try reminders(arguments) + [
                        try jobs.job(.rescheduleNotice, arguments, key: "reschedule-notice:\(key):event:\(id)")
                    ])
            }
            // As for the participants' notices, one not sent yet is replaced by this one.
            try queue.cancel(.keyPrefix("trainer-link:session:\(event.sessionId):"))
            try queue.enqueue(try trainerLinks(of: event, changed: true, key: { "trainer-link:\($0):event:\(id)" }))
        case .cancelled:
            // Only those who were told of the session (not the registrations of a draft) hear it is off.
            try queue.cancel(.argument(key: "sessionId", value: String(event.sessionId)))
            guard try hasJobs(event.sessionId) else { return }
            try queue.enqueue(
                try registrations(of: event, status: "confirmed").map { arguments in
                    try jobs.job(
                        .cancellationNotice, arguments,
                        key: "cancellation-notice:registration:\(arguments.registrationId)")
                })
        case .completed:
            let cold = Date().addingTimeInterval(Double(Self.coldQuestionnaireDays) * 86_400)
            try queue.enqueue(
                try attendees(session: event.session, id: event.sessionId).flatMap { arguments in
                    let key = "registration:\(arguments.registrationId)"
                    return [
                        try jobs.job(.certificate, arguments, key: "certificate:\(key)"),
                        try jobs.job(.questionnaireHot, arguments, key: "questionnaire-hot:\(key)"),
                        try jobs.job(.questionnaireCold, arguments, runAt: cold, key: "questionnaire-cold:\(key)"),
                    ]
                })
            try queue.enqueue(
                try trainerLinks(of: event, changed: false, kind: .trainerQuestionnaire) {
                    "trainer-questionnaire:\($0)"
                })
            try queue.enqueue(try invoicingDeadlines(session: event.sessionId))
            try queue.enqueue(
                try structures(attending: event.sessionId).map { structure in
                    try jobs.job(
                        .structureQuestionnaire,
                        StructureQuestionnaireArguments(
                            session: event.session, sessionId: event.sessionId, structureId: structure),
                        runAt: cold, key: "structure-questionnaire:session:\(event.sessionId):structure:\(structure)")
                })
        }
    }

    /// For each agreement whose funder must receive its invoice within some days of the session's
    /// end, a notice to the coordinator the organisation's reminder days before that deadline
    /// (at once when it is nearer), at 09:00 where the last slot was entered.
    private func invoicingDeadlines(session: Int) throws -> [NewJob] {
        try connection.execute(
            """
            SELECT f.id, greatest(now(), ((((x.ends_at AT TIME ZONE x.time_zone)::date + fu.invoicing_delay_days
                                           - coalesce((SELECT payment_reminder_days FROM organisation), 15))
                                          + time '09:00') AT TIME ZONE x.time_zone)) AS run_at
            FROM funding_agreement f JOIN funder fu ON fu.id = f.funder_id
            CROSS JOIN LATERAL (SELECT ends_at, time_zone FROM slot WHERE session_id = f.session_id
                                ORDER BY ends_at DESC LIMIT 1) AS x
            WHERE f.session_id = \(session) AND fu.invoicing_delay_days IS NOT NULL
            ORDER BY f.id
            """
        ).map { row in
            let (agreement, runAt) = try row.decode((Int, Date).self)
            return try jobs.job(
                .billingNotice, BillingNoticeArguments(agreementId: agreement), runAt: runAt,
                key: "billing-notice:agreement:\(agreement)")
        }
    }

    /// A job of `kind` — the trainer link, or at completion the trainers' questionnaire — for
    /// each trainer of the session with an email; `key` completes the job's key from
    /// `session:S:trainer:T`.
    private func trainerLinks(
        of event: SessionEvent, changed: Bool, kind: JobKind = .trainerLink, key: (String) -> String
    ) throws -> [NewJob] {
        try connection.execute(
            """
            SELECT DISTINCT t.id FROM slot_trainer st JOIN slot sl ON sl.id = st.slot_id JOIN trainer t ON t.id = st.trainer_id
            WHERE sl.session_id = \(event.sessionId) AND NOT sl.cancelled AND t.email IS NOT NULL ORDER BY t.id
            """
        ).map { row in
            let trainer = try row.decode(Int.self, at: 0)
            return try jobs.job(
                kind,
                TrainerLinkArguments(
                    session: event.session, sessionId: event.sessionId, trainerId: trainer, changed: changed),
                key: key("session:\(event.sessionId):trainer:\(trainer)"))
        }
    }

    /// The J-7 and J-1 reminders still in the future: 09:00 on those days in the first slot's
    /// zone, computed by PostgreSQL so that a change of the clocks in between is accounted for.
    private func reminders(_ arguments: JobKind.Arguments) throws -> [NewJob] {
        try connection.execute(
            """
            SELECT d.days, ((((s.starts_at AT TIME ZONE s.time_zone)::date - d.days) + time '09:00') AT TIME ZONE s.time_zone) AS run_at
            FROM (SELECT starts_at, time_zone FROM slot WHERE session_id = \(arguments.sessionId) AND NOT cancelled
                  ORDER BY starts_at LIMIT 1) AS s
            CROSS JOIN (SELECT days::int AS days FROM unnest(\(Self.reminderDays)) AS u(days)) AS d
            WHERE ((((s.starts_at AT TIME ZONE s.time_zone)::date - d.days) + time '09:00') AT TIME ZONE s.time_zone) > now()
            ORDER BY d.days DESC
            """
        ).map { row in
            let (days, runAt) = try row.decode((Int, Date).self)
            var reminder = arguments
            reminder.daysBefore = days
            return try jobs.job(
                .reminder, reminder, runAt: runAt, key: "reminder:registration:\(arguments.registrationId):j\(days)")
        }
    }

    private func isAnnounced(_ session: Int) throws -> Bool {
        try connection.execute(
            """
            SELECT status <> 'draft' AND (SELECT max(ends_at) FROM slot WHERE session_id = s.id) > now() FROM session s WHERE id = \(session)
            """
        ).first?.decode(Bool?.self, at: 0) ?? false
    }

    private func hasJobs(_ session: Int) throws -> Bool {
        try !connection.execute("SELECT 1 FROM job WHERE args ->> 'sessionId' = \(String(session)) LIMIT 1").isEmpty
    }

    private func registrations(of event: SessionEvent, status: String) throws -> [JobKind.Arguments] {
        try connection.execute(
            """
            SELECT id, participant_id FROM registration WHERE session_id = \(event.sessionId) AND status = \(status) ORDER BY id
            """
        ).map { row in
            let (registration, participant) = try row.decode((Int, Int).self)
            return JobKind.Arguments(
                session: event.session, sessionId: event.sessionId, registrationId: registration,
                participantId: participant)
        }
    }

    /// The confirmed participants present at one slot at least: those who get a certificate; with
    /// `orCertified`, also those who were issued one.
    /// The structures some of whose people attended the session.
    private func structures(attending sessionId: Int) throws -> [Int] {
        try connection.execute(
            """
            SELECT DISTINCT p.employer_id FROM registration r JOIN participant p ON p.id = r.participant_id
            WHERE r.session_id = \(sessionId) AND r.status = 'confirmed' AND p.employer_id IS NOT NULL
              AND EXISTS (SELECT 1 FROM attendance a WHERE a.registration_id = r.id AND a.status = 'present')
            ORDER BY 1
            """
        ).map { try $0.decode(Int.self, at: 0) }
    }

    private func attendees(session: String, id sessionId: Int, orCertified: Bool = false) throws
        -> [JobKind.Arguments]
    {
        try connection.execute(
            """
            SELECT r.id, r.participant_id FROM registration r
            WHERE r.session_id = \(sessionId) AND r.status = 'confirmed'
              AND (EXISTS (SELECT 1 FROM attendance a WHERE a.registration_id = r.id AND a.status = 'present')
                   OR (\(orCertified) AND EXISTS (SELECT 1 FROM certificate c WHERE c.registration_id = r.id)))
            ORDER BY r.id
            """
        ).map { row in
            let (registration, participant) = try row.decode((Int, Int).self)
            return JobKind.Arguments(
                session: session, sessionId: sessionId, registrationId: registration, participantId: participant)
        }
    }
}
