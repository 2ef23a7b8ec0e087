import Delivery
import Queue
import Training

extension SendOutcome {
    /// The job's outcome once what the server said is recorded: accepted → completed; refused →
    /// discarded with the reply (`server` says whose); deferred → thrown, so that the job's
    /// transaction records nothing and the job is retried after its kind's backoff.
    func settled(refusedBy server: String, record: (Deliveries.State, String) throws -> Void) throws -> JobOutcome {
        switch self {
        case .accepted(let reply):
            try record(.accepted, reply)
            return .completed
        case .refused(let reason):
            try record(.refused, reason)
            return .discard(reason: "refused by \(server): \(reason)")
        case .deferred(let reason):
            throw DeliveryDeferred(reason: reason)
        }
    }
}

/// The server could not take the message now: the job is tried again after its backoff.
struct DeliveryDeferred: Error, CustomStringConvertible {
    let reason: String
    var description: String { "not delivered yet: \(reason)" }
}
