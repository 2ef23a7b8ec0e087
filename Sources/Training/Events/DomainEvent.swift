import Foundation

/// A change of the trade, appended to `event` in the change's own transaction. Its payload carries
/// the stable ids a job handler needs (an email or a code can be edited) besides what people read.
/// The reactions to it — the jobs it implies — are decided in `Reactions`, checked by the compiler.
protocol DomainEvent: Codable, Sendable {
    /// `registration.confirmed`: the `event.name` column.
    var name: String { get }
}

/// A registration changed: a seat taken, a place on the waitlist, a promotion, a cancellation.
struct RegistrationEvent: DomainEvent {
    enum Change: String, Codable, Sendable { case confirmed, waitlisted, promoted, cancelled }

    let change: Change
    let session: String
    let sessionId: Int
    let registrationId: Int
    let participantId: Int
    let email: String

    var name: String { "registration." + change.rawValue }
}

/// A session moved on: announced, moved, cancelled, completed.
struct SessionEvent: DomainEvent {
    enum Change: String, Codable, Sendable { case scheduled, rescheduled, cancelled, completed }

    let change: Change
    let session: String
    let sessionId: Int

    var name: String { "session." + change.rawValue }
}

/// An entry of the catalogue added or changed: a module, a trainer, a venue, a funder.
struct CatalogueEvent: DomainEvent {
    enum Change: String, Codable, Sendable {
        case moduleAdded = "module.added"
        case moduleEdited = "module.edited"
        case moduleArchived = "module.archived"
        case trainerAdded = "trainer.added"
        case venueAdded = "venue.added"
        case funderAdded = "funder.added"
    }

    let change: Change
    let code: String

    var name: String { change.rawValue }
}

struct ParticipantEvent: DomainEvent {
    enum Change: String, Codable, Sendable { case added, edited }

    let change: Change
    let participantId: Int
    let email: String

    var name: String { "participant." + change.rawValue }
}

struct ParticipantsImported: DomainEvent {
    let file: String
    let participants: Int

    var name: String { "participant.imported" }
}

struct FundingAdded: DomainEvent {
    let session: String
    let sessionId: Int
    let reference: String

    var name: String { "funding.added" }
}

struct AttendanceEvent: DomainEvent {
    let session: String
    let sessionId: Int
    let slot: Date
    let recordedBy: String
    let marks: Int
    let corrected: Bool

    var name: String { corrected ? "attendance.corrected" : "attendance.recorded" }
}

struct AssessmentAnswered: DomainEvent {
    let session: String
    /// A participant's answer; `nil` for a trainer's or a structure's.
    let registrationId: Int?
    let kind: QuestionnaireCode
    /// The participant needs an adaptation: the disability referent is told.
    let adaptationNeeded: Bool

    var name: String { "assessment.answered" }
}

struct OrganisationEdited: DomainEvent {
    let organisation: String

    var name: String { "organisation.edited" }
}
