import Postgres

/// Where slots take place: the address and how to get in, as convocations print them.
public struct Venue: Sendable, Hashable, Codable {
    public var code: String
    public var name: String
    public var street: String
    public var postalCode: String
    public var city: String
    public var accessNotes = ""
    /// Reachable without steps (for participants with reduced mobility).
    public var isStepFree = false

    public init(code: String, name: String, street: String, postalCode: String, city: String) {
        (self.code, self.name, self.street, self.postalCode, self.city) = (code, name, street, postalCode, city)
    }

    /// `12 rue des Lilas, 14000 Caen`.
    public var address: String { "\(street), \(postalCode) \(city)" }
}

extension Catalogue {
    public func addVenue(_ draft: Venue) throws -> Venue {
        var venue = draft
        venue.code = try Field.code(draft.code, of: "venue")
        venue.name = try Field.required(draft.name, "name", limit: 200)
        venue.street = try Field.required(draft.street, "street", limit: 200)
        venue.city = try Field.required(draft.city, "city", limit: 100)
        venue.accessNotes = try Field.optional(draft.accessNotes, "access notes", limit: 2000, lines: .many)
        guard venue.postalCode.count == 5, venue.postalCode.allSatisfy(\.isASCIIDigit) else {
            throw TrainingError.invalid("The postal code “\(draft.postalCode)” is not valid: it is 5 digits.")
        }
        return try connection.write { connection in
            try ensureFree(venue.code, of: "venue", on: connection)
            try connection.execute(
                """
                INSERT INTO venue (code, name, street, postal_code, city, access_notes, step_free)
                VALUES (\(venue.code), \(venue.name), \(venue.street), \(venue.postalCode), \(venue.city),
                        \(venue.accessNotes), \(venue.isStepFree))
                """)
            try EventLog.append(CatalogueEvent(change: .venueAdded, code: venue.code), on: connection, jobs: store.jobs)
            return venue
        }
    }

    public func venue(_ code: String) throws -> Venue {
        try only(venues(code: code.typedCode), noun: "venue", code: code)
    }

    public func venues() throws -> [Venue] { try venues(code: nil) }

    private func venues(code: String?) throws -> [Venue] {
        try connection.execute(
            """
            SELECT code, name, street, postal_code, city, access_notes, step_free FROM venue
            WHERE \(code) IS NULL OR code = \(code) ORDER BY code
            """
        ).map { row in
            let (code, name, street, postalCode, city, notes, stepFree) =
                try row.decode((String, String, String, String, String, String, Bool).self)
            var venue = Venue(code: code, name: name, street: street, postalCode: postalCode, city: city)
            venue.accessNotes = notes
            venue.isStepFree = stepFree
            return venue
        }
    }
}
