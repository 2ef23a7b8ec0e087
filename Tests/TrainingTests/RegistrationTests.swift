import Foundation
import Postgres
import TestSupport
import Testing

@testable import Training

@Suite struct RegistrationTests {
    let fixture: Fixture
    let code: String

    init() throws {
        fixture = try Fixture(participants: 5)
        var plan = try fixture.caenPlan()
        plan.capacity = 2
        code = try fixture.sessions.schedule(plan).code
    }

    @Test func beyondCapacityTheWaitlistFillsInOrder() throws {
        let statuses = try (1...4).map { try fixture.registrations.register(fixture.email($0), in: code).status }
        #expect(statuses == [.confirmed, .confirmed, .waitlisted, .waitlisted])
        let session = try fixture.sessions.session(code)
        #expect(session.confirmed == 2 && session.waitlisted == 2)
        #expect(try fixture.events("registration.waitlisted").count == 2)
    }

    @Test func cancellingAConfirmedSeatPromotesTheFirstWaitingInTheSameTransaction() throws {
        for index in 1...4 { _ = try fixture.registrations.register(fixture.email(index), in: code) }
        let promoted = try fixture.registrations.cancel(fixture.email(1), in: code)
        #expect(promoted?.email == (try fixture.email(3)))
        let list = try fixture.registrations.registrations(ofSession: code)
        #expect(list.map(\.participant.email.text) == ["p2@asso.fr", "p3@asso.fr", "p4@asso.fr", "p1@asso.fr"])
        #expect(list.map(\.status) == [.confirmed, .confirmed, .waitlisted, .cancelled])
        #expect(
            try fixture.events("registration.promoted")
                == [
                    #"{"email": "p3@asso.fr", "change": "promoted", "session": "S-2030-001", "sessionId": 1, "participantId": 3, "registrationId": 3}"#
                ])
        // Cancelling someone waiting promotes nobody.
        #expect(try fixture.registrations.cancel(fixture.email(4), in: code) == nil)
    }

    @Test func aParticipantRegistersOnceAndMayComeBackAfterCancelling() throws {
        _ = try fixture.registrations.register(fixture.email(1), in: code)
        #expect(
            throws: TrainingError.refused("p1@asso.fr is already registered for the session S-2030-001 (confirmed).")
        ) {
            try fixture.registrations.register(EmailAddress("P1@ASSO.FR"), in: code)
        }
        try fixture.registrations.cancel(fixture.email(1), in: code)
        #expect(try fixture.registrations.register(fixture.email(1), in: code).status == .confirmed)
    }

    @Test func noRegistrationOnACancelledOrCompletedSession() throws {
        _ = try fixture.sessions.cancel(code)
        #expect(throws: TrainingError.refused("The session S-2030-001 is cancelled: it takes no more registrations.")) {
            try fixture.registrations.register(fixture.email(1), in: code)
        }
        #expect(try fixture.count("SELECT count(*) FROM registration") == 0)
        // The database says the same when the Swift side is bypassed.
        let error = #expect(throws: PostgresError.self) {
            try fixture.connection.execute(
                """
                INSERT INTO registration (session_id, participant_id, status)
                SELECT s.id, p.id, 'confirmed' FROM session s, participant p WHERE p.email = 'p1@asso.fr'
                """)
        }
        #expect(error?.constraint == "registration_session_open")
    }

    @Test func unknownParticipantOrSession() throws {
        #expect(throws: TrainingError.notFound("No participant has the email x@y.fr.")) {
            try fixture.registrations.register(EmailAddress("x@y.fr"), in: code)
        }
        #expect(throws: TrainingError.notFound("No session has the code S-2030-999.")) {
            try fixture.registrations.register(fixture.email(1), in: "S-2030-999")
        }
        #expect(throws: TrainingError.notFound("p1@asso.fr is not registered for the session S-2030-001.")) {
            try fixture.registrations.cancel(fixture.email(1), in: code)
        }
    }

    @Test func theDatabaseHoldsTheCapacityToo() throws {
        for index in 1...2 { _ = try fixture.registrations.register(fixture.email(index), in: code) }
        let error = #expect(throws: PostgresError.self) {
            try fixture.connection.execute(
                """
                INSERT INTO registration (session_id, participant_id, status)
                SELECT s.id, p.id, 'confirmed' FROM session s, participant p WHERE p.email = 'p3@asso.fr'
                """)
        }
        #expect(error?.constraint == "registration_capacity")
    }

    /// Two coordinators take the last seat at the same instant, on two connections: one is
    /// confirmed, the other waitlisted. A third connection holds the session's lock while both
    /// start, so that both really wait on it together.
    @Test func twoCoordinatorsTakingTheLastSeatAtOnce() async throws {
        _ = try fixture.registrations.register(fixture.email(1), in: code)
        let database = try TestDatabase.clusterConfiguration().with(
            "dbname", fixture.connection.configuration.parameters["dbname"]!)
        let holder = try Connection(database)
        try holder.execute("BEGIN")
        try holder.execute("SELECT 1 FROM session WHERE code = \(code) FOR UPDATE")

        let code = self.code
        let outcomes = ResultBox()
        let threads = (2...3).map { index in
            Thread {
                outcomes.append(
                    Result {
                        let connection = try Connection(database)
                        return try Registrations(try .testing(connection)).register(
                            EmailAddress("p\(index)@asso.fr"), in: code
                        ).status
                    })
            }
        }
        for thread in threads { thread.start() }
        // Both are waiting on the lock: the holder's backend blocks two others.
        for _ in 0..<200 {
            let waiting = try fixture.connection.execute(
                """
                SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()
                """)[0].decode(Int.self, at: 0)
            if waiting == 2 { break }
            try await Task.sleep(for: .milliseconds(10))
        }
        try holder.execute("COMMIT")
        let statuses = try await outcomes.wait(for: 2).map { try $0.get() }
        #expect(statuses.sorted { $0.rawValue < $1.rawValue } == [.confirmed, .waitlisted])
        #expect(try fixture.sessions.session(code).confirmed == 2)
    }
}

/// Collects results from threads for an async test to await.
final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<Registration.Status, any Error>] = []

    func append(_ result: Result<Registration.Status, any Error>) {
        lock.withLock { results.append(result) }
    }

    func wait(for count: Int) async throws -> [Result<Registration.Status, any Error>] {
        for _ in 0..<1000 {
            if let done = lock.withLock({ results.count >= count ? results : nil }) { return done }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw CancellationError()
    }
}
