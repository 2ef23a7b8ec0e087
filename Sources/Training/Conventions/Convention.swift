import Foundation

/// A convention de formation with a structure (D6353-1), a contrat de formation with an
/// individual who pays, even in part (L6353-3 to -7), or a quote (devis) to any buyer, for one
/// session: as drawn, and as signed — a quote's signature is its acceptance.
public struct Convention: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case convention, contrat, quote

        /// `convention`, `contrat`, `devis`.
        public var french: String { self == .quote ? "devis" : rawValue }
    }

    /// How it was signed: on paper, recorded by a coordinator, or from a personal link.
    public enum Channel: String, Sendable, Hashable, Codable {
        case paper, link
    }

    public var id: Int
    public var session: String
    public var kind: Kind
    /// The structure's, funder's or person's name.
    public var party: String
    /// The price agreed for the participants it names, and what their funders agreed to pay.
    public var price: Money
    public var funded: Money
    public var signedOn: LocalDate?
    public var signedBy: String?
    public var signerRole: String?
    public var signedVia: Channel?
    /// A quote's offer holds until this day.
    public var validUntil: LocalDate?
    /// A contrat's withdrawal period: ten days from its signature (L6353-5); nothing may be
    /// invoiced or paid before the day after.
    public var withdrawalEnds: LocalDate?
    public var pdfSHA256: String

    enum CodingKeys: String, CodingKey {
        case id, session, kind, party, signedOn, signedBy, signerRole, signedVia, validUntil, withdrawalEnds
        case price = "priceCents"
        case funded = "fundedCents"
        case pdfSHA256 = "pdfSha256"
    }
}

/// Who a convention, a contrat or a quote is with: `structure:NAME`, `funder:CODE` (a quote
/// only), `participant:EMAIL`.
public enum ConventionParty: Sendable, Hashable {
    case structure(String)
    case funder(String)
    case participant(EmailAddress)

    /// Reads `structure:NAME` (or its SIRET), `funder:CODE` and `participant:EMAIL`.
    public init(parsing text: String) throws(TrainingError) {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        switch (parts.first?.lowercased(), parts.count) {
        case ("structure", 2): self = .structure(parts[1])
        case ("funder", 2): self = .funder(parts[1])
        case ("participant", 2): self = .participant(try EmailAddress(parts[1]))
        default:
            throw .invalid(
                "The buyer “\(Printable.escaped(text))” is not one: write structure:NAME (or its SIRET), funder:CODE or participant:EMAIL."
            )
        }
    }
}
