import ArgumentParser
import Training

/// The closed word lists options take: `--help` lists the words, and anything else is a usage
/// error (64) that names them. Typed in any case, with dashes or underscores.
public protocol ClosedWord: ExpressibleByArgument, CaseIterable, RawRepresentable where RawValue == String {}

extension ClosedWord {
    public init?(argument: String) {
        self.init(rawValue: argument.lowercased().replacingOccurrences(of: "-", with: "_"))
    }
}

extension Session.Status: ClosedWord {}
extension Module.Modality: ClosedWord {}
extension Module.Nature: ClosedWord {}
extension Funder.Kind: ClosedWord {}
extension Funder.InvoiceGrouping: ClosedWord {}
extension Payment.Method: ClosedWord {}

/// `exempt-261-4-4a`, `franchise-293b`, `not-taxable`: named as the law's articles are.
extension BillingTerms.VATRegime: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(rawValue: argument.lowercased().replacingOccurrences(of: "_", with: "-"))
    }
}

/// `hour`, `participant` or `group`, as coordinators say it.
extension FundingAgreement.Basis: ExpressibleByArgument {
    public init?(argument: String) { try? self.init(parsing: argument) }
    public static var allValueStrings: [String] { ["hour", "participant", "group"] }
}

/// `salarié`, `Dirigeant bénévole`, `demandeur_emploi`: the French words, with or without accents.
extension Participant.Status: ExpressibleByArgument {
    public init?(argument: String) { try? self.init(parsing: argument) }
    public static var allValueStrings: [String] { allCases.map(\.label) }
}

/// `convocation`, `waitlist-notice`, …: the kinds of message to a participant.
extension JobKind: ExpressibleByArgument {
    public init?(argument: String) {
        guard let kind = JobKind(rawValue: argument.lowercased().replacingOccurrences(of: "_", with: "-")),
            JobKind.participantMessages.contains(kind)
        else { return nil }
        self = kind
    }

    public static var allValueStrings: [String] { participantMessages.map(\.rawValue) }
}
