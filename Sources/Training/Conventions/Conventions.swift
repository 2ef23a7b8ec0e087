import Foundation
import Postgres

/// Conventions and contrats de formation, and quotes: drawn for a session from its programme
/// version and prices, and signed — on paper, recorded by a coordinator — before the action.
public struct Conventions {
    let store: Store
    var connection: Connection { store.connection }

    public init(_ store: Store) { self.store = store }

    /// How long a quote's offer holds.
    static let quoteDays = 30

    /// Draws the convention with a structure for its confirmed participants, or the contrat with
    /// an individual who pays part of the price; an unsigned one of the same party is drawn
    /// again, a signed one stands.
    public func draw(session code: String, with party: ConventionParty) throws -> Convention {
        if case .funder = party {
            throw TrainingError.invalid(
                "A funder signs no convention: its agreement, or an accepted quote (`atelier quote add … --buyer funder:…`), stands for it."
            )
        }
        return try draw(session: code, with: party, quote: false)
    }

    /// Draws a quote (devis) for the buyer's participants, with every mention of D6353-1, valid
    /// for 30 days; an unaccepted one of the same buyer is drawn again.
    public func quote(session code: String, to party: ConventionParty) throws -> Convention {
        try draw(session: code, with: party, quote: true)
    }

    private func draw(session code: String, with party: ConventionParty, quote: Bool) throws -> Convention {
        try connection.write { connection in
            let session = try SessionRow(code, on: connection)
            guard session.status != .cancelled else {
                throw TrainingError.refused(
                    "The session \(session.code) is cancelled: it takes no convention nor quote.")
            }
            let seats = try SessionPricing(session: session.code, on: connection).seats
            let resolved = try resolve(party, seats: seats, quote: quote, on: connection)
            let existing = try connection.execute(
                """
                SELECT id, signed_on FROM convention
                WHERE session_id = \(session.id) AND kind = \(resolved.kind)
                  AND employer_id IS NOT DISTINCT FROM \(resolved.employer)
                  AND funder_id IS NOT DISTINCT FROM \(resolved.funder)
                  AND participant_id IS NOT DISTINCT FROM \(resolved.participant)
                FOR UPDATE
                """
            ).first
            if let signed = try existing?.decode(LocalDate?.self, "signed_on") {
                throw TrainingError.refused(
                    "The \(resolved.kind.french) of \(resolved.printed.name) for \(session.code) was signed on \(signed): it stands as signed."
                )
            }
            guard let organisation = try OrganisationRecord(store).current() else {
                throw TrainingError.refused(
                    "The organisation's identity is not set yet: set it with `atelier org edit` before drawing a convention."
                )
            }
            // The document prints its number: an existing one's, or one reserved now.
            let id =
                try existing?.decode(Int.self, "id")
                ?? connection.execute("SELECT nextval(pg_get_serial_sequence('convention', 'id'))")[0].decode(
                    Int.self, at: 0)
            let today = LocalDate(Date(), in: store.timeZone)
            let validUntil = quote ? today.adding(days: Self.quoteDays) : nil
            let pdf = try ConventionDocument(
                id: id, kind: resolved.kind, party: resolved.printed, seats: resolved.covered,
                programme: try Catalogue(store).programme(ofSession: session.code),
                session: try Sessions(store).session(session.code), trainers: try trainers(session: session.id),
                venue: try venue(session: session.id), organisation: organisation, validUntil: validUntil,
                drawnAt: Date(), timeZone: store.timeZone
            ).render()
            let price = resolved.covered.reduce(0) { $0 + $1.price.cents }
            let funded = resolved.covered.reduce(0) { $0 + $1.agreed.cents }
            try connection.execute(
                """
                INSERT INTO convention (id, session_id, kind, employer_id, funder_id, participant_id, valid_until,
                                        price_cents, funded_cents, pdf, pdf_sha256)
                OVERRIDING SYSTEM VALUE
                VALUES (\(id), \(session.id), \(resolved.kind), \(resolved.employer), \(resolved.funder), \(resolved.participant),
                        \(validUntil), \(price), \(funded), \(Data(pdf)), \(PackFile.sha256(pdf)))
                ON CONFLICT (id) DO UPDATE SET
                    valid_until = EXCLUDED.valid_until, price_cents = EXCLUDED.price_cents,
                    funded_cents = EXCLUDED.funded_cents, pdf = EXCLUDED.pdf, pdf_sha256 = EXCLUDED.pdf_sha256,
                    drawn_at = now()
                """)
            return try convention(id, on: connection)
        }
    }

    /// Records the party's signature on paper, on `day`: of a convention or a contrat, or with
    /// `quote`, a quote's acceptance while its offer holds.
    public func sign(_ id: Int, by name: String, role: String, on day: LocalDate, quote: Bool = false) throws
        -> Convention
    {
        let name = try Field.required(name, "signatory's name", limit: 200)
        let role = try Field.required(role, "signatory's role", limit: 100)
        guard day <= LocalDate(Date(), in: store.timeZone) else {
            throw TrainingError.invalid(
                "The signature date \(day) is after today: record a signature once it is given.")
        }
        return try connection.write { connection in
            let convention = try convention(id, on: connection, locking: true)
            guard (convention.kind == .quote) == quote else {
                throw TrainingError.refused(
                    quote
                        ? "The \(convention.kind.french) \(id) is not a quote: record its signature with `atelier convention sign \(id)`."
                        : "The quote \(id) is accepted, not signed: `atelier quote accept \(id)`.")
            }
            if let until = convention.validUntil, day > until {
                throw TrainingError.refused(
                    "The quote \(id) held until \(until): draw it again with `atelier quote add` for a new offer.")
            }
            if let signed = convention.signedOn {
                throw TrainingError.refused(
                    "The \(convention.kind.french) \(id) was signed on \(signed) by \(convention.signedBy ?? ""): it stands as signed."
                )
            }
            try connection.execute(
                """
                UPDATE convention SET signed_on = \(day), signed_by = \(name), signer_role = \(role), signed_via = 'paper'
                WHERE id = \(id)
                """)
            return try self.convention(id, on: connection)
        }
    }

    /// The conventions and contrats — or with `quotes`, the quotes — of a session, or of all.
    public func list(session code: String?, quotes: Bool = false) throws -> [Convention] {
        let session = try code.map { try SessionRow($0, on: connection, locking: false).id }
        return try connection.execute(
            """
            \(unescaped: Self.select)
            WHERE (\(session)::bigint IS NULL OR c.session_id = \(session)) AND (c.kind = 'quote') = \(quotes)
            ORDER BY s.code, c.id
            """
        ).map(Self.convention)
    }

    /// The quote `id`.
    public func quote(_ id: Int) throws -> Convention {
        let quote = try convention(id, on: connection)
        guard quote.kind == .quote else {
            throw TrainingError.notFound("No quote has the id \(id): `atelier quote list` lists them.")
        }
        return quote
    }

    /// The PDF as drawn.
    public func pdf(_ id: Int) throws -> (fileName: String, pdf: [UInt8]) {
        let convention = try convention(id, on: connection)
        let row = try connection.execute("SELECT pdf FROM convention WHERE id = \(id)")[0]
        let party = Certificate.words(of: convention.party).joined(separator: "-")
        return (
            "\(convention.kind.french)-\(convention.session)-\(party).pdf", Array(try row.decode(Data.self, at: 0))
        )
    }

    func convention(_ id: Int, on connection: Connection, locking: Bool = false) throws -> Convention {
        guard
            let convention = try connection.execute(
                "\(unescaped: Self.select) WHERE c.id = \(id) \(unescaped: locking ? "FOR UPDATE OF c" : "")"
            ).first.map(Self.convention)
        else {
            throw TrainingError.notFound("No convention has the id \(id): `atelier convention list` lists them.")
        }
        return convention
    }

    /// What a document is drawn for: its kind, the party's row, how it prints, the seats it covers.
    private struct Resolved {
        var kind: Convention.Kind
        var employer: Int?
        var funder: Int?
        var participant: Int?
        var printed: ConventionDocument.Party
        var covered: [BillingPlan.Seat]
    }

    private func resolve(_ party: ConventionParty, seats: [BillingPlan.Seat], quote: Bool, on connection: Connection)
        throws -> Resolved
    {
        switch party {
        case .structure(let text):
            let structure = try Structures(store).find(text, on: connection)
            let covered = seats.filter { $0.employerId == structure.id }
            guard !covered.isEmpty else {
                throw TrainingError.refused("No confirmed participant of the session comes from \(structure.name).")
            }
            let lines = [structure.billing.address, structure.siret.map { "SIRET \($0)" }].compactMap { $0 }
            return Resolved(
                kind: quote ? .quote : .convention, employer: structure.id,
                printed: .init(name: structure.billing.legalName ?? structure.name, lines: lines), covered: covered)
        case .funder(let code):
            let funder = try Catalogue(store).funder(code)
            let id = try connection.execute("SELECT id FROM funder WHERE code = \(funder.code)")[0].decode(
                Int.self, at: 0)
            let covered = seats.filter { $0.agreement?.funderId == id }
            guard !covered.isEmpty else {
                throw TrainingError.refused("\(funder.name) funds no confirmed participant of the session.")
            }
            let lines = [funder.billing.address, funder.siret.map { "SIRET \($0)" }].compactMap { $0 }
            return Resolved(
                kind: .quote, funder: id, printed: .init(name: funder.billing.legalName ?? funder.name, lines: lines),
                covered: covered)
        case .participant(let email):
            guard
                let row = try connection.execute(
                    """
                    SELECT p.id, p.first_name, p.last_name, e.name AS employer
                    FROM participant p LEFT JOIN employer e ON e.id = p.employer_id WHERE p.email = \(email.text)
                    """
                ).first
            else { throw TrainingError.notFound("No participant has the email \(email).") }
            let id = try row.decode(Int.self, "id")
            let name = "\(try row.decode(String.self, "first_name")) \(try row.decode(String.self, "last_name"))"
            if let employer = try row.decode(String?.self, "employer") {
                throw TrainingError.refused(
                    "\(name) comes from \(employer): the \(quote ? "quote goes to" : "convention is with") the structure (`--buyer structure:…`)."
                )
            }
            guard let seat = seats.first(where: { $0.participantId == id }) else {
                throw TrainingError.refused("\(name) has no confirmed registration for the session.")
            }
            guard seat.price > seat.agreed else {
                throw TrainingError.refused(
                    "\(name) pays nothing of the price: a \(quote ? "quote or a " : "")contrat de formation is for an individual who pays, even in part."
                )
            }
            return Resolved(
                kind: quote ? .quote : .contrat, participant: id, printed: .init(name: name, lines: [email.text]),
                covered: [seat])
        }
    }

    /// The session's trainers, each with their qualifications when they say them.
    private func trainers(session: Int) throws -> [String] {
        try connection.execute(
            """
            SELECT t.name || CASE WHEN t.qualifications = '' THEN '' ELSE ' (' || t.qualifications || ')' END FROM trainer t
            WHERE t.id IN (SELECT st.trainer_id FROM slot_trainer st JOIN slot x ON x.id = st.slot_id WHERE x.session_id = \(session))
            ORDER BY t.name
            """
        ).map { try $0.decode(String.self, at: 0) }
    }

    private func venue(session: Int) throws -> String? {
        try connection.execute(
            """
            SELECT v.name || ', ' || v.street || ', ' || v.postal_code || ' ' || v.city FROM slot x JOIN venue v ON v.id = x.venue_id
            WHERE x.session_id = \(session) ORDER BY x.starts_at LIMIT 1
            """
        ).first?.decode(String.self, at: 0)
    }

    static let select = """
        SELECT c.id, s.code AS session, c.kind,
               coalesce(e.legal_name, e.name, fu.legal_name, fu.name, p.first_name || ' ' || p.last_name) AS party,
               c.price_cents, c.funded_cents, c.signed_on, c.signed_by, c.signer_role, c.signed_via, c.valid_until,
               c.pdf_sha256
        FROM convention c JOIN session s ON s.id = c.session_id
        LEFT JOIN employer e ON e.id = c.employer_id LEFT JOIN funder fu ON fu.id = c.funder_id
        LEFT JOIN participant p ON p.id = c.participant_id
        """

    static func convention(_ row: Row) throws -> Convention {
        let kind = try row.decode(Convention.Kind.self, "kind")
        let signed = try row.decode(LocalDate?.self, "signed_on")
        return Convention(
            id: try row.decode(Int.self, "id"), session: try row.decode(String.self, "session"), kind: kind,
            party: try row.decode(String.self, "party"), price: Money(cents: try row.decode(Int.self, "price_cents")),
            funded: Money(cents: try row.decode(Int.self, "funded_cents")), signedOn: signed,
            signedBy: try row.decode(String?.self, "signed_by"),
            signerRole: try row.decode(String?.self, "signer_role"),
            signedVia: try row.decode(Convention.Channel?.self, "signed_via"),
            validUntil: try row.decode(LocalDate?.self, "valid_until"),
            withdrawalEnds: kind == .contrat ? signed?.adding(days: 10) : nil,
            pdfSHA256: try row.decode(String.self, "pdf_sha256"))
    }
}
