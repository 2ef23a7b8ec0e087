import Foundation
import Queue

/// The kinds of job the trade's events imply, with their queue, priority (0 first) and attempts.
/// A message waits out an SMTP outage: twenty attempts with doubling backoff span about a day.
struct JobKind: Sendable, Hashable {
    let name: String
    let queue: String
    let priority: Int
    let maxAttempts: Int

    static let convocation = JobKind(name: "convocation", queue: "default", priority: 1, maxAttempts: 20)
    static let waitlistNotice = JobKind(name: "waitlist-notice", queue: "default", priority: 2, maxAttempts: 20)
    static let promotionNotice = JobKind(name: "promotion-notice", queue: "default", priority: 1, maxAttempts: 20)
    static let reminder = JobKind(name: "reminder", queue: "default", priority: 3, maxAttempts: 20)
    static let rescheduleNotice = JobKind(name: "reschedule-notice", queue: "default", priority: 1, maxAttempts: 20)
    static let cancellationNotice = JobKind(name: "cancellation-notice", queue: "default", priority: 1, maxAttempts: 20)
    static let certificate = JobKind(name: "certificate", queue: "default", priority: 4, maxAttempts: 20)
    static let questionnaireHot = JobKind(name: "questionnaire-hot", queue: "default", priority: 5, maxAttempts: 20)
    static let questionnaireCold = JobKind(name: "questionnaire-cold", queue: "default", priority: 5, maxAttempts: 20)
    static let webhook = JobKind(name: "webhook", queue: "default", priority: 6, maxAttempts: 20)

    /// What every job of a registration carries: enough to find it again, whatever was edited.
    struct Arguments: Codable, Sendable, Hashable {
        let session: String
        let sessionId: Int
        let registrationId: Int
        let participantId: Int
        /// For reminders: how many days before the first slot.
        var daysBefore: Int?
    }

    func job(_ arguments: some Encodable, runAt: Date? = nil, key: String?) throws -> NewJob {
        try NewJob(kind: name, args: arguments, queue: queue, priority: priority, maxAttempts: maxAttempts, runAt: runAt, uniqueKey: key)
    }
}

/// A `webhook` job: which event to POST, and where.
struct WebhookArguments: Codable, Sendable, Hashable {
    let event: Int
    let name: String
    let endpoint: Int
    let url: String
}
