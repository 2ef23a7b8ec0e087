import Foundation
import Postgres

/// A structure participants come from — the association that employs them, or where they
/// volunteer —, with whom to ask, three months after a session, what came of it.
public struct Structure: Sendable, Hashable, Codable {
    public var id: Int
    public var name: String
    public var siret: String?
    public var city: String?
    public var contactName: String?
    public var contactEmail: String?
    /// What its invoices print.
    public var billing: BillingIdentity
    /// How many participants say they come from it.
    public var participants: Int
}

/// The structures, created as participants name them (`participant add --organisation`), and
/// their contact, set by a coordinator.
public struct Structures {
    let store: Store
    var connection: Connection { store.connection }

    public init(_ store: Store) { self.store = store }

    static let columns = """
        e.id, e.name, e.siret, e.city, e.contact_name, e.contact_email, e.legal_name, e.billing_street,
        e.billing_postal_code, e.billing_city, e.billing_email, e.vat_number,
        (SELECT count(*) FROM participant p WHERE p.employer_id = e.id) AS participants
        """

    public func structures() throws -> [Structure] {
        try connection.execute("SELECT \(unescaped: Self.columns) FROM employer e ORDER BY lower(e.name), e.city, e.id")
            .map(Self.structure)
    }

    /// The structure `text` names — its SIRET, or its name when one structure has it —, its row
    /// locked until the transaction ends.
    func find(_ text: String, on connection: Connection) throws -> Structure {
        let digits = text.filter { !$0.isWhitespace }
        let bySiret = digits.count == 14 && digits.allSatisfy(\.isASCIIDigit)
        let found = try connection.execute(
            """
            SELECT \(unescaped: Self.columns) FROM employer e
            WHERE CASE WHEN \(bySiret) THEN e.siret = \(digits) ELSE lower(e.name) = lower(\(text.nfc.trimmingWhiteSpace)) END
            ORDER BY e.city FOR UPDATE
            """
        ).map(Self.structure)
        guard let first = found.first else {
            throw TrainingError.notFound(
                "No structure has the name or SIRET “\(Printable.escaped(text))”: `atelier structure list` lists them.")
        }
        guard found.count == 1 else {
            throw TrainingError.invalid(
                "\(found.count) structures are named “\(first.name)” (\(found.map { $0.city ?? "no city" }.joined(separator: ", "))): give the SIRET of the one you mean."
            )
        }
        return first
    }

    /// Edits the structure `text` names, in one transaction: its contact's name and email and its
    /// SIRET when given (`nil` leaves a value as it is, an empty contact removes it), and its
    /// billing identity, which `billing` edits and which is saved whole.
    public func edit(
        _ text: String, contactName: String? = nil, contactEmail: String? = nil, siret: String? = nil,
        billing: (inout BillingIdentity) -> Void = { _ in }
    ) throws -> Structure {
        let name = try contactName.map { name throws(TrainingError) in
            try Field.optional(name, "contact's name", limit: 200)
        }
        let email = try contactEmail.map { email throws(TrainingError) in
            email.trimmingCharacters(in: .whitespaces).isEmpty ? "" : try EmailAddress(email).text
        }
        let siret = try siret.map { siret throws(TrainingError) in try Siret.validated(siret) }
        return try connection.write { connection in
            let structure = try find(text, on: connection)
            var identity = structure.billing
            billing(&identity)
            try identity.validated().save(table: .employer, id: structure.id, on: connection)
            try connection.execute(
                """
                UPDATE employer SET
                    contact_name = CASE WHEN \(name == nil) THEN contact_name ELSE nullif(\(name ?? ""), '') END,
                    contact_email = CASE WHEN \(email == nil) THEN contact_email ELSE nullif(\(email ?? ""), '') END,
                    siret = coalesce(\(siret), siret)
                WHERE id = \(structure.id)
                """)
            return try reread(structure, on: connection)
        }
    }

    private func reread(_ structure: Structure, on connection: Connection) throws -> Structure {
        try connection.execute("SELECT \(unescaped: Self.columns) FROM employer e WHERE e.id = \(structure.id)")
            .map(Self.structure)[0]
    }

    static func structure(_ row: Row) throws -> Structure {
        Structure(
            id: try row.decode(Int.self, "id"), name: try row.decode(String.self, "name"),
            siret: try row.decode(String?.self, "siret"), city: try row.decode(String?.self, "city"),
            contactName: try row.decode(String?.self, "contact_name"),
            contactEmail: try row.decode(String?.self, "contact_email"), billing: try BillingIdentity(row: row),
            participants: try row.decode(Int.self, "participants"))
    }
}
