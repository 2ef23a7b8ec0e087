import Delivery
import Foundation
import TestSupport
import Testing

/// Signed POSTs to a real HTTP receiver that checks the signature with the shared secret.
@Suite struct HTTPSenderTests {
    let receiver: WebhookReceiver
    let sender: HTTPSender
    let body = Array(#"{"id":42,"name":"registration.confirmed","data":{"session":"S-2027-001"}}"#.utf8)

    init() throws {
        receiver = try WebhookReceiver(secret: "whsec_4f1c2a")
        sender = try HTTPSender()
    }

    func post(eventID: String, secret: String) -> SendOutcome {
        sender.send(
            .post, body, to: receiver.url(),
            headers: WebhookSignature.headers(body: body, eventID: eventID, secret: secret))
    }

    @Test func aSignedEventIsDelivered() throws {
        #expect(post(eventID: "42", secret: receiver.secret) == .accepted(reply: #"HTTP 200: {"status": 200}"#))
        let request = try #require(try receiver.requests().first)
        #expect(request.signatureValid == true)
        #expect(request.eventId == "42")
        #expect(request.path == "/events")
        #expect(abs(request.ageSeconds ?? 99) < 5)
    }

    @Test func aWrongSecretIsSeenByTheReceiver() throws {
        _ = post(eventID: "42", secret: "not-the-secret")
        #expect(try receiver.requests().map(\.signatureValid) == [false])
    }

    @Test func serverErrorsAndTooManyRequestsAreDeferredOtherClientErrorsRefused() throws {
        try receiver.answer([500, 429, 410])
        #expect(post(eventID: "1", secret: receiver.secret) == .deferred(reason: #"HTTP 500: {"status": 500}"#))
        #expect(post(eventID: "1", secret: receiver.secret) == .deferred(reason: #"HTTP 429: {"status": 429}"#))
        #expect(post(eventID: "1", secret: receiver.secret) == .refused(reason: #"HTTP 410: {"status": 410}"#))
        #expect(post(eventID: "1", secret: receiver.secret) == .accepted(reply: #"HTTP 200: {"status": 200}"#))
    }

    @Test func anUnreachableEndpointIsDeferred() throws {
        receiver.server.stop()
        guard case .deferred(let reason) = post(eventID: "1", secret: receiver.secret) else {
            Issue.record("not deferred")
            return
        }
        #expect(
            reason.hasPrefix("Failed to connect to 127.0.0.1 port ") && reason.hasSuffix(": Couldn't connect to server")
        )
    }

    /// A report uploaded by HTTPS PUT to a receiver whose self-signed certificate is trusted by
    /// configuration arrives byte for byte; a 500 is tried again; an untrusted certificate is
    /// never sent to.
    @Test func aFileIsUploadedIntactOverHTTPS() throws {
        let certificate = try TestCertificate()
        let secure = try WebhookReceiver(tls: certificate)
        let file = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let url = secure.url("/opco/depot/claims.xlsx")
        let headers = ["Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"]
        try secure.answer([500])
        let trusted = try HTTPSender(caFile: certificate.certificate)
        #expect(trusted.send(.put, file, to: url, headers: headers) == .deferred(reason: #"HTTP 500: {"status": 500}"#))
        #expect(trusted.send(.put, file, to: url, headers: headers) == .accepted(reply: #"HTTP 200: {"status": 200}"#))
        let requests = try secure.requests()
        #expect(requests.map(\.method) == ["PUT", "PUT"])
        #expect(requests.last?.path == "/opco/depot/claims.xlsx")
        #expect(requests.last?.contentType == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        #expect(try secure.upload(2) == Data(file))
        guard case .deferred(let reason) = try HTTPSender().send(.put, file, to: url, headers: headers) else {
            Issue.record("an untrusted certificate must not be sent to")
            return
        }
        #expect(reason.contains("certificate"))
        #expect(try secure.requests().count == 2)
        // The same handle posts again after a PUT: the method is set anew each time.
        let headersOfAnEvent = WebhookSignature.headers(body: body, eventID: "7", secret: receiver.secret)
        #expect(
            trusted.send(.post, body, to: receiver.url(), headers: headersOfAnEvent)
                == .accepted(reply: #"HTTP 200: {"status": 200}"#))
        #expect(try receiver.requests().last?.signatureValid == true)
    }
}
