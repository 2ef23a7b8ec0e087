import Postgres

/// What an invoice prints of a buyer — a structure or a funder — beside its name and SIRET: its
/// legal name, billing address, billing email and VAT number. Each is optional until set; issuing an invoice asks
/// for the address.
public struct BillingIdentity: Sendable, Hashable, Codable {
    /// The name in law, when it differs from the name coordinators use.
    public var legalName: String?
    public var street: String?
    public var postalCode: String?
    public var city: String?
    public var email: String?
    public var vatNumber: String?

    public init() {}

    /// `2 rue de Bras, 14000 Caen`, when the address is set.
    public var address: String? {
        guard let street, let postalCode, let city else { return nil }
        return "\(street), \(postalCode) \(city)"
    }

    /// The same columns on `employer` and `funder`.
    static let columns = "legal_name, billing_street, billing_postal_code, billing_city, billing_email, vat_number"

    init(row: Row) throws {
        legalName = try row.decode(String?.self, "legal_name")
        street = try row.decode(String?.self, "billing_street")
        postalCode = try row.decode(String?.self, "billing_postal_code")
        city = try row.decode(String?.self, "billing_city")
        email = try row.decode(String?.self, "billing_email")
        vatNumber = try row.decode(String?.self, "vat_number")
    }

    /// Canonical values; an empty one is taken off. The address is whole or absent.
    func validated() throws(TrainingError) -> BillingIdentity {
        var identity = BillingIdentity()
        identity.legalName = try Self.line(legalName, "legal name", 200)
        identity.street = try Self.line(street, "billing street", 200)
        identity.postalCode = try postalCode.flatMap { text throws(TrainingError) in
            let code = text.trimmingWhiteSpace
            guard !code.isEmpty else { return nil }
            guard code.count == 5, code.allSatisfy(\.isASCIIDigit) else {
                throw .invalid("The billing postal code “\(Printable.escaped(text))” is not valid: it is 5 digits.")
            }
            return code
        }
        identity.city = try Self.line(city, "billing city", 100)
        guard
            [identity.street, identity.postalCode, identity.city].allSatisfy({ $0 == nil })
                || [identity.street, identity.postalCode, identity.city].allSatisfy({ $0 != nil })
        else {
            throw .invalid("A billing address is a street, a postal code and a city: give the three.")
        }
        identity.email = try email.flatMap { text throws(TrainingError) in
            text.trimmingWhiteSpace.isEmpty ? nil : try EmailAddress(text).text
        }
        identity.vatNumber = try vatNumber.flatMap { text throws(TrainingError) in
            let number = text.filter { !$0.isWhitespace }.uppercased()
            guard !number.isEmpty else { return nil }
            guard (4...15).contains(number.count), number.prefix(2).allSatisfy(\.isASCIIUppercase),
                number.allSatisfy({ $0.isASCIIUppercase || $0.isASCIIDigit })
            else {
                throw .invalid(
                    "The VAT number “\(Printable.escaped(text))” is not valid: a country code and up to 13 letters and digits, like FR40123456789."
                )
            }
            return number
        }
        return identity
    }

    private static func line(_ text: String?, _ name: String, _ limit: Int) throws(TrainingError) -> String? {
        guard let text else { return nil }
        let line = try Field.optional(text, name, limit: limit)
        return line.isEmpty ? nil : line
    }

    /// Saves the identity on the structure or funder row `id` of `table`.
    func save(table: Table, id: Int, on connection: Connection) throws {
        let identity = self
        try connection.execute(
            """
            UPDATE \(unescaped: table.rawValue) SET legal_name = \(identity.legalName),
                billing_street = \(identity.street), billing_postal_code = \(identity.postalCode),
                billing_city = \(identity.city), billing_email = \(identity.email), vat_number = \(identity.vatNumber)
            WHERE id = \(id)
            """)
    }

    enum Table: String { case employer, funder }
}
