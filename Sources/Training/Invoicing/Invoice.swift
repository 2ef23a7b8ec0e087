import Foundation

/// An invoice (facture) or a credit note (avoir) to one buyer for one session. A draft has no
/// number; an issued one has its number, its dates and its PDF, and never changes.
public struct Invoice: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case invoice
        case creditNote = "credit_note"

        /// `Facture`, `Avoir`.
        public var french: String { self == .invoice ? "Facture" : "Avoir" }
        /// The series prefix: `FA`, `AV`.
        var prefix: String { self == .invoice ? "FA" : "AV" }
    }

    /// Who is billed: a structure (the employer), a funder (under subrogation), or a person.
    public enum BuyerKind: String, Sendable, Hashable, Codable {
        case structure, funder, participant
    }

    public var id: Int
    public var kind: Kind
    public var session: String
    public var buyerKind: BuyerKind
    /// The buyer as coordinators name it: the structure's or funder's name, or the person's.
    public var buyer: String
    /// `FA-2026-00042`, `nil` for a draft.
    public var number: String?
    public var series: String?
    public var issuedOn: LocalDate?
    public var dueOn: LocalDate?
    public var total: Money
    public var paid: Money
    /// What issued credit notes took off it (for an invoice).
    public var credited: Money
    /// The number of the invoice a credit note credits, and why.
    public var credits: String?
    public var reason: String?
    public var pdfSHA256: String?
    public var lines: [InvoiceLine]

    /// What the buyer still owes: the total less credit notes and payments.
    public var leftToPay: Money {
        Money(cents: kind == .invoice && number != nil ? total.cents - credited.cents - paid.cents : 0)
    }

    public var isDraft: Bool { number == nil }

    enum CodingKeys: String, CodingKey {
        case id, kind, session, number, series, buyer, buyerKind, issuedOn, dueOn, lines, reason, credits
        case total = "totalCents"
        case paid = "paidCents"
        case credited = "creditedCents"
        case pdfSHA256 = "pdfSha256"
    }
}

/// A line of an invoice: a participant's training (a funder's claim, or what a structure or a
/// person owes of the price for the hours done), or a dédit for hours not attended.
public struct InvoiceLine: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case training, dedit
    }

    public var position: Int
    public var kind: Kind
    public var label: String
    public var registrationId: Int?
    public var agreementId: Int?
    public var attendedMinutes: Int?
    public var plannedMinutes: Int?
    public var amount: Money

    enum CodingKeys: String, CodingKey {
        case position, kind, label, registrationId, agreementId, attendedMinutes, plannedMinutes
        case amount = "amountCents"
    }
}

/// A payment received for an issued invoice.
public struct Payment: Sendable, Hashable, Codable {
    public enum Method: String, Sendable, Hashable, Codable, CaseIterable {
        case virement, cheque, prelevement, carte, especes

        /// `virement`, `chèque`, …
        public var french: String {
            switch self {
            case .virement: "virement"
            case .cheque: "chèque"
            case .prelevement: "prélèvement"
            case .carte: "carte"
            case .especes: "espèces"
            }
        }
    }

    public var id: Int
    public var invoice: String
    public var amount: Money
    public var paidOn: LocalDate
    public var method: Method
    /// What is left to pay once it is recorded.
    public var leftToPay: Money

    enum CodingKeys: String, CodingKey {
        case id, invoice, method, paidOn
        case amount = "amountCents"
        case leftToPay = "leftToPayCents"
    }
}

/// A party as an issued invoice prints it, frozen at issue: the seller (the organisation) or the
/// buyer.
struct InvoiceParty: Sendable, Hashable, Codable {
    var name: String
    var siret: String?
    var street: String?
    var postalCode: String?
    var city: String?
    var email: String?
    var vatNumber: String?
    /// The seller's numéro de déclaration d'activité.
    var activityNumber: String?

    /// `8 rue Daniel Huet, 14000 Caen`, when the address is known.
    var address: String? {
        guard let street, let postalCode, let city else { return nil }
        return "\(street), \(postalCode) \(city)"
    }
}
