import Foundation
import Postgres

/// Participants and the organisations they come from.
public struct People {
    let store: Store
    var connection: Connection { store.connection }

    public init(_ store: Store) { self.store = store }

    public func addParticipant(_ draft: Participant) throws -> Participant {
        let participant = try draft.validated()
        return try connection.write { connection in
            try ensureNew(participant.email, on: connection)
            let employerID = try participant.employer.map { try self.employerID($0, on: connection) }
            let id = try connection.execute(
                """
                INSERT INTO participant (first_name, last_name, email, phone, employer_id, status, accessibility_needs)
                VALUES (\(participant.firstName), \(participant.lastName), \(participant.email.text), \(participant.phone),
                        \(employerID), \(participant.status), \(participant.accessibilityNeeds))
                RETURNING id
                """)[0].decode(Int.self, at: 0)
            try EventLog.append(
                ParticipantEvent(change: .added, participantId: id, email: participant.email.text), on: connection,
                jobs: store.jobs)
            return participant
        }
    }

    /// Applies `change` to the participant found by email and saves it; a new email must be free.
    public func editParticipant(_ email: EmailAddress, _ change: (inout Participant) throws -> Void) throws
        -> Participant
    {
        try connection.write { connection in
            var participant = try self.participant(email)
            try change(&participant)
            participant = try participant.validated()
            if participant.email != email { try ensureNew(participant.email, on: connection) }
            let employerID = try participant.employer.map { try self.employerID($0, on: connection) }
            let id = try connection.execute(
                """
                UPDATE participant SET first_name = \(participant.firstName), last_name = \(participant.lastName),
                    email = \(participant.email.text), phone = \(participant.phone), employer_id = \(employerID),
                    status = \(participant.status), accessibility_needs = \(participant.accessibilityNeeds)
                WHERE email = \(email.text)
                RETURNING id
                """)[0].decode(Int.self, at: 0)
            try EventLog.append(
                ParticipantEvent(change: .edited, participantId: id, email: participant.email.text), on: connection,
                jobs: store.jobs)
            return participant
        }
    }

    public func participant(_ email: EmailAddress) throws -> Participant {
        guard let participant = try participants(email: email).first else {
            throw TrainingError.notFound("No participant has the email \(email).")
        }
        return participant
    }

    /// Every participant, in name order.
    public func participants() throws -> [Participant] {
        var all: [Participant] = []
        _ = try participants(.all) { all += $0 }
        return all
    }

    /// The participants in name order (last name, first name, email), handed to `body` in batches
    /// as they come from the database; `page.after` is the email of the participant to start after.
    public func participants(_ page: ListPage, _ body: ([Participant]) throws -> Void) throws -> ListEnd {
        let after = try page.after.map { try participant(EmailAddress($0)).email.text }
        return try store.stream(
            """
            SELECT \(unescaped: Participant.columns) FROM participant p LEFT JOIN employer e ON e.id = p.employer_id
            WHERE \(after) IS NULL
               OR (p.last_name, p.first_name, p.email)
                  > (SELECT last_name, first_name, email FROM participant WHERE email = \(after))
            ORDER BY p.last_name, p.first_name, p.email
            LIMIT \(page.fetchLimit)
            """, page, key: \.email.text, decode: { try $0.map(Participant.init(row:)) }, body)
    }

    private func participants(email: EmailAddress) throws -> [Participant] {
        try connection.execute(
            """
            SELECT \(unescaped: Participant.columns) FROM participant p LEFT JOIN employer e ON e.id = p.employer_id
            WHERE p.email = \(email.text)
            """
        ).map(Participant.init(row:))
    }

    private func ensureNew(_ email: EmailAddress, on connection: Connection) throws {
        let existing = try connection.execute("SELECT email FROM participant WHERE email = \(email.text)")
        if let row = existing.first {
            throw TrainingError.refused("A participant already has the email \(try row.decode(String.self, at: 0)).")
        }
    }

    /// The employer's row, created on first mention: found by SIRET, or by name and city when
    /// it has none. The unique indexes make two concurrent mentions land on one row.
    func employerID(_ employer: Employer, on connection: Connection) throws -> Int {
        let conflict: PostgresQuery =
            employer.siret == nil
            ? "(lower(name), lower(coalesce(city, ''))) WHERE siret IS NULL"
            : "(siret)"
        return try connection.execute(
            """
            INSERT INTO employer (name, siret, city) VALUES (\(employer.name), \(employer.siret), \(employer.city))
            ON CONFLICT \(unescaped: conflict.sql) DO UPDATE SET name = employer.name
            RETURNING id
            """)[0].decode(Int.self, at: 0)
    }
}

extension Participant {
    /// The columns `init(row:)` reads, from `participant p LEFT JOIN employer e`.
    static let columns = """
        p.first_name, p.last_name, p.email, p.phone, p.status, p.accessibility_needs,
        e.name AS employer_name, e.siret AS employer_siret, e.city AS employer_city
        """

    init(row: Row) throws {
        self.init(
            firstName: try row.decode(String.self, "first_name"), lastName: try row.decode(String.self, "last_name"),
            email: EmailAddress(stored: try row.decode(String.self, "email")))
        phone = try row.decode(String?.self, "phone")
        status = try row.decode(Status.self, "status")
        accessibilityNeeds = try row.decode(String.self, "accessibility_needs")
        if let name = try row.decode(String?.self, "employer_name") {
            employer = Employer(
                name: name, siret: try row.decode(String?.self, "employer_siret"),
                city: try row.decode(String?.self, "employer_city"))
        }
    }
}
