import Postgres
import TestSupport
import Testing

@testable import Training

@Suite struct CatalogueTests {
    let connection: Connection
    let catalogue: Catalogue

    init() throws {
        connection = try TestDatabase.migrated().connect()
        catalogue = Catalogue(try .testing(connection))
    }

    func pmae() -> Module {
        var module = Module(code: "pmae-emploi", title: "  Accompagner la fonction employeur  ", durationMinutes: 1260)
        module.objectives = ["Outiller les accompagnateurs des petites associations employeuses."]
        module.pricePerGroup = Money(cents: 360_000)
        module.competences = ["RENFORCEMENT-3", "partenariat-1", "RENFORCEMENT-3"]
        return module
    }

    func eventCount(_ name: String) throws -> Int {
        try connection.execute("SELECT count(*) FROM event WHERE name = \(name)")[0].decode(Int.self, at: 0)
    }

    @Test func theReferentialIsLoadedFromTheSeed() throws {
        let areas = try catalogue.referential()
        #expect(
            areas.filter { $0.kind == .mission }.map(\.title) == [
                "Accompagnement organisationnel", "Accompagnement inter-associatif",
                "Accompagnement de projet de territoire",
            ])
        #expect(areas.filter { $0.kind == .transversal }.count == 10)
        #expect(areas.filter { $0.kind == .specific }.count == 7)
        let partenariat = try #require(areas.first { $0.code == "PARTENARIAT" })
        #expect(
            partenariat.competences.first
                == .init(code: "PARTENARIAT-1", title: "Identifier des partenaires potentiels"))
        #expect(areas.flatMap(\.competences).count == 64)
    }

    @Test func addsAModuleNormalisedWithItsCompetencesAndAnEvent() throws {
        let added = try catalogue.addModule(pmae())
        #expect(added.code == "PMAE-EMPLOI")
        #expect(added.title == "Accompagner la fonction employeur")
        #expect(added.competences == ["PARTENARIAT-1", "RENFORCEMENT-3"])
        #expect(try catalogue.module("Pmae-Emploi") == added)
        #expect(try eventCount("module.added") == 1)
    }

    @Test func aDuplicateCodeIsRefusedAndChangesNothing() throws {
        _ = try catalogue.addModule(pmae())
        #expect(throws: TrainingError.refused("A module already has the code PMAE-EMPLOI.")) {
            try catalogue.addModule(pmae())
        }
        #expect(try catalogue.modules().count == 1)
        #expect(try eventCount("module.added") == 1)
    }

    @Test func anUnknownCompetenceRollsTheModuleBack() throws {
        var module = pmae()
        module.competences = ["VEILLE-1", "VEILLE-99"]
        #expect(
            throws: TrainingError.notFound(
                "No competence of the référentiel has the code VEILLE-99: `atelier module competences` lists them.")
        ) {
            try catalogue.addModule(module)
        }
        #expect(try catalogue.modules().isEmpty)
        #expect(try eventCount("module.added") == 0)
    }

    @Test func invalidFieldsAreNamed() throws {
        var module = pmae()
        module.code = "PMAE EMPLOI"
        #expect(
            throws: TrainingError.invalid(
                "The module code “PMAE EMPLOI” is not valid: use 2 to 30 letters, digits and dashes, like PMAE-EMPLOI.")
        ) {
            try catalogue.addModule(module)
        }
        module = pmae()
        module.title = String(repeating: "é", count: 201)
        #expect(throws: TrainingError.invalid("The title is 201 characters long; the most is 200.")) {
            try catalogue.addModule(module)
        }
        module = pmae()
        module.defaultCapacity = 0
        #expect(throws: TrainingError.invalid("The capacity 0 is out of range: it goes from 1 to 500.")) {
            try catalogue.addModule(module)
        }
    }

    @Test func editKeepsTheCodeAndReplacesCompetences() throws {
        _ = try catalogue.addModule(pmae())
        let edited = try catalogue.editModule("PMAE-EMPLOI") { module in
            module.durationMinutes = 630
            module.competences = ["VEILLE-2"]
            module.code = "OTHER"
        }
        #expect(edited.code == "PMAE-EMPLOI" && edited.durationMinutes == 630 && edited.competences == ["VEILLE-2"])
        #expect(try catalogue.module("PMAE-EMPLOI") == edited)
    }

    @Test func archivedModulesLeaveTheList() throws {
        _ = try catalogue.addModule(pmae())
        try catalogue.archiveModule("PMAE-EMPLOI")
        #expect(try catalogue.modules().isEmpty)
        #expect(try catalogue.modules(includingArchived: true).map(\.archived) == [true])
        #expect(throws: TrainingError.refused("The module PMAE-EMPLOI is already archived.")) {
            try catalogue.archiveModule("PMAE-EMPLOI")
        }
        #expect(throws: TrainingError.notFound("No module has the code NOPE.")) { try catalogue.archiveModule("nope") }
    }

    @Test func trainersVenuesAndFunders() throws {
        var scop = Trainer(code: "SCOP-TRIANGLE", name: "Scop Le Triangle")
        scop.kind = .organisation
        scop.email = try EmailAddress("contact@letriangle.coop")
        _ = try catalogue.addTrainer(scop)
        #expect(try catalogue.trainer("scop-triangle") == scop)
        #expect(throws: TrainingError.refused("A trainer already has the code SCOP-TRIANGLE.")) {
            try catalogue.addTrainer(scop)
        }

        var venue = Venue(
            code: "MDA-CAEN", name: "Maison des associations", street: "8 rue Daniel Huet", postalCode: "14000",
            city: "Caen")
        venue.isStepFree = true
        _ = try catalogue.addVenue(venue)
        #expect(try catalogue.venues() == [venue])
        venue.code = "ELSEWHERE"
        venue.postalCode = "1400"
        #expect(throws: TrainingError.invalid("The postal code “1400” is not valid: it is 5 digits.")) {
            try catalogue.addVenue(venue)
        }

        _ = try catalogue.addFunder(
            Funder(code: "UNIFORMATION", name: "Uniformation (OPCO Cohésion sociale)", kind: .opco))
        #expect(try catalogue.funder("uniformation").kind == .opco)
        #expect(throws: TrainingError.notFound("No funder has the code AFDAS.")) { try catalogue.funder("AFDAS") }
    }
}
