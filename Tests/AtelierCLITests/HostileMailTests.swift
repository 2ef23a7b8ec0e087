import Foundation
import Postgres
import TestSupport
import Testing
import Training

/// Names and addresses that would change a message's meaning or lose it, and settings that
/// would show a password: each through the binary, read back by the real server or Python.
extension MailChainTests {
    func addParticipant(_ first: String, _ last: String, _ email: String) throws {
        _ = try People(store).addParticipant(
            Participant(firstName: first, lastName: last, email: try EmailAddress(email)))
        _ = try Registrations(store).register(EmailAddress(email), in: code)
    }

    /// Python's email package (as mail clients) decodes an encoded word wherever it finds one:
    /// a first name spelled as one must reach the mailbox as typed, and add no header.
    @Test func aNameThatLooksLikeAnEncodedWordReachesTheMailboxAsTyped() throws {
        try addParticipant("=?UTF-8?B?QmNjOiBldmlsQHguZnI=?=", "Martin", "p@asso.fr")
        #expect(try atelier("worker", "--until-idle").status == 0)
        let mail = try #require(try ReadMail.read(catcher.messageFiles()).first)
        #expect(mail.toName == "=?UTF-8?B?QmNjOiBldmlsQHguZnI=?= Martin")
        #expect(mail.bcc == nil)
        #expect(catcher.envelopes.map { Array($0.dropFirst()) } == [["p@asso.fr"]])
    }

    @Test func anInternationalDomainGoesOutAsItsALabels() throws {
        try addParticipant("Anne", "Café", "anne@café.fr")
        #expect(try atelier("worker", "--until-idle").status == 0)
        #expect(catcher.envelopes.map { Array($0.dropFirst()) } == [["anne@xn--caf-dma.fr"]])
        #expect(try ReadMail.read(catcher.messageFiles()).map(\.to) == ["anne@xn--caf-dma.fr"])
        #expect(try count("SELECT count(*) FROM delivery WHERE state = 'accepted' AND recipient = 'anne@café.fr'") == 1)
    }

    /// The catcher offers no SMTPUTF8: it cannot take `andré@`, which another relay would.
    @Test func aLocalPartOutsideASCIIIsDeferredByARelayWithoutSMTPUTF8() throws {
        try addParticipant("André", "Marchand", "andré@asso.fr")
        #expect(try atelier("worker", "--until-idle").status == 0)
        #expect(catcher.messageFiles().isEmpty)
        let error = try store.connection.execute(
            "SELECT state::text, errors -> -1 ->> 'message' FROM job WHERE kind = 'convocation'"
        ).map { try $0.decode((String, String).self) }
        #expect(error.count == 1)
        #expect(error.first?.0 == "retryable")
        #expect(
            error.first?.1.hasPrefix(
                "not delivered yet: the address has letters outside ASCII before its @, which this relay does not take (it needs SMTPUTF8): 500 "
            ) == true)
        #expect(try count("SELECT count(*) FROM delivery") == 0)
    }

    @Test func aSenderWithALineBreakIsRefusedAtStart() throws {
        try addParticipants(1)
        try register(1)
        let before = try database.fingerprint()
        for command in [["worker", "--until-idle"], ["mail", "test", "x@asso.fr"]] {
            let refused = try AtelierProcess.run(
                command,
                environment: base.merging(["ATELIER_MAIL_FROM": "Atelier\r\nBcc: evil@x.fr <formation@asso.fr>"]) {
                    $1
                })
            #expect(refused.status == 78)
            #expect(
                refused.standardError
                    == "The setting mail.from (from environment ATELIER_MAIL_FROM) holds a line break or another control character.\n"
            )
        }
        #expect(try database.fingerprint() == before)
        #expect(catcher.messageFiles().isEmpty)
    }

    /// On success, on refusal and with the relay away, the URL is shown without its password.
    @Test func mailTestNeverPrintsThePassword() throws {
        let url = catcher.url.replacingOccurrences(of: "smtp://", with: "smtp://atelier:s3cret@")
        let shown = catcher.url.replacingOccurrences(of: "smtp://", with: "smtp://atelier:********@")
        let environment = ["ATELIER_SMTP_URL": url, "ATELIER_SMTP_TLS": "opportunistic"]
        let accepted = try atelier("mail", "test", "coordination@asso.fr", environment: environment)
        #expect(accepted.status == 0)
        #expect(accepted.standardOutput.hasPrefix("\(shown) accepted the message to coordination@asso.fr: 250"))
        try catcher.setRules(["550 nobody@asso.fr"])
        let refused = try atelier("mail", "test", "nobody@asso.fr", environment: environment)
        #expect(refused.status == 69)
        #expect(refused.standardError.hasPrefix("\(shown) refused the message to nobody@asso.fr: 550"))
        catcher.stop()
        let away = try atelier("mail", "test", "coordination@asso.fr", environment: environment)
        #expect(away.status == 75)
        #expect(away.standardError.hasPrefix("\(shown) could not take the message now: "))
        for outcome in [accepted, refused, away] {
            #expect(!(outcome.standardOutput + outcome.standardError).contains("s3cret"))
        }
    }

    /// The login of a webhook URL is the receiver's secret: it is masked in every listing and
    /// log, left out of the delivery record, and still used for the call.
    @Test func aWebhookURLNeverShowsItsPassword() throws {
        let receiver = try WebhookReceiver()
        let url = receiver.url().replacingOccurrences(of: "http://", with: "http://crm:s3cret@")
        let shown = receiver.url().replacingOccurrences(of: "http://", with: "http://crm:********@")
        let added = try atelier("webhook", "add", url)
        #expect(added.standardOutput.hasPrefix("Every event will be POSTed to \(shown), signed"))
        receiver.secret = try #require(added.standardOutput.split(separator: "\n").last.map(String.init))
        try receiver.answer([500])
        try addParticipants(1)
        _ = try atelier("participant", "edit", "p1@asso.fr", "--city", "Caen")
        let list = try atelier("webhook", "list")
        #expect(list.standardOutput == "\(shown)\n")
        let jobs = try atelier("jobs", "list", "--json")
        let id = try count("SELECT id FROM job WHERE kind = 'webhook'")
        let show = try atelier("jobs", "show", String(id))
        let first = try atelier("worker", "--until-idle")
        Thread.sleep(forTimeInterval: 1.5)
        let second = try atelier("worker", "--until-idle")
        #expect(try receiver.requests().map(\.status) == [500, 200])
        #expect(try receiver.requests().allSatisfy { $0.signatureValid == true })
        let recipient = try store.connection.execute("SELECT recipient FROM delivery WHERE channel = 'webhook'")
            .map { try $0.decode(String.self, at: 0) }
        #expect(recipient == [receiver.url()])
        for outcome in [added, list, jobs, show, first, second] {
            #expect(!(outcome.standardOutput + outcome.standardError).contains("s3cret"))
        }
        #expect(show.standardOutput.contains(shown))
    }

    /// Removing an endpoint stops new events; those already queued for it are still POSTed, as
    /// the help says.
    @Test func aRemovedWebhookStillReceivesWhatWasQueuedForIt() throws {
        let receiver = try WebhookReceiver()
        let added = try atelier("webhook", "add", receiver.url())
        receiver.secret = try #require(added.standardOutput.split(separator: "\n").last.map(String.init))
        try addParticipants(1)
        _ = try atelier("participant", "edit", "p1@asso.fr", "--city", "Caen")
        let removed = try atelier("webhook", "remove", receiver.url())
        #expect(removed.status == 0)
        #expect(
            removed.standardOutput
                == "Events are no longer POSTed to \(receiver.url()); those already queued for it still are.\n")
        #expect(try atelier("webhook", "list").standardOutput == "")
        _ = try atelier("participant", "edit", "p1@asso.fr", "--city", "Bayeux")
        #expect(try atelier("worker", "--until-idle").status == 0)
        #expect(try receiver.requests().count == 1)
        #expect(try receiver.requests().allSatisfy { $0.signatureValid == true })
        let help = try atelier("help", "webhook", "remove").standardOutput.split(whereSeparator: \.isWhitespace)
        #expect(help.joined(separator: " ").contains("those already queued for it are still POSTed"))
        // Added again, it is a new endpoint with a new secret.
        #expect(try atelier("webhook", "add", receiver.url()).status == 0)
        #expect(try atelier("webhook", "list").standardOutput == "\(receiver.url())\n")
    }
}
