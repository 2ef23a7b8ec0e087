import Foundation

/// A module's programme as published from `validFrom` (Qualiopi indicators 1, 5 and 6): what its
/// PDF prints. A version is written by the database whenever a change touches one of these
/// fields and is never changed afterwards (migration 0025); a session keeps the version in force
/// when it was scheduled.
public struct Programme: Sendable, Hashable, Codable {
    public var module: String
    public var version: Int
    public var validFrom: Date
    public var title: String
    public var durationMinutes: Int
    public var modality: Module.Modality
    public var nature: Module.Nature
    public var audience: String
    public var prerequisites: String
    public var objectives: [String]
    /// The content and its running order.
    public var content: String
    public var methods: String
    public var evaluationMethod: String
    public var accessibility: String
    public var accessDelay: String
    public var pricePerParticipant: Money?
    public var pricePerGroup: Money?

    /// Money goes out as integer cents, under names that say so.
    enum CodingKeys: String, CodingKey {
        case module, version, validFrom, title, durationMinutes, modality, nature, audience, prerequisites
        case objectives, content, methods, evaluationMethod, accessibility, accessDelay
        case pricePerParticipant = "pricePerParticipantCents"
        case pricePerGroup = "pricePerGroupCents"
    }
}
