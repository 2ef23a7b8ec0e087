import Postgres
import TestSupport
import Testing

@testable import Training

/// A module's programme as published: every change to what it prints is a new dated version,
/// none is ever changed, and a session keeps the one in force when it was scheduled.
@Suite struct ProgrammeVersionTests {
    let fixture: Fixture
    var catalogue: Catalogue { Catalogue(fixture.store) }

    init() throws { fixture = try Fixture(participants: 0) }

    func editObjectives(_ objectives: [String]) throws {
        _ = try catalogue.editModule("PMAE-EMPLOI") { $0.objectives = objectives }
    }

    @Test func aChangeToWhatTheProgrammePrintsIsANewVersionAndTheOldOneStays() throws {
        try editObjectives(["Identifier les aides à l'emploi.", "  Construire une fiche de poste.  "])
        _ = try catalogue.editModule("PMAE-EMPLOI") { $0.whatToBring = "Les statuts." }
        _ = try catalogue.editModule("PMAE-EMPLOI") { $0.defaultCapacity = 14 }
        _ = try catalogue.editModule("PMAE-EMPLOI") { $0.methods = "Apports et études de cas." }
        #expect(try catalogue.programmeVersions(of: "PMAE-EMPLOI").map(\.version) == [1, 2, 3])
        let first = try catalogue.programme(of: "PMAE-EMPLOI", version: 1)
        #expect(first.objectives.isEmpty && first.methods.isEmpty)
        let second = try catalogue.programme(of: "PMAE-EMPLOI", version: 2)
        #expect(second.objectives == ["Identifier les aides à l'emploi.", "Construire une fiche de poste."])
        #expect(second.methods.isEmpty)
        let current = try catalogue.programme(of: "PMAE-EMPLOI")
        #expect(current.version == 3 && current.methods == "Apports et études de cas.")
        #expect(current.validFrom >= second.validFrom)
        #expect(
            throws: TrainingError.notFound(
                "The module PMAE-EMPLOI has no programme version 4: its versions go from 1 to 3.")
        ) {
            try catalogue.programme(of: "PMAE-EMPLOI", version: 4)
        }
    }

    @Test func aSessionKeepsTheVersionInForceWhenItWasScheduled() throws {
        try editObjectives(["Connaître le cadre."])
        let scheduled = try fixture.sessions.schedule(try fixture.caenPlan(year: 2030))
        var draftPlan = try fixture.caenPlan(year: 2031)
        draftPlan.isDraft = true
        let draft = try fixture.sessions.schedule(draftPlan)
        _ = try catalogue.editModule("PMAE-EMPLOI") {
            $0.title = "La fonction employeur"
            $0.objectives = ["Connaître le cadre.", "Recruter."]
        }
        let kept = try catalogue.programme(ofSession: scheduled.code)
        #expect(kept.version == 2 && kept.objectives == ["Connaître le cadre."])
        #expect(try fixture.sessions.session(scheduled.code).moduleTitle == "Accompagner la fonction employeur")
        #expect(try fixture.sessions.session(scheduled.code).programmeVersion == 2)

        // A draft is scheduled when it is published: it takes the version in force then.
        #expect(try catalogue.programme(ofSession: draft.code).version == 2)
        let published = try fixture.sessions.publish(draft.code)
        #expect(published.programmeVersion == 3 && published.moduleTitle == "La fonction employeur")
        #expect(try catalogue.programme(ofSession: draft.code).objectives == ["Connaître le cadre.", "Recruter."])
    }

    @Test func theDatabaseNeverChangesNorRemovesAVersion() throws {
        try editObjectives(["Connaître le cadre."])
        for statement in [
            "UPDATE module_programme SET title = 'Autre titre'", "DELETE FROM module_programme",
            "TRUNCATE module_programme CASCADE",
        ] {
            let error = try #require(throws: PostgresError.self) {
                try fixture.connection.execute(PostgresQuery(unsafeSQL: statement))
            }
            #expect(error.constraint == "module_programme_append_only")
            #expect(
                ConstraintViolation.sentence(for: "module_programme_append_only", table: "module_programme")?.sentence
                    == "A programme version is never changed nor removed: a change to the module makes a new one.")
        }
        #expect(try fixture.count("SELECT count(*) FROM module_programme WHERE title = 'Autre titre'") == 0)
        #expect(try catalogue.programmeVersions(of: "PMAE-EMPLOI").count == 2)
    }

    @Test func anObjectiveIsOneLineAndAModuleHasAtMostThirty() throws {
        #expect(
            throws: TrainingError.invalid(
                "The objective holds the character U+000A (LINE FEED): it is one line of text.")
        ) { try editObjectives(["Connaître\nle cadre."]) }
        #expect(throws: TrainingError.invalid("The objective is empty.")) { try editObjectives(["Recruter.", "  "]) }
        #expect(
            throws: TrainingError.invalid("A module has at most 30 objectives; this one would have 31.")
        ) { try editObjectives((1...31).map { "Objectif \($0)." }) }
        #expect(try catalogue.programmeVersions(of: "PMAE-EMPLOI").count == 1)

        // What a client that skips Swift's checks meets.
        let error = try #require(throws: PostgresError.self) {
            try fixture.connection.execute("UPDATE module SET objectives = \(["Deux\nlignes"])")
        }
        #expect(error.constraint == "module_objectives_list")
    }
}
