import Foundation

/// A participant's place in a session: confirmed, waiting, or cancelled; and who pays for it.
public struct Registration: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable {
        case confirmed, waitlisted, cancelled
    }

    public var session: String
    public var participant: Participant
    public var status: Status
    public var registeredAt: Date
    /// The funding agreement's reference in the session (`F1`), if any.
    public var funding: String?
    /// When the last message to the participant was refused for good: its kind and the server's
    /// reply (`convocation: 550 5.1.1 No such user`). Someone has to call them.
    public var mailRefused: String?
}

/// A funder's agreement for one registration or a group of them.
public struct FundingAgreement: Sendable, Hashable, Codable {
    public enum Basis: String, Sendable, Hashable, Codable, CaseIterable {
        /// A rate per attended hour.
        case perHour = "per_hour"
        /// A flat amount per participant, prorated to the minutes attended.
        case perParticipant = "per_participant"
        /// One amount for the whole group (an action collective), shared by attended minutes.
        case perGroup = "per_group"

        /// `hour`, `participant`, `group`, or the stored names.
        public init(parsing text: String) throws(TrainingError) {
            switch text.lowercased() {
            case "hour", "per-hour", "per_hour": self = .perHour
            case "participant", "per-participant", "per_participant": self = .perParticipant
            case "group", "per-group", "per_group": self = .perGroup
            default: throw .invalid("The funding basis “\(text)” is not one of: hour, participant, group.")
            }
        }
    }

    public var session: String
    public var reference: String
    public var funder: String
    public var basis: Basis
    public var amount: Money
    public var scheme: String
    public var agreementNumber: String?

    enum CodingKeys: String, CodingKey {
        case session, reference, funder, basis, scheme, agreementNumber
        case amount = "amountCents"
    }

    public init(
        session: String, funder: String, basis: Basis, amount: Money, scheme: String = "",
        agreementNumber: String? = nil
    ) {
        (self.session, self.reference, self.funder, self.basis, self.amount, self.scheme, self.agreementNumber) =
            (session, "", funder, basis, amount, scheme, agreementNumber)
    }
}

/// How a registration is funded, as the `register` command says it.
public enum FundingChoice: Sendable, Hashable {
    /// Joins an agreement of the session, by its reference (`F1`).
    case existing(String)
    /// A new agreement covering this registration alone.
    case new(FundingAgreement)
}
