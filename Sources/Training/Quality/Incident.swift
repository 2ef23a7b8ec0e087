import Foundation

/// A complaint, an incident or a difficulty (Qualiopi indicators 31 and 32): what was said, by
/// whom, about which session, and what was answered. Kept as it was said and answered once
/// (migration 0027).
public struct Incident: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case reclamation, incident, difficulte

        /// `réclamation`, as the answer's message names it.
        public var label: String {
            switch self {
            case .reclamation: "réclamation"
            case .incident: "incident"
            case .difficulte: "difficulté"
            }
        }
    }

    /// Who said it, as `--from` names them: `participant:EMAIL`, `trainer:CODE`, `funder:CODE`
    /// or `other`.
    public enum Source: Sendable, Hashable {
        case participant(EmailAddress)
        case trainer(String)
        case funder(String)
        case other

        public init(parsing text: String) throws(TrainingError) {
            let trimmed = text.trimmingWhiteSpace
            let (who, name) =
                trimmed.firstIndex(of: ":").map {
                    (String(trimmed[..<$0]).lowercased(), String(trimmed[trimmed.index(after: $0)...]))
                } ?? (trimmed.lowercased(), "")
            switch who {
            case "participant" where !name.isEmpty: self = .participant(try EmailAddress(name))
            case "trainer" where !name.isEmpty: self = .trainer(name.typedCode)
            case "funder" where !name.isEmpty: self = .funder(name.typedCode)
            case "other" where name.isEmpty: self = .other
            default:
                throw .invalid(
                    "“\(text)” does not say who reported it: write participant:EMAIL, trainer:CODE, funder:CODE or other."
                )
            }
        }

        /// The form `--from` takes.
        public var text: String {
            switch self {
            case .participant(let email): "participant:\(email.text)"
            case .trainer(let code): "trainer:\(code)"
            case .funder(let code): "funder:\(code)"
            case .other: "other"
            }
        }
    }

    public var id: Int
    public var session: String?
    public var kind: Kind
    /// Who reported it, as `--from` names them.
    public var from: String
    public var text: String
    public var reportedAt: Date
    public var answer: String?
    public var answeredAt: Date?
}

/// An improvement decided from an incident, a session's review or on its own, and what was done
/// (indicator 32). Kept as it was decided and done once (migration 0027).
public struct Improvement: Sendable, Hashable, Codable {
    /// What it comes from, as `--from` names it: `incident:ID` or `session:CODE`.
    public enum Origin: Sendable, Hashable {
        case incident(Int)
        case session(String)

        public init(parsing text: String) throws(TrainingError) {
            let parts = text.trimmingWhiteSpace.split(separator: ":", maxSplits: 1).map(String.init)
            switch (parts.first?.lowercased(), parts.count == 2 ? parts[1] : nil) {
            case ("incident", let id?) where Int(id).map({ $0 > 0 }) == true: self = .incident(Int(id) ?? 0)
            case ("session", let code?) where !code.isEmpty: self = .session(code.typedCode)
            default:
                throw .invalid("“\(text)” is not where an improvement comes from: write incident:ID or session:CODE.")
            }
        }

        public var text: String {
            switch self {
            case .incident(let id): "incident:\(id)"
            case .session(let code): "session:\(code)"
            }
        }
    }

    public var id: Int
    public var text: String
    /// What it comes from, as `--from` names it.
    public var from: String?
    public var dueOn: LocalDate?
    public var createdAt: Date
    public var outcome: String?
    public var doneAt: Date?
}
