import Foundation
import Postgres
import Queue
import TestSupport
import Testing

@testable import Training

/// The jobs each change implies, enqueued in the change's own transaction.
@Suite struct ReactionTests {
    let fixture: Fixture
    let queue: JobQueue

    init() throws {
        fixture = try Fixture(participants: 4)
        queue = JobQueue(fixture.connection)
    }

    /// Monday 5 April 2027, then a second part on 19 April; clocks go forward on 28 March.
    func schedule(capacity: Int = 2, draft: Bool = false) throws -> String {
        var plan = SessionPlan(
            module: "PMAE-EMPLOI",
            slots: try ["2027-04-05T09:00-12:30", "2027-04-19T09:00-12:30"].map(SlotSpec.init(parsing:)))
        plan.capacity = capacity
        plan.isDraft = draft
        return try fixture.sessions.schedule(plan).code
    }

    /// `kind key run-at` of every live job, by id.
    func live() throws -> [String] {
        try fixture.connection.execute(
            """
            SELECT kind || ' ' || coalesce(unique_key, '-') || ' ' || to_char(run_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI"Z"')
            FROM job WHERE state IN ('scheduled', 'available') ORDER BY id
            """
        ).map { try $0.decode(String.self, at: 0) }
    }

    @Test func aRolledBackRegistrationLeavesNoJob() throws {
        let code = try schedule()
        struct Abandon: Error {}
        #expect(throws: Abandon.self) {
            try fixture.connection.transaction { connection in
                _ = try Registrations(try .testing(connection)).register(fixture.email(1), in: code)
                throw Abandon()
            }
        }
        #expect(try fixture.count("SELECT count(*) FROM job") == 0)
    }

    /// A confirmed registration: its convocation now, and the reminders at 09:00 Paris time seven
    /// days and one day before — J-7 falls on the day after the change to summer time (UTC+2).
    @Test func aConfirmedRegistrationQueuesItsConvocationAndReminders() throws {
        let code = try schedule()
        let registration = try fixture.registrations.register(fixture.email(1), in: code)
        #expect(registration.status == .confirmed)
        let jobs = try live()
        #expect(jobs.count == 3)
        #expect(jobs[0].hasPrefix("convocation convocation:registration:1 "))
        #expect(
            Array(jobs.dropFirst()) == [
                "reminder reminder:registration:1:j7 2027-03-29T07:00Z",
                "reminder reminder:registration:1:j1 2027-04-04T07:00Z",
            ])
        let arguments = try #require(try queue.jobs(kind: "convocation").first).arguments(JobKind.Arguments.self)
        #expect(arguments == JobKind.Arguments(session: code, sessionId: 1, registrationId: 1, participantId: 1))
    }

    /// Each job is queued with its kind's queue, priority and attempts from the catalogue.
    @Test func eachJobTakesItsKindsPolicy() throws {
        let code = try schedule(capacity: 1)
        for index in 1...2 { _ = try fixture.registrations.register(fixture.email(index), in: code) }
        let rows = try fixture.connection.execute(
            "SELECT DISTINCT kind, queue, priority, max_attempts FROM job ORDER BY kind")
        let seen = try rows.map { try $0.decode((String, String, Int, Int).self) }
        #expect(seen.map(\.0) == ["convocation", "reminder", "waitlist-notice"])
        for (kind, queue, priority, attempts) in seen {
            let policy = try JobCatalogue.testing.policy(try #require(JobKind(rawValue: kind)))
            #expect(JobCatalogue.Policy(queue: queue, priority: priority, maxAttempts: attempts) == policy)
        }
    }

    @Test func aCatalogueMustNameEveryKindAndOnlyThose() throws {
        let policy = JobCatalogue.Policy(queue: "default", priority: 1, maxAttempts: 5)
        var policies = Dictionary(uniqueKeysWithValues: JobKind.allCases.map { ($0.rawValue, policy) })
        _ = try JobCatalogue(policies, kinds: JobKind.allCases)
        policies["reminder"] = nil
        #expect(throws: JobCatalogueError.missingKind("reminder")) {
            try JobCatalogue(policies, kinds: JobKind.allCases)
        }
        policies["reminder"] = policy
        policies["newsletter"] = policy
        #expect(throws: JobCatalogueError.unknownKind("newsletter")) {
            try JobCatalogue(policies, kinds: JobKind.allCases)
        }
        policies["newsletter"] = nil
        for (bad, problem) in [
            (
                JobCatalogue.Policy(queue: "Mail", priority: 1, maxAttempts: 5),
                "the queue “Mail” is not 1 to 31 lowercase letters, digits or _, starting with a letter"
            ),
            (
                JobCatalogue.Policy(queue: "mail", priority: 10, maxAttempts: 5),
                "the priority 10 is not between 0 and 9"
            ),
            (
                JobCatalogue.Policy(queue: "mail", priority: 1, maxAttempts: 0),
                "max-attempts 0 is not between 1 and 100"
            ),
        ] {
            policies["webhook"] = bad
            #expect(throws: JobCatalogueError.invalid(kind: "webhook", problem)) {
                try JobCatalogue(policies, kinds: JobKind.allCases)
            }
        }
    }

    @Test func theWaitlistHearsOfItAndAPromotionBringsTheReminders() throws {
        let code = try schedule(capacity: 1)
        for index in 1...2 { _ = try fixture.registrations.register(fixture.email(index), in: code) }
        #expect(try live().filter { $0.hasPrefix("waitlist-notice waitlist-notice:registration:2 ") }.count == 1)
        try fixture.registrations.cancel(fixture.email(1), in: code)
        let jobs = try live()
        #expect(!jobs.contains { $0.contains("reminder:registration:1:") })
        #expect(jobs.contains { $0.hasPrefix("promotion-notice promotion-notice:registration:2 ") })
        #expect(jobs.contains("reminder reminder:registration:2:j7 2027-03-29T07:00Z"))
        #expect(try fixture.count("SELECT count(*) FROM job WHERE state = 'cancelled' AND kind = 'reminder'") == 2)
    }

    @Test func aRescheduledSessionMovesTheRemindersAndSaysSo() throws {
        let code = try schedule()
        _ = try fixture.registrations.register(fixture.email(1), in: code)
        var plan = SessionPlan(module: "PMAE-EMPLOI", slots: [try SlotSpec(parsing: "2027-05-10T09:00-12:30")])
        plan.capacity = 2
        _ = try fixture.sessions.reschedule(code, to: plan)
        let jobs = try live()
        #expect(jobs.contains("reminder reminder:registration:1:j7 2027-05-03T07:00Z"))
        #expect(jobs.contains("reminder reminder:registration:1:j1 2027-05-09T07:00Z"))
        #expect(!jobs.contains { $0.contains("2027-03-29") })
        #expect(jobs.contains { $0.hasPrefix("reschedule-notice reschedule-notice:registration:1:event:") })
    }

    @Test func aCancelledSessionCancelsItsJobsAndTellsEachParticipant() throws {
        let code = try schedule()
        for index in 1...2 { _ = try fixture.registrations.register(fixture.email(index), in: code) }
        _ = try fixture.sessions.cancel(code)
        #expect(
            try live().map { $0.split(separator: " ").prefix(2).joined(separator: " ") }
                == [
                    "cancellation-notice cancellation-notice:registration:1",
                    "cancellation-notice cancellation-notice:registration:2",
                ])
    }

    @Test func aDraftIsSilentUntilPublished() throws {
        let code = try schedule(draft: true)
        _ = try fixture.registrations.register(fixture.email(1), in: code)
        #expect(try live() == [])
        _ = try fixture.sessions.publish(code)
        #expect(try live().count == 3)
    }

    /// Completion: a certificate and the questionnaires for who attended, none for who did not.
    @Test func aCompletedSessionCertifiesWhoAttended() throws {
        var plan = SessionPlan(module: "PMAE-EMPLOI", slots: [try SlotSpec(parsing: "2025-04-05T09:00-12:30")])
        plan.recordsPast = true
        let code = try fixture.sessions.schedule(plan).code
        for index in 1...2 { _ = try fixture.registrations.register(fixture.email(index), in: code) }
        try fixture.attendances.record(
            session: code, slot: SlotStart(parsing: "2025-04-05T09:00"),
            marks: [try fixture.email(2): .absent], everyoneElse: .present, by: "Claire")
        _ = try fixture.sessions.complete(code)
        let jobs = try live().map { $0.split(separator: " ").prefix(2).joined(separator: " ") }
        #expect(
            jobs == [
                "certificate certificate:registration:1", "questionnaire-hot questionnaire-hot:registration:1",
                "questionnaire-cold questionnaire-cold:registration:1",
                "structure-questionnaire structure-questionnaire:session:1:structure:1",
            ])
        let cold = try #require(try queue.jobs(kind: "questionnaire-cold").first)
        #expect(abs(cold.runAt.timeIntervalSinceNow - 90 * 86_400) < 3600)
    }
}

extension ReactionTests {
    /// Every event is also a webhook job per endpoint, in its transaction; none without one.
    @Test func everyEventIsPostedToEachEndpoint() throws {
        let code = try schedule()
        #expect(try fixture.count("SELECT count(*) FROM job WHERE kind = 'webhook'") == 0)
        #expect(throws: TrainingError.invalid("The webhook URL “ftp://x” is not an http or https URL.")) {
            try Webhooks(fixture.store).add("ftp://x")
        }
        let first = try Webhooks(fixture.store).add("https://crm.example/a")
        let second = try Webhooks(fixture.store).add("http://127.0.0.1:9/b")
        // Each endpoint its own 256-bit secret, the one the constraint accepts.
        #expect(first.secret.count == 6 + 64 && first.secret.hasPrefix("whsec_") && first.secret != second.secret)
        #expect(throws: TrainingError.refused("The webhook https://crm.example/a is already there.")) {
            try Webhooks(fixture.store).add("https://crm.example/a")
        }
        _ = try fixture.registrations.register(fixture.email(1), in: code)
        let hooks = try queue.jobs(kind: "webhook").map { try $0.arguments(WebhookArguments.self) }
        let event = try fixture.connection.execute("SELECT id FROM event WHERE name = 'registration.confirmed'")[0]
            .decode(Int.self, at: 0)
        #expect(Set(hooks.map(\.url)) == ["https://crm.example/a", "http://127.0.0.1:9/b"])
        #expect(hooks.allSatisfy { $0.event == event && $0.name == "registration.confirmed" })
        try Webhooks(fixture.store).remove("https://crm.example/a")
        #expect(try Webhooks(fixture.store).list() == ["http://127.0.0.1:9/b"])
    }
}
