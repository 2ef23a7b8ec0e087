import Delivery
import Foundation
import Queue
import Training
import Worker

/// POSTs one event to one endpoint, signed with the endpoint's secret, and records the call in
/// the job's transaction. The receiver recognises a repeated call by `Atelier-Event-Id`.
struct WebhookHandler: KindHandler {
    var kind: JobKind { .webhook }

    func perform(_ job: Job, in lane: JobContext) throws -> JobOutcome {
        let store = lane.store
        let arguments = try job.arguments(WebhookArguments.self)
        let messageID = "event-\(arguments.event)@endpoint-\(arguments.endpoint)"
        let deliveries = Deliveries(store)
        if try deliveries.wasAccepted(messageID: messageID) { return .completed }
        guard let call = try Webhooks(store).call(event: arguments.event, endpoint: arguments.endpoint) else {
            return .discard(reason: "not sent: the endpoint \(arguments.url) or the event no longer exists")
        }
        let headers = WebhookSignature.headers(body: call.body, eventID: String(arguments.event), secret: call.secret)
        return try lane.senders.webhooks.send(.post, call.body, to: call.url, headers: headers)
            .settled(refusedBy: "the endpoint") { state, reply in
                try deliveries.record(
                    job: job.id, kind: .webhook, channel: .webhook, registration: nil,
                    recipient: URLCredentials.removed(call.url),
                    messageID: messageID, state, reply: reply)
            }
    }
}
