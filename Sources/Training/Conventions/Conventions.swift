import Foundation
import Postgres

/// Conventions and contrats de formation: drawn for a session from its programme version and
/// prices, and signed — on paper, recorded by a coordinator — before the action.
public struct Conventions {
    let store: Store
    var connection: Connection { store.connection }

    public init(_ store: Store) { self.store = store }

    /// Draws the convention with a structure for its confirmed participants, or the contrat with
    /// an individual who pays part of the price; an unsigned one of the same party is drawn
    /// again, a signed one stands.
    public func draw(session code: String, with party: ConventionParty) throws -> Convention {
        try connection.write { connection in
            let session = try SessionRow(code, on: connection)
            guard session.status != .cancelled else {
                throw TrainingError.refused("The session \(session.code) is cancelled: it takes no convention.")
            }
            let seats = try SessionPricing(session: session.code, on: connection).seats
            let (kind, employer, participant, printed, covered) = try resolve(party, seats: seats, on: connection)
            if let signed = try connection.execute(
                """
                SELECT signed_on FROM convention
                WHERE session_id = \(session.id) AND employer_id IS NOT DISTINCT FROM \(employer)
                  AND participant_id IS NOT DISTINCT FROM \(participant) AND signed_on IS NOT NULL
                """
            ).first {
                throw TrainingError.refused(
                    "The \(kind.rawValue) of \(printed.name) for \(session.code) was signed on \(try signed.decode(LocalDate.self, at: 0)): it stands as signed."
                )
            }
            guard let organisation = try OrganisationRecord(store).current() else {
                throw TrainingError.refused(
                    "The organisation's identity is not set yet: set it with `atelier org edit` before drawing a convention."
                )
            }
            let pdf = try ConventionDocument(
                kind: kind, party: printed, seats: covered,
                programme: try Catalogue(store).programme(ofSession: session.code),
                session: try Sessions(store).session(session.code), trainers: try trainers(session: session.id),
                venue: try venue(session: session.id), organisation: organisation, drawnAt: Date(),
                timeZone: store.timeZone
            ).render()
            let price = covered.reduce(0) { $0 + $1.price.cents }
            let funded = covered.reduce(0) { $0 + $1.agreed.cents }
            let id = try connection.execute(
                """
                INSERT INTO convention (session_id, kind, employer_id, participant_id, price_cents, funded_cents, pdf, pdf_sha256)
                VALUES (\(session.id), \(kind), \(employer), \(participant), \(price), \(funded), \(Data(pdf)), \(PackFile.sha256(pdf)))
                ON CONFLICT (session_id, coalesce(employer_id, 0), coalesce(participant_id, 0)) DO UPDATE SET
                    price_cents = EXCLUDED.price_cents, funded_cents = EXCLUDED.funded_cents, pdf = EXCLUDED.pdf,
                    pdf_sha256 = EXCLUDED.pdf_sha256, drawn_at = now()
                RETURNING id
                """)[0].decode(Int.self, at: 0)
            return try convention(id, on: connection)
        }
    }

    /// Records the party's signature on paper, on `day`.
    public func sign(_ id: Int, by name: String, role: String, on day: LocalDate) throws -> Convention {
        let name = try Field.required(name, "signatory's name", limit: 200)
        let role = try Field.required(role, "signatory's role", limit: 100)
        guard day <= LocalDate(Date(), in: store.timeZone) else {
            throw TrainingError.invalid(
                "The signature date \(day) is after today: record a signature once it is given.")
        }
        return try connection.write { connection in
            let convention = try convention(id, on: connection, locking: true)
            if let signed = convention.signedOn {
                throw TrainingError.refused(
                    "The \(convention.kind.rawValue) \(id) was signed on \(signed) by \(convention.signedBy ?? ""): it stands as signed."
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

    /// The conventions and contrats of a session, or of every session.
    public func list(session code: String?) throws -> [Convention] {
        let session = try code.map { try SessionRow($0, on: connection, locking: false).id }
        return try connection.execute(
            "\(unescaped: Self.select) WHERE \(session)::bigint IS NULL OR c.session_id = \(session) ORDER BY s.code, c.id"
        ).map(Self.convention)
    }

    /// The PDF as drawn.
    public func pdf(_ id: Int) throws -> (fileName: String, pdf: [UInt8]) {
        let convention = try convention(id, on: connection)
        let row = try connection.execute("SELECT pdf FROM convention WHERE id = \(id)")[0]
        let party = Certificate.words(of: convention.party).joined(separator: "-")
        return (
            "\(convention.kind.rawValue)-\(convention.session)-\(party).pdf", Array(try row.decode(Data.self, at: 0))
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

    /// The kind, the party's ids and printed identity, and the seats it covers.
    private func resolve(_ party: ConventionParty, seats: [BillingPlan.Seat], on connection: Connection) throws -> (
        Convention.Kind, Int?, Int?, ConventionDocument.Party, [BillingPlan.Seat]
    ) {
        switch party {
        case .structure(let text):
            let structure = try Structures(store).find(text, on: connection)
            let covered = seats.filter { $0.employerId == structure.id }
            guard !covered.isEmpty else {
                throw TrainingError.refused("No confirmed participant of the session comes from \(structure.name).")
            }
            let billing = structure.billing
            let lines = [
                billing.street.map { "\($0), \(billing.postalCode ?? "") \(billing.city ?? "")" },
                structure.siret.map { "SIRET \($0)" },
            ].compactMap { $0 }
            return (
                .convention, structure.id, nil, .init(name: billing.legalName ?? structure.name, lines: lines), covered
            )
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
                    "\(name) comes from \(employer): the convention is with the structure (`--buyer structure:…`).")
            }
            guard let seat = seats.first(where: { $0.participantId == id }) else {
                throw TrainingError.refused("\(name) has no confirmed registration for the session.")
            }
            guard seat.price > seat.agreed else {
                throw TrainingError.refused(
                    "\(name) pays nothing of the price: a contrat de formation is for an individual who pays, even in part."
                )
            }
            return (.contrat, nil, id, .init(name: name, lines: [email.text]), [seat])
        }
    }

    private func trainers(session: Int) throws -> [String] {
        try connection.execute(
            """
            SELECT t.name FROM trainer t
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
        SELECT c.id, s.code AS session, c.kind, coalesce(e.legal_name, e.name, p.first_name || ' ' || p.last_name) AS party,
               c.price_cents, c.funded_cents, c.signed_on, c.signed_by, c.signer_role, c.signed_via, c.pdf_sha256
        FROM convention c JOIN session s ON s.id = c.session_id
        LEFT JOIN employer e ON e.id = c.employer_id LEFT JOIN participant p ON p.id = c.participant_id
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
            withdrawalEnds: kind == .contrat ? signed?.adding(days: 10) : nil,
            pdfSHA256: try row.decode(String.self, "pdf_sha256"))
    }
}
