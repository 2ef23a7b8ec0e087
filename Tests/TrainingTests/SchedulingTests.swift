import Foundation
import Postgres
import Testing

@testable import Training

@Suite struct SchedulingTests {
    let fixture: Fixture

    init() throws { fixture = try Fixture(participants: 0) }

    @Test func theCaenModuleIsTwoPartsOfADayAndAHalf() throws {
        let session = try fixture.sessions.schedule(try fixture.caenPlan())
        #expect(session.code == "S-2030-001")
        #expect(session.status == .scheduled)
        #expect(session.parts.map(\.title) == ["Partie 1 : le cadre", "Partie 2 : la pratique"])
        #expect(session.parts.map(\.slots.count) == [3, 3])
        #expect(session.plannedMinutes == 1260)
        #expect(session.slots.allSatisfy { $0.venue == "MDA-CAEN" && $0.trainers == ["TRIANGLE"] })
        #expect(session.capacity == 12)
        #expect(French.date(session.firstDay!, in: fixture.paris) == "jeudi 4 avril 2030")
        #expect(session.slots[1].halfDay(in: fixture.paris) == "après-midi")
        #expect(
            try fixture.events("session.scheduled") == [
                #"{"change": "scheduled", "session": "S-2030-001", "sessionId": 1}"#
            ])
        // The next one of the year takes the next number.
        var plan = try fixture.caenPlan()
        plan.slots = [try SlotSpec(parsing: "2030-06-03T09:00-12:00")]
        plan.partTitles = []
        #expect(try fixture.sessions.schedule(plan).code == "S-2030-002")
    }

    @Test func aTrainerCannotBeInTwoOverlappingSlots() throws {
        _ = try fixture.sessions.schedule(try fixture.caenPlan())
        var plan = try fixture.caenPlan()
        plan.slots = [try SlotSpec(parsing: "2030-04-18T11:00-13:00")]
        plan.partTitles = []
        #expect(
            throws: TrainingError.refused(
                "The trainer TRIANGLE is already booked during the slot 2030-04-18T11:00-13:00, in the session S-2030-001."
            )
        ) {
            try fixture.sessions.schedule(plan)
        }
        #expect(try fixture.count("SELECT count(*) FROM session") == 1)
        // Another trainer is free then; and the database itself refuses a double booking.
        plan.trainers = ["MARIE"]
        _ = try fixture.sessions.schedule(plan)
        let error = #expect(throws: PostgresError.self) {
            try fixture.connection.execute(
                """
                INSERT INTO slot_trainer (slot_id, trainer_id, starts_at, ends_at, cancelled)
                SELECT s.id, t.id, s.starts_at, s.ends_at, false FROM slot s, trainer t
                WHERE t.code = 'TRIANGLE' AND s.starts_at = '2030-04-18 11:00+02'
                """)
        }
        #expect(error?.constraint == "slot_trainer_no_overlap")
    }

    @Test func badSlotsAreRefusedBeforeAnythingIsWritten() throws {
        #expect(throws: TrainingError.invalid("The date 2030-02-30 does not exist.")) {
            try SlotSpec(parsing: "2030-02-30T09:00-12:00")
        }
        #expect(
            throws: TrainingError.invalid(
                "The slot 2030-04-04T12:30-09:00 ends before it starts: a slot lies within one day, so one that crosses midnight is two slots."
            )
        ) {
            try SlotSpec(parsing: "2030-04-04T12:30-09:00")
        }
        #expect(
            throws: TrainingError.invalid(
                "The slot 2030-04-04T22:00-01:00 ends before it starts: a slot lies within one day, so one that crosses midnight is two slots."
            )
        ) {
            try SlotSpec(parsing: "2030-04-04T22:00-01:00")
        }
        #expect(
            throws: TrainingError.invalid(
                "The slot 2030-04-04T09:00-09:00 lasts no time: it starts and ends at the same minute.")
        ) {
            try SlotSpec(parsing: "2030-04-04T09:00-09:00")
        }
        #expect(throws: TrainingError.self) { try SlotSpec(parsing: "2030-04-04T25:00-26:00") }
        var plan = try fixture.caenPlan()
        plan.slots.append(try SlotSpec(parsing: "2030-04-04T12:00-13:00"))
        #expect(throws: TrainingError.invalid("The slots 2030-04-04T09:00-12:30 and 2030-04-04T12:00-13:00 overlap.")) {
            try fixture.sessions.schedule(plan)
        }
        plan = try fixture.caenPlan(year: 2020)
        #expect(
            throws: TrainingError.invalid(
                "The slot 2020-04-04T09:00-12:30 is in the past: add --past to record a session already given.")
        ) {
            try fixture.sessions.schedule(plan)
        }
        plan.partTitles = ["un", "deux", "trois"]
        plan.recordsPast = true
        #expect(
            throws: TrainingError.invalid("There are 3 part titles for 2 parts: a part is a run of consecutive days.")
        ) {
            try fixture.sessions.schedule(plan)
        }
        #expect(try fixture.count("SELECT count(*) FROM session") == 0)
        #expect(try fixture.count("SELECT count(*) FROM session_code_counter") == 0)
    }

    @Test func unknownReferencesAreNamed() throws {
        var plan = try fixture.caenPlan()
        plan.module = "NOPE"
        #expect(throws: TrainingError.notFound("No module has the code NOPE.")) { try fixture.sessions.schedule(plan) }
        plan = try fixture.caenPlan()
        plan.venue = "NOWHERE"
        #expect(throws: TrainingError.notFound("No venue has the code NOWHERE.")) {
            try fixture.sessions.schedule(plan)
        }
        plan = try fixture.caenPlan()
        plan.trainers = ["GHOST"]
        #expect(throws: TrainingError.notFound("No trainer has the code GHOST.")) {
            try fixture.sessions.schedule(plan)
        }
        #expect(throws: TrainingError.notFound("No session has the code S-2030-404.")) {
            try fixture.sessions.session("s-2030-404")
        }
    }

    @Test func aPastSessionCanBeRecordedExplicitly() throws {
        let session = try fixture.sessions.schedule(try fixture.caenPlan(year: 2025, past: true))
        #expect(session.code == "S-2025-001")
    }

    @Test func cancellingFreesTheTrainersAndClosesTheSession() throws {
        let first = try fixture.sessions.schedule(try fixture.caenPlan())
        _ = try fixture.sessions.cancel(first.code)
        let second = try fixture.sessions.schedule(try fixture.caenPlan())
        #expect(second.slots.first?.trainers == ["TRIANGLE"])
        #expect(throws: TrainingError.refused("The session S-2030-001 is cancelled: it cannot be cancelled.")) {
            try fixture.sessions.cancel(first.code)
        }
        #expect(try fixture.events("session.cancelled").count == 1)
    }

    @Test func rescheduleMovesTheSlotsAndKeepsTrainersAndVenue() throws {
        let session = try fixture.sessions.schedule(try fixture.caenPlan())
        var plan = try fixture.caenPlan(year: 2031)
        plan.venue = nil
        plan.trainers = []
        plan.partTitles = []
        let moved = try fixture.sessions.reschedule(session.code, to: plan)
        #expect(moved.code == session.code)
        #expect(LocalDate(moved.firstDay!, in: fixture.paris).description == "2031-04-04")
        #expect(moved.parts.map(\.title) == session.parts.map(\.title))
        #expect(moved.slots.allSatisfy { $0.venue == "MDA-CAEN" && $0.trainers == ["TRIANGLE"] })
        #expect(try fixture.events("session.rescheduled").count == 1)
    }

    @Test func listsByPeriodAndStatus() throws {
        _ = try fixture.sessions.schedule(try fixture.caenPlan())
        let other = try fixture.sessions.schedule(try fixture.caenPlan(year: 2031))
        _ = try fixture.sessions.cancel(other.code)
        #expect(try fixture.sessions.sessions().map(\.code) == ["S-2030-001", "S-2031-001"])
        #expect(
            try fixture.sessions.sessions(from: LocalDate(parsing: "2030-04-19"), to: LocalDate(parsing: "2030-12-31"))
                .map(\.code) == ["S-2030-001"])
        #expect(try fixture.sessions.sessions(from: LocalDate(parsing: "2030-04-20")).map(\.code) == ["S-2031-001"])
        #expect(try fixture.sessions.sessions(status: .cancelled).map(\.code) == ["S-2031-001"])
    }

    @Test func aDraftIsAnnouncedOnlyWhenPublished() throws {
        var plan = try fixture.caenPlan()
        plan.isDraft = true
        let draft = try fixture.sessions.schedule(plan)
        #expect(draft.status == .draft)
        #expect(try fixture.events("session.scheduled").isEmpty)
        #expect(try fixture.sessions.publish(draft.code).status == .scheduled)
        #expect(try fixture.events("session.scheduled").count == 1)
        #expect(throws: TrainingError.refused("The session S-2030-001 is scheduled: not a draft.")) {
            try fixture.sessions.publish(draft.code)
        }
        _ = try fixture.sessions.cancel(draft.code)
        #expect(
            throws: TrainingError.refused(
                "The session S-2030-001 is cancelled: only a scheduled session can be completed.")
        ) {
            try fixture.sessions.complete(draft.code)
        }
    }

    /// The night the clocks go back, 02:30 happens twice in Paris: the slot's length would be a
    /// guess (60 or 120 minutes). The night they go forward, 02:30 never happens.
    @Test func timesTheClocksSkipOrRepeatAreRefused() throws {
        let paris = fixture.paris
        #expect(
            throws: TrainingError.invalid(
                "The slot 2027-10-31T02:30-03:30 uses 02:30, a time that happens twice on 2027-10-31 in Europe/Paris: the clocks go back over it."
            )
        ) {
            try SlotSpec(parsing: "2027-10-31T02:30-03:30").interval(in: paris)
        }
        #expect(
            throws: TrainingError.invalid(
                "The slot 2027-03-28T02:30-04:00 uses 02:30, a time that does not exist on 2027-03-28 in Europe/Paris: the clocks go forward over it."
            )
        ) {
            try SlotSpec(parsing: "2027-03-28T02:30-04:00").interval(in: paris)
        }
        let (start, end) = try SlotSpec(parsing: "2027-10-31T01:30-04:00").interval(in: paris)
        #expect(end.timeIntervalSince(start) == 3.5 * 3600)
    }

    /// In Beirut the clocks go from 00:00 to 01:00 on 26 March 2028: that day has no midnight,
    /// and listing it still works.
    @Test func aZoneWhoseDaySkipsMidnightListsItsSessions() throws {
        let beirut = try #require(TimeZone(identifier: "Asia/Beirut"))
        let sessions = Sessions(try .testing(fixture.connection, timeZone: beirut))
        var plan = SessionPlan(module: "PMAE-EMPLOI", slots: [try SlotSpec(parsing: "2028-03-26T09:00-12:00")])
        plan.recordsPast = true
        let code = try sessions.schedule(plan).code
        let day = try LocalDate(parsing: "2028-03-26")
        #expect(day.start(in: beirut) == Date(timeIntervalSince1970: 1_837_634_400))  // 01:00 at UTC+3
        #expect(try sessions.sessions(from: day, to: day).map(\.code) == [code])
        #expect(try sessions.sessions(to: LocalDate(parsing: "2028-03-25")).map(\.code) == [])
        #expect(try sessions.sessions(from: LocalDate(parsing: "2028-03-27")).map(\.code) == [])
    }

    /// The database checks a slot's day in the zone it was entered in: 06:00–09:00 in Tokyo is
    /// one day there, though it crosses midnight in Paris.
    @Test func theSameDayCheckUsesTheSlotsZone() throws {
        let tokyo = try #require(TimeZone(identifier: "Asia/Tokyo"))
        var plan = SessionPlan(module: "PMAE-EMPLOI", slots: [try SlotSpec(parsing: "2030-04-04T06:00-09:00")])
        plan.recordsPast = true
        _ = try Sessions(try .testing(fixture.connection, timeZone: tokyo)).schedule(plan)
        let error = #expect(throws: PostgresError.self) {
            try fixture.connection.execute("UPDATE slot SET time_zone = 'Europe/Paris'")
        }
        #expect(error?.constraint == "slot_within_one_day")
    }
}
