import Delivery
import Foundation
import TestSupport
import Testing

/// Messages built in Swift, sent through libcurl to a real SMTP server, read back by Python.
@Suite struct SMTPSenderTests {
    let catcher: MailCatcher
    let sender: SMTPSender

    init() throws {
        catcher = try MailCatcher()
        sender = try SMTPSender(SMTPConfiguration(url: catcher.url, tls: .opportunistic))
    }

    func message(to address: String = "elodie@asso.fr", id: String = "convocation.1.p1@atelier.test") -> MailMessage {
        MailMessage(
            from: MailAddress("formation@atelier.test", displayName: "Atelier — Maison des associations"),
            to: MailAddress(address, displayName: "Élodie Marchand"),
            replyTo: MailAddress("coordination@atelier.test"),
            subject: "Convocation : « Accompagner la fonction employeur », lundi 5 avril 2027",
            date: Date(timeIntervalSince1970: 1_806_390_000),
            messageID: id,
            text:
                "Bonjour Élodie,\n\nVous êtes attendue lundi 5 avril 2027 de 9 h à 12 h 30 à la Maison des associations, 8 rue Daniel Huet, 14000 Caen. "
                + "Merci d’apporter les documents de votre association ; à bientôt !\n.\nUne ligne qui commence par un point.",
            html:
                "<p>Bonjour Élodie,</p><p>Vous êtes attendue <strong>lundi 5 avril 2027 de 9 h à 12 h 30</strong>.</p>",
            attachments: [
                .init(
                    fileName: "convocation.ics", contentType: "text/calendar; method=REQUEST; charset=UTF-8",
                    bytes: Array("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n".utf8))
            ])
    }

    @Test func aFrenchMessageArrivesAsWritten() throws {
        let outcome = sender.send(message())
        guard case .accepted(let reply) = outcome else {
            Issue.record("not accepted: \(outcome)")
            return
        }
        #expect(reply.hasPrefix("250 2.0.0 Ok: queued as 1"))
        let mail = try #require(try ReadMail.read(catcher.messageFiles()).first)
        #expect(mail.subject == "Convocation : « Accompagner la fonction employeur », lundi 5 avril 2027")
        #expect(mail.fromName == "Atelier — Maison des associations")
        #expect(mail.toName == "Élodie Marchand")
        #expect(mail.to == "elodie@asso.fr")
        #expect(mail.replyTo == "coordination@atelier.test")
        #expect(mail.messageId == "<convocation.1.p1@atelier.test>")
        #expect(mail.date == "Tue, 30 Mar 2027 07:00:00 +0000")
        #expect(mail.contentType == "multipart/mixed")
        #expect(mail.parts.map(\.type) == ["text/plain", "text/html", "text/calendar"])
        #expect(mail.parts[0].text == message().text)
        #expect(mail.parts[1].text == message().html)
        #expect(mail.parts[2].filename == "convocation.ics")
        #expect(mail.longestLine.count <= 78, "\(mail.longestLine)")
        #expect(mail.bareLineFeeds == 0)
    }

    @Test func consecutiveMessagesShareOneConnection() throws {
        for index in 1...200 {
            guard case .accepted = sender.send(message(id: "reminder.\(index)@atelier.test")) else {
                Issue.record("message \(index) not accepted")
                return
            }
        }
        #expect(catcher.messageFiles().count == 200)
        #expect(catcher.connections == 1)
    }

    @Test func aBusyMailboxIsDeferredAndAnUnknownOneRefused() throws {
        try catcher.setRules(["451 busy@asso.fr 1", "550 nobody@asso.fr"])
        #expect(
            sender.send(message(to: "busy@asso.fr"))
                == .deferred(reason: "451 4.2.0 Mailbox busy, try again later (RCPT failed: 451)"))
        guard case .accepted = sender.send(message(to: "busy@asso.fr")) else {
            Issue.record("the second try was not accepted")
            return
        }
        #expect(
            sender.send(message(to: "nobody@asso.fr"))
                == .refused(reason: "550 5.1.1 No such user here (RCPT failed: 550)"))
        #expect(catcher.messageFiles().count == 1)
    }

    @Test func aServerThatIsDownIsDeferred() throws {
        catcher.stop()
        guard case .deferred(let reason) = sender.send(message()) else {
            Issue.record("not deferred")
            return
        }
        #expect(
            reason.hasPrefix("Failed to connect to 127.0.0.1 port ") && reason.hasSuffix(": Couldn't connect to server")
        )
        try catcher.start()
        guard case .accepted = sender.send(message()) else {
            Issue.record("not accepted after the restart")
            return
        }
    }
}
