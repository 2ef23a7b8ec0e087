import Foundation
import Postgres

/// Funding agreements: which funder pays for which registrations of a session, on what basis.
public struct Funding {
    let store: Store
    var connection: Connection { store.connection }

    public init(_ store: Store) { self.store = store }

    /// Records an agreement for the session; its reference (`F1`, `F2`, …) is returned with it.
    public func add(_ agreement: FundingAgreement) throws -> FundingAgreement {
        try connection.write { connection in
            let session = try SessionRow(agreement.session, on: connection)
            let reference = try insert(agreement, session: session.id, on: connection).reference
            try EventLog.append(
                FundingAdded(session: session.code, sessionId: session.id, reference: reference), on: connection,
                jobs: store.jobs)
            return try agreements(ofSession: agreement.session, on: connection).first { $0.reference == reference }!
        }
    }

    func insert(_ agreement: FundingAgreement, session: Int, on connection: Connection) throws -> (
        id: Int, reference: String
    ) {
        let funder = try Catalogue(store).funder(agreement.funder)
        let scheme = try Field.optional(agreement.scheme, "scheme", limit: 200)
        let number = try agreement.agreementNumber.map { number throws(TrainingError) in
            try Field.optional(number, "agreement number", limit: 100)
        }.flatMap { $0.isEmpty ? nil : $0 }
        let row = try connection.execute(
            """
            INSERT INTO funding_agreement (session_id, reference, funder_id, basis, amount_cents, scheme, agreement_number)
            VALUES (\(session), 'F' || (SELECT count(*) + 1 FROM funding_agreement WHERE session_id = \(session)),
                    (SELECT id FROM funder WHERE code = \(funder.code)), \(agreement.basis),
                    \(agreement.amount.cents), \(scheme), \(number))
            RETURNING id, reference
            """)[0]
        return try row.decode((Int, String).self)
    }

    public func agreements(ofSession code: String) throws -> [FundingAgreement] {
        _ = try SessionRow(code, on: connection, locking: false)
        return try agreements(ofSession: code, on: connection)
    }

    func agreements(ofSession code: String, on connection: Connection) throws -> [FundingAgreement] {
        try connection.execute(
            """
            SELECT f.reference, fu.code AS funder, f.basis, f.amount_cents, f.scheme, f.agreement_number
            FROM funding_agreement f JOIN session s ON s.id = f.session_id JOIN funder fu ON fu.id = f.funder_id
            WHERE s.code = \(code.typedCode)
            ORDER BY length(f.reference), f.reference
            """
        ).map { row in
            var agreement = FundingAgreement(
                session: code.typedCode, funder: try row.decode(String.self, "funder"),
                basis: try row.decode(FundingAgreement.Basis.self, "basis"),
                amount: Money(cents: try row.decode(Int.self, "amount_cents")),
                scheme: try row.decode(String.self, "scheme"),
                agreementNumber: try row.decode(String?.self, "agreement_number"))
            agreement.reference = try row.decode(String.self, "reference")
            return agreement
        }
    }
}
