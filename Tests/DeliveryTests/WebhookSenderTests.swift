import Delivery
import Foundation
import Testing
import TestSupport

/// Signed POSTs to a real HTTP receiver that checks the signature with the shared secret.
@Suite struct WebhookSenderTests {
    let receiver: WebhookReceiver
    let sender = WebhookSender()
    let body = Array(#"{"id":42,"name":"registration.confirmed","data":{"session":"S-2027-001"}}"#.utf8)

    init() throws {
        receiver = try WebhookReceiver(secret: "whsec_4f1c2a")
    }

    @Test func aSignedEventIsDelivered() throws {
        #expect(sender.post(body, to: receiver.url(), eventID: "42", secret: receiver.secret) == .accepted(reply: #"HTTP 200: {"status": 200}"#))
        let request = try #require(try receiver.requests().first)
        #expect(request.signature_valid)
        #expect(request.event_id == "42")
        #expect(request.path == "/events")
        #expect(abs(request.age_seconds) < 5)
    }

    @Test func aWrongSecretIsSeenByTheReceiver() throws {
        _ = sender.post(body, to: receiver.url(), eventID: "42", secret: "not-the-secret")
        #expect(try receiver.requests().map(\.signature_valid) == [false])
    }

    @Test func serverErrorsAndTooManyRequestsAreDeferredOtherClientErrorsRefused() throws {
        try receiver.answer([500, 429, 410])
        #expect(sender.post(body, to: receiver.url(), eventID: "1", secret: receiver.secret) == .deferred(reason: #"HTTP 500: {"status": 500}"#))
        #expect(sender.post(body, to: receiver.url(), eventID: "1", secret: receiver.secret) == .deferred(reason: #"HTTP 429: {"status": 429}"#))
        #expect(sender.post(body, to: receiver.url(), eventID: "1", secret: receiver.secret) == .refused(reason: #"HTTP 410: {"status": 410}"#))
        #expect(sender.post(body, to: receiver.url(), eventID: "1", secret: receiver.secret) == .accepted(reply: #"HTTP 200: {"status": 200}"#))
    }

    @Test func anUnreachableEndpointIsDeferred() throws {
        receiver.server.stop()
        #expect(sender.post(body, to: receiver.url(), eventID: "1", secret: receiver.secret) == .deferred(reason: "Couldn't connect to server"))
    }
}
