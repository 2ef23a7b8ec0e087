import Foundation
import TestSupport
import Testing

@testable import Delivery

/// The invite of a two-part session across the change to summer time, read back by Python's
/// icalendar from a real message.
@Suite struct CalendarInviteTests {
    let paris = TimeZone(identifier: "Europe/Paris")!

    func instant(_ text: String) throws -> Date {
        try Date(text, strategy: .iso8601)
    }

    func invite(_ method: CalendarInvite.Method, sequence: Int) throws -> CalendarInvite {
        CalendarInvite(
            method: method, sequence: sequence, timeZone: paris,
            organizer: MailAddress("formation@atelier.test", displayName: "Atelier"),
            attendee: MailAddress("elodie@asso.fr", displayName: "Élodie Marchand"),
            events: [
                .init(
                    uid: "registration-7-part-1@atelier.test", start: try instant("2027-03-26T08:00:00Z"),
                    end: try instant("2027-03-26T11:30:00Z"),
                    summary: "Accompagner la fonction employeur — partie 1",
                    location: "Maison des associations, 8 rue Daniel Huet, 14000 Caen",
                    description:
                        "Apportez : les statuts de votre association; un ordinateur, si possible.\nAccès : tram T1, arrêt Quatrans."
                ),
                .init(
                    uid: "registration-7-part-2@atelier.test", start: try instant("2027-04-05T07:00:00Z"),
                    end: try instant("2027-04-05T10:30:00Z"),
                    summary: "Accompagner la fonction employeur — partie 2",
                    location: "Maison des associations, 8 rue Daniel Huet, 14000 Caen"),
            ],
            stamp: try instant("2027-03-01T10:00:00Z"))
    }

    struct NotAccepted: Error {
        let outcome: SendOutcome
    }

    func sent(_ invite: CalendarInvite) throws -> ReadMail {
        let catcher = try MailCatcher()
        let message = MailMessage(
            from: invite.organizer, to: invite.attendee, subject: "Convocation", messageID: "c.7@atelier.test",
            text: "Voir l’invitation.",
            attachments: [
                .init(
                    fileName: "invitation.ics",
                    contentType: "text/calendar; charset=UTF-8; method=\(invite.method.rawValue)",
                    bytes: invite.rendered())
            ])
        let outcome = try SMTPSender(SMTPConfiguration(url: catcher.url, tls: .opportunistic)).send(message)
        guard case .accepted = outcome else { throw NotAccepted(outcome: outcome) }
        return try #require(try ReadMail.read(catcher.messageFiles()).first)
    }

    @Test func oneEventPerPartAtItsParisTime() throws {
        let mail = try sent(try invite(.request, sequence: 0))
        #expect(mail.method == "REQUEST")
        #expect(mail.events.map(\.uid) == ["registration-7-part-1@atelier.test", "registration-7-part-2@atelier.test"])
        // 09:00 in winter time (UTC+1), then 09:00 in summer time (UTC+2).
        #expect(mail.events.map(\.start) == ["2027-03-26T09:00:00+01:00", "2027-04-05T09:00:00+02:00"])
        #expect(mail.events.map(\.end) == ["2027-03-26T12:30:00+01:00", "2027-04-05T12:30:00+02:00"])
        #expect(mail.events.allSatisfy { $0.tz == "Europe/Paris" })
        #expect(mail.events[0].location == "Maison des associations, 8 rue Daniel Huet, 14000 Caen")
        #expect(mail.events[0].summary == "Accompagner la fonction employeur — partie 1")
    }

    @Test func aCancellationSendsTheSameUIDsWithAHigherSequence() throws {
        let mail = try sent(try invite(.cancel, sequence: 2))
        #expect(mail.method == "CANCEL")
        #expect(mail.events.map(\.uid) == ["registration-7-part-1@atelier.test", "registration-7-part-2@atelier.test"])
        #expect(mail.events.map(\.sequence) == [2, 2])
    }

    @Test func linesAreFoldedAt75OctetsWithoutSplittingACharacter() throws {
        let text = String(decoding: try invite(.request, sequence: 0).rendered(), as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 75 })
        #expect(lines.contains { $0.hasPrefix(" ") })
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
        #expect(
            unfolded.contains(
                "DESCRIPTION:Apportez : les statuts de votre association\\; un ordinateur\\, si possible.\\nAccès"))
        #expect(unfolded.contains("Accès : tram T1\\, arrêt Quatrans."))
        #expect(
            unfolded.contains(
                "BEGIN:DAYLIGHT\r\nDTSTART:20270328T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nEND:DAYLIGHT"))
    }
}
