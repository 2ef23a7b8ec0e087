import Foundation
import Postgres
import TestSupport
import Testing

@testable import Training

/// The repository's French templates rendered with letters drawn from the database.
@Suite struct MessageTests {
    let fixture: Fixture
    let jobs = AtelierProcess.packageRoot.appendingPathComponent("Jobs")

    init() throws {
        fixture = try Fixture(participants: 2)
        _ = try Catalogue(fixture.store).editModule("PMAE-EMPLOI") {
            $0.whatToBring = "Les statuts de votre association."
        }
        try fixture.describeOrganisation()
    }

    func letter(_ kind: JobKind, daysBefore: Int? = nil) throws -> Letter {
        let code = try fixture.sessions.schedule(fixture.caenPlan()).code
        _ = try fixture.registrations.register(fixture.email(1), in: code)
        return try Letters(fixture.store).letter(
            kind, registration: try registrationID(), daysBefore: daysBefore,
            questionnaireLink: "https://atelier.test/q/00ff")
    }

    /// The latest registration's id.
    func registrationID() throws -> Int { try fixture.count("SELECT max(id) FROM registration") }

    @Test func aConvocationSaysWhenWhereAndWhatToBringInFrench() throws {
        let message = try #require(try MessageTemplates(folder: jobs).render(.convocation, try letter(.convocation)))
        #expect(message.subject == "Convocation\u{A0}: Accompagner la fonction employeur, jeudi 4 avril 2030")
        #expect(
            message.text.hasPrefix(
                "Bonjour Prénom1,\n\nVotre inscription à la formation «\u{202F}Accompagner la fonction employeur\u{202F}» est confirmée"
            ))
        #expect(
            message.text.contains(
                "Partie 1\u{A0}: le cadre\n  – jeudi 4 avril 2030 de 9\u{A0}h à 12\u{A0}h\u{A0}30 et de 14\u{A0}h à 17\u{A0}h\u{A0}30\n"
                    + "  – vendredi 5 avril 2030 de 9\u{A0}h à 12\u{A0}h\u{A0}30\n"))
        #expect(message.text.contains("Durée totale\u{A0}: 21\u{A0}h."))
        #expect(message.text.contains("Lieu\u{A0}: Maison des associations, 8 rue Daniel Huet, 14000 Caen."))
        #expect(message.text.contains("Formation animée par Scop Le Triangle."))
        #expect(message.text.contains("À apporter\u{A0}: Les statuts de votre association."))
        #expect(message.text.contains("Marie Durand, référent·e handicap"))
        #expect(
            message.html.contains(
                "<li>jeudi 4 avril 2030 de 9\u{A0}h à 12\u{A0}h\u{A0}30 et de 14\u{A0}h à 17\u{A0}h\u{A0}30</li>"))
        #expect(!message.text.contains("{{") && !message.html.contains("{{"))
    }

    /// Every kind, rendered: French spacing before « : ; ! ? » and inside guillemets, no HTML
    /// entity in the plain text, no blank line left by an absent value.
    @Test func everyKindIsWrittenTheFrenchWay() throws {
        let templates = try MessageTemplates(folder: jobs)
        let code = try fixture.sessions.schedule(fixture.caenPlan()).code
        _ = try fixture.registrations.register(fixture.email(1), in: code)
        let registration = try registrationID()
        let slot = try fixture.store.connection.execute(
            "SELECT sl.id FROM slot sl JOIN session s ON s.id = sl.session_id WHERE s.code = \(code) ORDER BY sl.starts_at"
        )[0].decode(Int.self, at: 0)
        for kind in JobKind.participantMessages {
            let letter = try Letters(fixture.store).letter(
                kind, registration: registration, daysBefore: 7, questionnaireLink: "https://atelier.test/q/00ff",
                signing: Letter.Signing(link: "https://atelier.test/s/00ff", personalCode: "K7PM3QXA"), slot: slot)
            let message = try #require(templates.render(kind, letter))
            for text in [message.subject, message.text, message.html] {
                for mark in [":", ";", "!", "?", "»"] {
                    #expect(!text.contains(" \(mark)"), "\(kind.rawValue): an ordinary space before \(mark)")
                }
                #expect(!text.contains("« "), "\(kind.rawValue): an ordinary space after «")
                #expect(!text.contains("\n\n\n"), "\(kind.rawValue): a blank left by an absent value")
            }
            #expect(
                !message.text.contains("&#") && !message.text.contains("&amp;"),
                "\(kind.rawValue): HTML escaping in the text")
            #expect(!message.subject.isEmpty && !message.subject.contains("\n"))
        }
        let reminder = try #require(
            templates.render(
                .reminder, try Letters(fixture.store).letter(.reminder, registration: registration, daysBefore: 1)))
        #expect(reminder.subject == "Rappel\u{A0}: «\u{202F}Accompagner la fonction employeur\u{202F}» commence demain")
    }

    /// In the templates and in the partials they include.
    @Test func theHTMLEscapesWhatTheTextSaysAsItIs() throws {
        _ = try Catalogue(fixture.store).editModule("PMAE-EMPLOI") { $0.whatToBring = "Statuts & budget <2030>" }
        var plan = try fixture.caenPlan()
        plan.partTitles = ["L'emploi & <vous>", "La suite"]
        let code = try fixture.sessions.schedule(plan).code
        _ = try fixture.registrations.register(fixture.email(1), in: code)
        let letter = try Letters(fixture.store).letter(.convocation, registration: try registrationID())
        let message = try #require(try MessageTemplates(folder: jobs).render(.convocation, letter))
        #expect(message.text.contains("À apporter\u{A0}: Statuts & budget <2030>"))
        #expect(message.text.contains("\nL'emploi & <vous>\n"))
        #expect(message.html.contains("À apporter\u{A0}: Statuts &amp; budget &lt;2030&gt;"))
        #expect(message.html.contains("<strong>L&#39;emploi &amp; &lt;vous&gt;</strong>"))
    }
}

/// A template that cannot be used stops everything, naming its file.
@Suite struct MessageTemplateCheckTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-jobs-\(UUID())")

    init() throws {
        try FileManager.default.copyItem(at: AtelierProcess.packageRoot.appendingPathComponent("Jobs"), to: folder)
    }

    func write(_ path: String, _ text: String) throws {
        try text.write(to: folder.appendingPathComponent(path), atomically: true, encoding: .utf8)
    }

    func refusal() -> MessageTemplateError? {
        do {
            _ = try MessageTemplates(folder: folder)
            return nil
        } catch {
            return error
        }
    }

    @Test func aNameTheKindDoesNotProvideIsRefused() throws {
        try write("convocation/text.mustache", "Bonjour {{participant.firstName}}, rendez-vous {{reminder.when}}.")
        #expect(
            refusal()
                == .invalid(
                    folder.appendingPathComponent("convocation/text.mustache").path,
                    "it reads {{reminder.when}}, which this kind of message does not provide"))
        try write("convocation/text.mustache", "{{#session.parts}}{{number}} {{nom}}{{/session.parts}}")
        #expect(
            refusal()
                == .invalid(
                    folder.appendingPathComponent("convocation/text.mustache").path,
                    "it reads {{nom}}, which this kind of message does not provide"))
    }

    @Test func aNameInAPartialIsCheckedForEachKindThatIncludesIt() throws {
        try write("partials/place-text.mustache", "{{session.venue.name}} {{waitlist.position}}")
        #expect(
            refusal()
                == .invalid(
                    folder.appendingPathComponent("convocation/text.mustache").path,
                    "in the partial place-text, it reads {{waitlist.position}}, which this kind of message does not provide"
                ))
    }

    @Test func aMissingFileOrAnOpenSectionIsRefused() throws {
        try FileManager.default.removeItem(at: folder.appendingPathComponent("reminder/html.mustache"))
        #expect(refusal() == .missing(folder.appendingPathComponent("reminder/html.mustache").path))
        try write("reminder/html.mustache", "{{#session.venue}}{{name}}")
        #expect(
            refusal()
                == .invalid(
                    folder.appendingPathComponent("reminder/html.mustache").path,
                    "the section {{#session.venue}} is not closed"))
        try write("reminder/html.mustache", "{{> signature}}")
        #expect(
            refusal()
                == .invalid(
                    folder.appendingPathComponent("reminder/html.mustache").path,
                    "it includes {{> signature}}, which is not in Jobs/partials/"))
    }
}
