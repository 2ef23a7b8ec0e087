import Foundation
import Postgres
import Testing

@testable import Training

@Suite struct AttendanceTests {
    let fixture: Fixture
    let code: String

    init() throws {
        fixture = try Fixture(participants: 3)
        code = try fixture.sessions.schedule(try fixture.caenPlan(year: 2025, past: true)).code
        for index in 1...3 { _ = try fixture.registrations.register(fixture.email(index), in: code) }
    }

    func start(_ text: String) throws -> SlotStart { try SlotStart(parsing: text) }

    var allStarts: [String] {
        [
            "2025-04-04T09:00", "2025-04-04T14:00", "2025-04-05T09:00", "2025-04-18T09:00", "2025-04-18T14:00",
            "2025-04-19T09:00",
        ]
    }

    @Test func presentCountsAndExcusedDoesNot() throws {
        try fixture.attendances.record(
            session: code, slot: start("2025-04-18T14:00"),
            marks: [try fixture.email(2): .excused, try fixture.email(3): .absent], by: "Claire")
        for text in allStarts {
            try fixture.attendances.record(
                session: code, slot: start(text), marks: [:], everyoneElse: .present, by: "Claire")
        }
        let sheet = try fixture.attendances.sheet(session: code)
        #expect(sheet.plannedMinutes == 1260)
        #expect(sheet.lines.map(\.attendedMinutes) == [1260, 1050, 1050])
        #expect(sheet.lines[1].marks[4] == .excused)
        #expect(sheet.isComplete)
    }

    @Test func completingNeedsEverySlotOfEveryConfirmedParticipant() throws {
        for text in allStarts.dropLast() {
            try fixture.attendances.record(
                session: code, slot: start(text), marks: [:], everyoneElse: .present, by: "Claire")
        }
        try fixture.attendances.record(
            session: code, slot: start("2025-04-19T09:00"), marks: [try fixture.email(1): .present], by: "Claire")
        #expect(
            throws: TrainingError.refused(
                "The session S-2025-001 cannot be completed: attendance is missing for Prénom2 NOM2 on samedi 19 avril 2025 at 9\u{00A0}h, Prénom3 NOM3 on samedi 19 avril 2025 at 9\u{00A0}h."
            )
        ) {
            try fixture.sessions.complete(code)
        }
        try fixture.attendances.record(
            session: code, slot: start("2025-04-19T09:00"), marks: [:], everyoneElse: .absent, by: "Claire")
        #expect(try fixture.sessions.complete(code).status == .completed)
        #expect(try fixture.events("session.completed").count == 1)
    }

    @Test func attendanceIsFrozenAfterCompletionButCanBeCorrected() throws {
        for text in allStarts {
            try fixture.attendances.record(
                session: code, slot: start(text), marks: [:], everyoneElse: .present, by: "Claire")
        }
        _ = try fixture.sessions.complete(code)
        #expect(
            throws: TrainingError.refused(
                "The session S-2025-001 is completed: its attendance is frozen; change it with `atelier attendance correct`."
            )
        ) {
            try fixture.attendances.record(
                session: code, slot: start("2025-04-04T09:00"), marks: [try fixture.email(1): .absent], by: "Claire")
        }
        // The database refuses it too.
        let error = #expect(throws: PostgresError.self) {
            try fixture.connection.execute("UPDATE attendance SET status = 'absent'")
        }
        #expect(error?.constraint == "attendance_frozen")
        let deletion = #expect(throws: PostgresError.self) { try fixture.connection.execute("DELETE FROM attendance") }
        #expect(deletion?.constraint == "attendance_frozen")

        try fixture.attendances.record(
            session: code, slot: start("2025-04-04T09:00"), marks: [try fixture.email(1): .excused],
            by: "Claire", correcting: "feuille papier signée retrouvée")
        #expect(try fixture.attendances.sheet(session: code).lines[0].attendedMinutes == 1050)
        #expect(try fixture.events("attendance.corrected").count == 1)
    }

    @Test func refusedMarks() throws {
        #expect(throws: TrainingError.notFound("The session S-2025-001 has no slot starting at 2025-04-04T10:00.")) {
            try fixture.attendances.record(
                session: code, slot: start("2025-04-04T10:00"), marks: [:], everyoneElse: .present, by: "Claire")
        }
        #expect(throws: TrainingError.refused("x@y.fr is not a confirmed participant of the session S-2025-001.")) {
            try fixture.attendances.record(
                session: code, slot: start("2025-04-04T09:00"), marks: [try EmailAddress("x@y.fr"): .present],
                by: "Claire")
        }
        let future = try fixture.sessions.schedule(try fixture.caenPlan(year: 2031))
        _ = try fixture.registrations.register(fixture.email(1), in: future.code)
        #expect(
            throws: TrainingError.refused(
                "The slot of vendredi 4 avril 2031 at 9\u{00A0}h has not started: attendance is recorded once it has begun."
            )
        ) {
            try fixture.attendances.record(
                session: future.code, slot: start("2031-04-04T09:00"), marks: [:], everyoneElse: .present, by: "Claire")
        }
        #expect(try fixture.count("SELECT count(*) FROM attendance") == 0)
    }

    /// A second `record` only fills the marks still missing; changing one is a correction.
    @Test func recordingAgainNeverChangesAMark() throws {
        let slot = try start("2025-04-04T09:00")
        #expect(
            try fixture.attendances.record(
                session: code, slot: slot, marks: [try fixture.email(1): .absent], by: "Claire") == 1)
        #expect(
            try fixture.attendances.record(session: code, slot: slot, marks: [:], everyoneElse: .present, by: "Claire")
                == 2)
        #expect(
            try fixture.attendances.record(session: code, slot: slot, marks: [:], everyoneElse: .present, by: "Claire")
                == 0)
        #expect(
            try fixture.attendances.record(
                session: code, slot: slot, marks: [try fixture.email(1): .absent], by: "Claire") == 0)
        #expect(
            try fixture.attendances.sheet(session: code).lines.map { $0.marks[0] } == [.absent, .present, .present])
        #expect(
            throws: TrainingError.refused(
                "p1@asso.fr is already marked absent for this slot: change it with `atelier attendance correct`.")
        ) {
            try fixture.attendances.record(
                session: code, slot: slot, marks: [try fixture.email(1): .present], by: "Claire")
        }
        #expect(
            try fixture.attendances.record(
                session: code, slot: slot, marks: [try fixture.email(1): .present], by: "Claire",
                correcting: "feuille papier signée retrouvée") == 1)
        #expect(try fixture.attendances.sheet(session: code).lines[0].marks[0] == .present)
        #expect(try fixture.events("attendance.corrected").count == 1)
        #expect(try fixture.events("attendance.recorded").count == 2)
    }

    /// Completion waits for the last slot's end, in Swift and in the database's trigger.
    @Test func aSessionIsCompletedOnlyOnceItIsOver() throws {
        let future = try fixture.sessions.schedule(try fixture.caenPlan(year: 2031))
        #expect(
            throws: TrainingError.refused(
                "The session \(future.code) is not over: its last slot ends samedi 19 avril 2031 at 12\u{00A0}h\u{00A0}30; complete it after that."
            )
        ) {
            try fixture.sessions.complete(future.code)
        }
        let error = #expect(throws: PostgresError.self) {
            try fixture.connection.execute(
                "UPDATE session SET status = 'completed', completed_at = now() WHERE code = \(future.code)")
        }
        #expect(error?.constraint == "session_ended")
        #expect(try fixture.sessions.session(future.code).status == .scheduled)
        #expect(try fixture.sessions.cancel(future.code).status == .cancelled)
    }
}
