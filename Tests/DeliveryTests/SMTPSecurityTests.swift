import Delivery
import Foundation
import TestSupport
import Testing

/// TLS and logins against a real relay: STARTTLS required or opportunistic, SMTPS, a private CA,
/// a login that is refused. A relay that will not take our credentials is a configuration to fix,
/// not a participant to give up on: it defers, it never discards.
@Suite struct SMTPSecurityTests {
    let certificate: TestCertificate

    init() throws { certificate = try TestCertificate() }

    func message() -> MailMessage {
        MailMessage(
            from: MailAddress("formation@atelier.test"), to: MailAddress("elodie@asso.fr"), subject: "Convocation",
            messageID: "tls.1@atelier.test", text: "Bonjour.")
    }

    @Test func requiredTLSNeverSendsInClearText() throws {
        let plain = try MailCatcher()
        guard
            case .deferred(let reason) = try SMTPSender(SMTPConfiguration(url: plain.url, tls: .required)).send(
                message())
        else {
            Issue.record("sent without TLS")
            return
        }
        // libcurl's own account, from its error buffer.
        #expect(reason.contains("STARTTLS not supported"))
        #expect(plain.messageFiles().isEmpty)
    }

    @Test func starttlsWithThePrivateCA() throws {
        let relay = try MailCatcher(security: .starttls(certificate))
        let trusting = try SMTPSender(
            SMTPConfiguration(url: relay.url, tls: .required, caFile: certificate.certificate))
        guard case .accepted = trusting.send(message()) else {
            Issue.record("not accepted over STARTTLS")
            return
        }
        #expect(relay.transports == ["tls"])
        // Without the CA, the self-signed certificate is not trusted: nothing goes.
        guard case .deferred = try SMTPSender(SMTPConfiguration(url: relay.url, tls: .required)).send(message()) else {
            Issue.record("an untrusted certificate was accepted")
            return
        }
        #expect(relay.messageFiles().count == 1)
    }

    @Test func opportunisticTLSUsesStarttlsWhenOffered() throws {
        let relay = try MailCatcher(security: .starttls(certificate))
        guard
            case .accepted = try SMTPSender(
                SMTPConfiguration(url: relay.url, tls: .opportunistic, caFile: certificate.certificate)
            ).send(message())
        else {
            Issue.record("not accepted")
            return
        }
        #expect(relay.transports == ["tls"])
    }

    @Test func smtpsFromTheFirstByte() throws {
        let relay = try MailCatcher(security: .smtps(certificate))
        #expect(relay.url.hasPrefix("smtps://"))
        guard
            case .accepted = try SMTPSender(SMTPConfiguration(url: relay.url, caFile: certificate.certificate)).send(
                message())
        else {
            Issue.record("not accepted over SMTPS")
            return
        }
        #expect(relay.transports == ["tls"])
    }

    @Test func aLoginIsSentOverTLSAndAWrongOneDefers() throws {
        let relay = try MailCatcher(security: .starttls(certificate), login: "atelier:s3cret")
        // aiosmtpd answers a wrong password with another challenge: the exchange ends at the
        // connect timeout, kept short here.
        func sender(_ password: String?) throws -> SMTPSender {
            try SMTPSender(
                SMTPConfiguration(
                    url: relay.url, tls: .required, username: password == nil ? nil : "atelier",
                    password: password, caFile: certificate.certificate, connectTimeout: .seconds(2)))
        }
        guard case .deferred = try sender("wrong").send(message()) else {
            Issue.record("a wrong password did not defer")
            return
        }
        guard case .deferred = try sender(nil).send(message()) else {
            Issue.record("no login did not defer")
            return
        }
        guard case .accepted = try sender("s3cret").send(message()) else {
            Issue.record("the right login was refused")
            return
        }
        #expect(relay.messageFiles().count == 1)
    }
}
