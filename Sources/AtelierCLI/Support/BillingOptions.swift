import ArgumentParser
import Training

/// The options that set what an invoice prints of a buyer, shared by `structure edit` and
/// `funder edit`. An empty value takes a field off.
struct BillingOptions: ParsableArguments {
    @Option(name: .customLong("legal-name"), help: "The name in law, when it differs.") var legalName: String?
    @Option(name: .customLong("billing-street"), help: "The billing address: street.") var street: String?
    @Option(name: .customLong("billing-postal-code"), help: "Its postal code.") var postalCode: String?
    @Option(name: .customLong("billing-city"), help: "Its city.") var city: String?
    @Option(name: .customLong("billing-email"), help: "Where invoices are mailed.") var email: String?
    @Option(name: .customLong("vat-number"), help: "The VAT number, like FR40123456789.") var vatNumber: String?

    var isEmpty: Bool { [legalName, street, postalCode, city, email, vatNumber].allSatisfy { $0 == nil } }

    func apply(to identity: inout BillingIdentity) {
        if let legalName { identity.legalName = legalName }
        if let street { identity.street = street }
        if let postalCode { identity.postalCode = postalCode }
        if let city { identity.city = city }
        if let email { identity.email = email }
        if let vatNumber { identity.vatNumber = vatNumber }
    }
}

extension BillingIdentity {
    /// `8 rue Daniel Huet, 14000 Caen <compta@…>`, or what of it is set.
    var summary: String {
        [address, email.map { "<\($0)>" }, vatNumber.map { "TVA \($0)" }].compactMap { $0 }.joined(separator: " ")
    }
}
